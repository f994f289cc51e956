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
Then 1-for-many swaps: a published statistic that alone blocks two or more suppressed
ones, which clash neither with one another nor with anything else, gives way to them.
Largest-first is a heuristic for the most statistics without a clash; the swaps show
more of them (the utility benchmark counts cells), at the price of a broad figure here
and there.
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


def suppress_differencing(candidates, max_difference: int, published_before=(), *, swaps=True):
    """The keys of ``candidates`` to suppress so that no two of the rest, nor one of
    them and one of ``published_before``, differ by 1..max_difference members (by
    1..reach for a set of ``published_before`` with a smaller ``reach``). ``swaps``:
    improve on largest-first by 1-for-many swaps (_swaps); without, the method of the
    first round (the benchmark's baseline)."""
    first = [c for c in candidates if not c.withheld]
    last = [c for c in candidates if c.withheld]
    suppressed = _greedy(first, max_difference, published_before, swaps)
    if last:
        kept = [c for c in first if c.key not in suppressed]
        suppressed |= _greedy(last, max_difference, [*published_before, *kept], swaps)
    return suppressed


SWAP_ROUNDS = 4  # each round can free statistics whose last blocker a round removed


def _greedy(candidates, max_difference, published_before, swaps=True):
    order = sorted(candidates, key=lambda c: (-len(c.members), c.key))
    prefix_length = max_difference + 1
    earlier_index = _earlier_index(published_before, prefix_length)
    shown = _Shown(prefix_length, max_difference)
    suppressed = set()
    for candidate in order:
        if _clashes_with_earlier(
            candidate, earlier_index, candidate.members[:prefix_length].tolist(), max_difference
        ) or shown.clashes(candidate):
            suppressed.add(candidate.key)
        else:
            shown.add(candidate)
    for _round in range(SWAP_ROUNDS if swaps else 0):
        freed, blockers = _swaps(order, suppressed, shown, earlier_index, max_difference)
        if not freed:
            break
        suppressed = (suppressed | blockers) - freed
    return suppressed


class _Shown:
    """The statistics published so far, indexed by the first members of their sets."""

    def __init__(self, prefix_length, max_difference):
        self.prefix_length, self.max_difference = prefix_length, max_difference
        self.index = defaultdict(list)  # organisation code -> candidates with it in prefix
        self.live = set()  # ids of the candidates shown (a swap takes one out)
        # Added in descending size (the greedy pass), postings are sorted by size and a
        # scan can stop early; a swap may add a larger one after a smaller.
        self.sorted, self.smallest = True, float("inf")

    def add(self, candidate):
        size = len(candidate.members)
        self.sorted = self.sorted and size <= self.smallest
        self.smallest = min(self.smallest, size)
        self.live.add(id(candidate))
        for code in candidate.members[: self.prefix_length].tolist():
            self.index[code].append(candidate)

    def remove(self, candidate):
        self.live.discard(id(candidate))

    def conflicts(self, candidate, limit=None):
        """The shown statistics ``candidate`` conflicts with (at most ``limit``)."""
        found, seen, size = [], set(), len(candidate.members)
        for code in candidate.members[: self.prefix_length].tolist():
            for other in reversed(self.index.get(code, ())):
                if self.sorted and len(other.members) - size > self.max_difference:
                    break  # sorted by descending size: the rest are larger still
                if id(other) in seen or id(other) not in self.live:
                    continue
                seen.add(id(other))
                if conflicting(candidate, other, self.max_difference):
                    found.append(other)
                    if limit and len(found) >= limit:
                        return found
        return found

    def clashes(self, candidate):
        return bool(self.conflicts(candidate, limit=1))


def _swaps(order, suppressed, shown, earlier_index, max_difference):
    """(keys to publish after all, keys to suppress instead), by 1-for-many swaps: a
    shown statistic that alone blocks two or more suppressed ones which do not clash
    with one another (nor with anything else shown, nor earlier) is suppressed instead,
    and they are shown. More statistics are shown; no two shown ones clash, as before."""
    prefix_length = max_difference + 1
    blocked_by = defaultdict(list)  # id of the one blocker -> (blocker, [candidates])
    for candidate in order:
        if candidate.key not in suppressed or _clashes_with_earlier(
            candidate, earlier_index, candidate.members[:prefix_length].tolist(), max_difference
        ):
            continue
        blockers = shown.conflicts(candidate, limit=2)
        if len(blockers) == 1:
            blocked_by.setdefault(id(blockers[0]), (blockers[0], []))[1].append(candidate)
    freed, blockers = set(), set()
    for blocker, waiting in sorted(blocked_by.values(), key=lambda b: (-len(b[1]), b[0].key)):
        if len(waiting) < 2 or id(blocker) not in shown.live:
            continue
        shown.remove(blocker)
        chosen = []
        for candidate in waiting:
            if not shown.clashes(candidate) and not any(
                conflicting(candidate, other, max_difference) for other in chosen
            ):
                chosen.append(candidate)
        if len(chosen) < 2:
            shown.add(blocker)
            continue
        for candidate in chosen:
            shown.add(candidate)
            freed.add(candidate.key)
        blockers.add(blocker.key)
    return freed, blockers
