from datetime import date
from decimal import Decimal

import pandas as pd

from contracts.models import VendorSwitch
from contracts.switching import find_switches
from contracts.tests.factories import ContractFactory
from vendors.tests.factories import VendorFactory

COLUMNS = ["id", "organization_id", "category_id", "vendor_id", "start_date", "end_date"]


def frame(*rows):
    return pd.DataFrame(rows, columns=COLUMNS)


def test_follow_up_with_another_vendor_is_a_switch():
    contracts = frame(
        (1, 1, 10, 100, date(2018, 1, 1), date(2022, 12, 31)),
        (2, 1, 10, 200, date(2023, 1, 1), date(2027, 12, 31)),
    )
    found = find_switches(contracts, [2])
    assert found[["from_id", "to_id", "from_vendor_id", "to_vendor_id"]].values.tolist() == [
        [1, 2, 100, 200]
    ]
    assert found["switch_date"].tolist() == [date(2023, 1, 1)]


def test_renewal_with_the_same_vendor_is_not_a_switch():
    contracts = frame(
        (1, 1, 10, 100, date(2018, 1, 1), date(2022, 12, 31)),
        (2, 1, 10, 100, date(2023, 1, 1), date(2027, 12, 31)),
    )
    assert find_switches(contracts, [2]).empty


def test_other_category_organisation_or_long_gap_is_not_followed():
    contracts = frame(
        (1, 1, 10, 100, date(2018, 1, 1), date(2022, 12, 31)),
        (2, 1, 11, 200, date(2023, 1, 1), date(2027, 12, 31)),  # another category
        (3, 2, 10, 200, date(2023, 1, 1), date(2027, 12, 31)),  # another organisation
        (4, 1, 10, 300, date(2025, 6, 1), date(2028, 12, 31)),  # 2.5 years after the end
    )
    assert find_switches(contracts, [2, 3, 4]).empty


def test_the_predecessor_is_the_latest_ending_contract():
    contracts = frame(
        (1, 1, 10, 100, date(2012, 1, 1), date(2017, 12, 31)),
        (2, 1, 10, 200, date(2018, 1, 1), date(2022, 12, 31)),
        (3, 1, 10, 300, date(2022, 10, 1), date(2027, 12, 31)),  # overlaps during migration
    )
    assert find_switches(contracts, [3])[["from_id", "to_id"]].values.tolist() == [[2, 3]]


def test_creating_a_contract_records_the_switch_with_migration_figures(db):
    first = ContractFactory(start_date=date(2019, 1, 1), end_date=date(2023, 12, 31))
    newcomer = VendorFactory()
    from contracts.services import create_contract

    second = create_contract(
        organization=first.organization,
        vendor=newcomer,
        category=first.category,
        reference="NIEUW",
        start_date=date(2024, 1, 1),
        end_date=date(2028, 12, 31),
        initial_term_months=60,
        status="active",
        migration_cost=Decimal("750000"),
        migration_months=14,
    )
    switch = VendorSwitch.objects.get()
    assert (switch.from_contract, switch.to_contract, switch.from_vendor, switch.to_vendor) == (
        first,
        second,
        first.vendor,
        newcomer,
    )
    assert switch.migration_cost == Decimal("750000.00") and switch.migration_months == 14


def test_an_older_contract_entered_after_its_successor_makes_the_successors_switch():
    contracts = frame(
        (1, 1, 10, 100, date(2018, 1, 1), date(2022, 12, 31)),  # entered last
        (2, 1, 10, 200, date(2023, 1, 1), date(2027, 12, 31)),
    )
    found = find_switches(contracts, [1])
    assert found[["from_id", "to_id", "from_vendor_id", "to_vendor_id"]].values.tolist() == [
        [1, 2, 100, 200]
    ]


def _create(organization, vendor, category, reference, start, end, **extra):
    from contracts.services import create_contract

    return create_contract(
        organization=organization,
        vendor=vendor,
        category=category,
        reference=reference,
        start_date=start,
        end_date=end,
        initial_term_months=60,
        status="active",
        **extra,
    )


def test_entering_the_predecessor_later_records_the_switch(db):
    successor = ContractFactory(start_date=date(2024, 1, 1), end_date=date(2028, 12, 31))
    assert not VendorSwitch.objects.exists()
    predecessor = _create(
        successor.organization,
        VendorFactory(),
        successor.category,
        "OUD",
        date(2019, 1, 1),
        date(2023, 12, 31),
    )
    switch = VendorSwitch.objects.get()
    assert (switch.from_contract, switch.to_contract) == (predecessor, successor)
    assert (switch.from_vendor, switch.to_vendor) == (predecessor.vendor, successor.vendor)
    assert switch.switch_date == date(2024, 1, 1)


def test_a_contract_entered_in_between_moves_the_switch_and_keeps_its_figures(db):
    """A (vendor X) then C (vendor Y) was a switch A -> C. B (vendor Y) entered later sits
    between them: the switch is A -> B, and C merely renews B."""
    first = ContractFactory(start_date=date(2015, 1, 1), end_date=date(2019, 12, 31))
    newcomer = VendorFactory()
    organization, category = first.organization, first.category
    last = _create(
        organization,
        newcomer,
        category,
        "C",
        date(2020, 6, 1),
        date(2025, 5, 31),
        migration_cost=Decimal("1000"),
    )
    assert VendorSwitch.objects.get().to_contract == last
    between = _create(organization, newcomer, category, "B", date(2019, 6, 1), date(2020, 12, 31))
    switch = VendorSwitch.objects.get()
    assert (switch.from_contract, switch.to_contract) == (first, between)
    assert (switch.from_vendor, switch.to_vendor) == (first.vendor, newcomer)


def test_migration_figures_entered_with_a_predecessor_stay_off_its_successors_switch(db):
    successor = ContractFactory(start_date=date(2024, 1, 1), end_date=date(2028, 12, 31))
    _create(
        successor.organization,
        VendorFactory(),
        successor.category,
        "OUD",
        date(2019, 1, 1),
        date(2023, 12, 31),
        migration_cost=Decimal("5000"),
        migration_months=3,
    )
    switch = VendorSwitch.objects.get()
    assert switch.to_contract == successor
    assert (switch.migration_cost, switch.migration_months) == (None, None)
