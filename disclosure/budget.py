"""A budget on how many published figures one organisation's data may go into.

The attack it stops: noise protects one figure, but every published figure over a
different set of organisations is one more noisy equation in their values. Someone who
can choose the sets (a coordinator forming many coalitions of overlapping members) can
solve enough equations for each member's exact value, the noise averaging out. So each
organisation's data may go into at most ``limit`` distinct sets over the releases of
the differencing window (disclosure.history: the figures people may still have). A set
already shown in the window costs nothing again: the same data gives the same noise
(disclosure.noise).

Callers decide the order in which sets claim their place; the first to claim keeps it
(for coalitions: the set that formed first, so that sets formed later by someone else
cannot take a place from an older one)."""

from collections import Counter


class Ledger:
    """The sets shown in the window, each with the number of the last release that
    showed it. Pickled into every release, so the next one carries it forward."""

    def __init__(self, shown=None):
        self.shown = dict(shown or {})  # frozenset of organisation ids -> release number
        self._uses = Counter(org for members in self.shown for org in members)

    def uses(self, organisation):
        """How many distinct sets shown in the window hold ``organisation``."""
        return self._uses[organisation]

    def allows(self, members, limit):
        """Whether a figure over ``members`` may be shown: it was shown already, or none
        of its members has used up its budget."""
        members = frozenset(members)
        return members in self.shown or all(self._uses[org] < limit for org in members)

    def spend(self, members, number):
        """Record that release ``number`` shows a figure over ``members``."""
        members = frozenset(members)
        if members not in self.shown:
            self._uses.update(members)
        self.shown[members] = number

    def within(self, window):
        """A new ledger holding only the sets shown by releases numbered in ``window``
        (disclosure.releases.Context.window)."""
        return Ledger({m: n for m, n in self.shown.items() if n in window})

    def __getstate__(self):
        return {"shown": self.shown}

    def __setstate__(self, state):
        self.__init__(state["shown"])
