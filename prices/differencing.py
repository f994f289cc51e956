"""Complementary suppression against differencing.

The attack: two published statistics whose contributing organisations differ by a few
organisations (the same peer group with and without one member, a vendor's customers
against all, this year against last year) let someone infer those few organisations'
values. The rule: any two published statistics of the same quantity (one category,
cost type and metric; all years, peer groups and suppliers together) must have
contributing sets that are identical or differ by more than ``min_organisations``.

Why "more than" and not "at least": an organisation sees every figure without its own
data (prices.disclosure rule 4). If it is one of the organisations in the difference,
it sees a difference one smaller; requiring min + 1 keeps that at min or more.

The method (deterministic, greedy): candidates are visited from the largest set down
(ties by key); a candidate is published when it conflicts with no statistic published
so far, otherwise suppressed. So broad statistics survive and the narrower one of a
conflicting pair goes.

Finding conflicts quickly ("prefix filtering" from set-similarity joins): give the
organisations a fixed order. If |A - B| <= d and |B - A| <= d, then the first member of
A ∩ B is among the first d + 1 members of A and of B. So each published set is indexed
by its first d + 1 members, and a candidate is compared exactly (as bit sets) only with
sets that share one of those members."""

from collections import defaultdict
from dataclasses import dataclass

import numpy as np


@dataclass
class Candidate:
    key: tuple
    members: np.ndarray  # sorted organisation codes (positions in a fixed order)

    def bits(self) -> int:
        if not hasattr(self, "_bits"):
            mask = np.zeros(int(self.members[-1]) + 1, dtype=bool)
            mask[self.members] = True
            self._bits = int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")
        return self._bits


def conflicting(a: Candidate, b: Candidate, max_difference: int) -> bool:
    difference = (a.bits() ^ b.bits()).bit_count()
    return 0 < difference <= max_difference


def suppress_differencing(candidates, max_difference: int):
    """The keys of ``candidates`` to suppress so that no two of the rest differ by
    1..max_difference members."""
    order = sorted(candidates, key=lambda c: (-len(c.members), c.key))
    prefix_length = max_difference + 1
    index = defaultdict(list)  # organisation code -> published candidates with it in prefix
    suppressed = set()
    for candidate in order:
        size = len(candidate.members)
        prefix = candidate.members[:prefix_length].tolist()
        seen = set()
        clash = False
        for code in prefix:
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
