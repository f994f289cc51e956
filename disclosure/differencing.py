"""Complementary suppression against differencing.

The attack: two published statistics whose contributing organisations differ by a few
organisations (the same peer group with and without one member, a vendor's customers
against all, this year against last year) let someone infer those few organisations'
values. The rule: any two published statistics of the same quantity (one category,
cost type and metric; all years, peer groups and suppliers together) must have
contributing sets that are identical or differ by more than ``min_organisations``.

Why "more than" and not "at least": an organisation sees every figure without its own
data (disclosure.statistics). If it is one of the organisations in the difference,
it sees a difference one smaller; requiring min + 1 keeps that at min or more.

The method (deterministic, greedy): candidates are visited from the largest set down
(ties by key); a candidate is published when it conflicts with no statistic published
so far, otherwise suppressed. So broad statistics survive and the narrower one of a
conflicting pair goes. Statistics of earlier releases that people may still have
(``published_before``) count as published already: a new release is checked against
them too (differencing over time): in a release after one newcomer joined, the group
with the newcomer is withheld until it differs from every group shown in the window
by more than the minimum.
Cells withheld by the dominance rule (``withheld``) are decided after all others: they
never cost a publishable cell its place, but they are suppressed where they clash,
since their contributors see them recomputed without their own data. Making a cell
dominant (say, with one huge contract of one's own) changes the order, but a neighbour
it had suppressed stays suppressed by the check against earlier releases.

Finding conflicts quickly ("prefix filtering" from set-similarity joins): give the
organisations a fixed order. If |A - B| <= d and |B - A| <= d, then the first member of
A ∩ B is among the first d + 1 members of A and of B. So each published set is indexed
by its first d + 1 members, and a candidate is compared exactly (as bit sets) only with
sets that share one of those members."""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

import numpy as np


@dataclass
class Candidate:
    key: tuple
    members: np.ndarray  # sorted organisation ids
    withheld: bool = False  # by another rule (dominance): decided last
    # For a set published before: the largest difference it clashes at, when smaller
    # than the check's own (None: the check's). See suppress_differencing.
    reach: int | None = None

    def bits(self) -> int:
        if not hasattr(self, "_bits"):
            mask = np.zeros(int(self.members[-1]) + 1, dtype=bool)
            mask[self.members] = True
            self._bits = int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")
        return self._bits


def conflicting(a: Candidate, b: Candidate, max_difference: int) -> bool:
    if b.reach is not None:
        max_difference = min(max_difference, b.reach)
    difference = (a.bits() ^ b.bits()).bit_count()
    return 0 < difference <= max_difference


def _earlier_index(published_before, prefix_length):
    """organisation code -> (ascending sizes, sets) of earlier releases' sets with that
    code in their prefix."""
    index = defaultdict(list)
    for earlier in published_before:
        for code in earlier.members[:prefix_length].tolist():
            index[code].append(earlier)
    return {
        code: ([len(c.members) for c in sets], sets)
        for code, sets in ((k, sorted(v, key=lambda c: len(c.members))) for k, v in index.items())
    }


def _clashes_with_earlier(candidate, earlier_index, prefix, max_difference):
    size = len(candidate.members)
    for code in prefix:
        sizes, sets = earlier_index.get(code, ((), ()))
        first = bisect_left(sizes, size - max_difference)
        last = bisect_right(sizes, size + max_difference)
        if any(conflicting(candidate, other, max_difference) for other in sets[first:last]):
            return True
    return False


def suppress_differencing(candidates, max_difference: int, published_before=()):
    """The keys of ``candidates`` to suppress so that no two of the rest, nor one of
    them and one of ``published_before``, differ by 1..max_difference members (by
    1..reach for a set of ``published_before`` with a smaller ``reach``)."""
    first = [c for c in candidates if not c.withheld]
    last = [c for c in candidates if c.withheld]
    suppressed = _greedy(first, max_difference, published_before)
    if last:
        kept = [c for c in first if c.key not in suppressed]
        suppressed |= _greedy(last, max_difference, [*published_before, *kept])
    return suppressed


def _greedy(candidates, max_difference, published_before):
    order = sorted(candidates, key=lambda c: (-len(c.members), c.key))
    prefix_length = max_difference + 1
    earlier_index = _earlier_index(published_before, prefix_length)
    index = defaultdict(list)  # organisation code -> published candidates with it in prefix
    suppressed = set()
    for candidate in order:
        size = len(candidate.members)
        prefix = candidate.members[:prefix_length].tolist()
        seen = set()
        clash = _clashes_with_earlier(candidate, earlier_index, prefix, max_difference)
        for code in [] if clash else prefix:
            # Postings are in descending size: only the tail can be close enough in size.
            for other in reversed(index[code]):
                if len(other.members) - size > max_difference:
                    break
                if id(other) in seen:
                    continue
                seen.add(id(other))
                if conflicting(candidate, other, max_difference):
                    clash = True
                    break
            if clash:
                break
        if clash:
            suppressed.add(candidate.key)
            continue
        for code in prefix:
            index[code].append(candidate)
    return suppressed
