"""The fast conflict search (prefix filtering) finds exactly what comparing every pair
would find."""

import random
from itertools import combinations

import numpy as np

from disclosure.differencing import Candidate, suppress_differencing


def candidates(sets):
    return [Candidate((i,), np.array(sorted(s))) for i, s in enumerate(sets)]


def test_same_group_with_and_without_one_member():
    suppressed = suppress_differencing(candidates([range(8), range(7)]), 5)
    assert suppressed == {(1,)}  # the smaller one goes


def test_identical_sets_and_large_differences_are_both_kept():
    sets = [range(6), range(6), range(6, 20), range(0, 20)]  # 0, 14, 20 and 6 apart
    assert suppress_differencing(candidates(sets), 5) == set()


def test_a_difference_of_exactly_the_minimum_is_not_enough():
    # A viewer among the five would see a difference of four.
    assert suppress_differencing(candidates([range(10), range(5)]), 5) == {(1,)}
    assert suppress_differencing(candidates([range(11), range(5)]), 5) == set()


def test_no_two_kept_sets_conflict_on_random_families():
    rng = random.Random(7)
    for _ in range(30):
        universe = list(range(40))
        sets = [set(rng.sample(universe, rng.randint(5, 40))) for _ in range(60)]
        sets += [s - {min(s)} for s in sets[:20] if len(s) > 5]  # near-duplicates
        found = candidates(sets)
        suppressed = suppress_differencing(found, 5)
        kept = [c for c in found if c.key not in suppressed]
        for a, b in combinations(kept, 2):
            difference = len(set(a.members.tolist()) ^ set(b.members.tolist()))
            assert difference == 0 or difference > 5
        # Maximal: each suppressed set clashes with a kept one.
        for c in found:
            if c.key in suppressed:
                assert any(
                    0 < len(set(c.members.tolist()) ^ set(k.members.tolist())) <= 5 for k in kept
                )


def test_one_broad_set_blocking_two_narrow_ones_gives_way_to_them():
    """Largest first keeps the twelve and suppresses both eights (each four away from
    it); the eights are eight apart, so showing them instead shows two figures, not one."""
    found = candidates([range(12), range(8), range(4, 12)])
    assert suppress_differencing(found, 5) == {(0,)}
    assert suppress_differencing(found, 5, swaps=False) == {(1,), (2,)}  # the old method


def test_swaps_never_clash_with_sets_published_before():
    rng = random.Random(11)
    for _ in range(30):
        universe = list(range(30))
        sets = [set(rng.sample(universe, rng.randint(5, 30))) for _ in range(50)]
        before = candidates([set(rng.sample(universe, rng.randint(5, 30))) for _ in range(10)])
        found = candidates(sets)
        suppressed = suppress_differencing(found, 5, published_before=before)
        kept = [c for c in found if c.key not in suppressed]
        for a in kept:
            for b in [*kept, *before]:
                difference = len(set(a.members.tolist()) ^ set(b.members.tolist()))
                assert a is b or difference == 0 or difference > 5


def test_an_earlier_release_counts_as_published():
    """A set one member apart from a set shown in the previous release is withheld;
    identical or far-apart sets are not."""
    earlier = [Candidate(("before", 0), np.arange(8))]
    now = candidates([range(9), range(8), range(20)])
    assert suppress_differencing(now, 5, published_before=earlier) == {(0,)}


def test_cells_withheld_for_dominance_never_cost_a_publishable_cell_its_place():
    dominated = Candidate((0,), np.arange(9), withheld=True)
    publishable = Candidate((1,), np.arange(8))
    assert suppress_differencing([dominated, publishable], 5) == {(0,)}
    assert suppress_differencing([Candidate((0,), np.arange(9)), publishable], 5) == {(1,)}


def test_a_set_published_before_with_a_shorter_reach_clashes_only_within_it():
    """A subcategory's set, checked for a main category with reach 2: a main-category
    group one or two organisations away is withheld, one three away is kept."""
    before = [Candidate(("sub",), np.array(range(10)), reach=2)]
    for extra, withheld in ((1, True), (2, True), (3, False)):
        main = candidates([range(10 + extra)])
        assert bool(suppress_differencing(main, 5, published_before=before)) == withheld
