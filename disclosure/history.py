"""The organisation sets of the figures shown in the window: the releases of the last
DISCLOSURE_DIFFERENCING_DAYS days, whose figures people may still have. A new release
is checked against them (differencing over time; disclosure.differencing) and carries
them forward in one of its parts.

The window is a span of time, not a number of releases: releases made out of turn
(after an organisation deleted its data) must not shorten it."""

import numpy as np

from disclosure.differencing import Candidate


class ShownSets:
    """Per group (a quantity whose figures can be subtracted from one another), the
    sets shown, each with the number of the last release that showed it."""

    def __init__(self, sets=None):
        self.sets = sets or {}  # group -> {members bytes: (release number, members)}

    def candidates(self, group, reach=None):
        """The group's sets as already-published candidates (disclosure.differencing)."""
        return [
            Candidate(("before", number, i), members, reach=reach)
            for i, (number, members) in enumerate(self.sets.get(group, {}).values())
        ]

    def by_group(self, reach=None):
        return {group: self.candidates(group, reach) for group in self.sets}

    def within(self, window):
        """A copy holding only the sets shown by releases numbered in ``window``
        (disclosure.releases.Context.window)."""
        kept = {
            group: {b: (n, m) for b, (n, m) in found.items() if n in window}
            for group, found in self.sets.items()
        }
        return ShownSets({group: found for group, found in kept.items() if found})

    def add(self, group, number, members):
        """Record that release ``number`` shows a figure of ``group`` over ``members``
        (sorted organisation ids)."""
        members = np.asarray(members, dtype=np.int64)
        self.sets.setdefault(group, {})[members.tobytes()] = (number, members)

    @classmethod
    def merged(cls, many):
        sets = {}
        for shown in many:
            for group, found in shown.sets.items():
                sets.setdefault(group, {}).update(found)
        return cls(sets)
