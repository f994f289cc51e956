"""The budget on how many distinct sets one organisation's data goes into."""

import pickle

from disclosure.budget import Ledger


def test_an_organisation_goes_into_at_most_the_limit_of_distinct_sets():
    ledger = Ledger()
    for number, members in enumerate(({1, 2}, {1, 3}, {1, 4}), start=1):
        assert ledger.allows(members, limit=3)
        ledger.spend(members, number)
    assert ledger.uses(1) == 3
    assert not ledger.allows({1, 5}, limit=3)  # organisation 1 has used its budget
    assert ledger.allows({2, 5}, limit=3)  # the others have not
    assert ledger.allows({1, 2}, limit=3)  # a set shown before costs nothing again
    ledger.spend({1, 2}, 4)
    assert ledger.uses(1) == 3


def test_sets_leave_the_window_and_free_the_budget():
    ledger = Ledger()
    ledger.spend({1, 2}, 1)
    ledger.spend({1, 3}, 5)
    later = ledger.within(frozenset(range(2, 14)))  # release 1 is out of the window
    assert later.uses(1) == 1 and later.uses(2) == 0
    assert frozenset({1, 3}) in later.shown


def test_a_ledger_survives_a_release_pickle():
    ledger = Ledger()
    ledger.spend({1, 2}, 1)
    again = pickle.loads(pickle.dumps(ledger))
    assert again.uses(1) == 1 and again.shown == {frozenset({1, 2}): 1}
