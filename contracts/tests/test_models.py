from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from contracts.models import Contract, ContractLine
from contracts.services import create_contract
from contracts.tests.factories import ContractFactory
from portal.tests.factories import OrganizationFactory
from vendors.tests.factories import LeafCategoryFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db


def _contract_kwargs(**overrides):
    kwargs = {
        "organization": OrganizationFactory(),
        "vendor": VendorFactory(),
        "category": LeafCategoryFactory(),
        "reference": "X-1",
        "start_date": date(2024, 1, 1),
        "end_date": date(2026, 12, 31),
        "initial_term_months": 36,
        "notice_period_months": 3,
        "status": Contract.Status.ACTIVE,
    }
    kwargs.update(overrides)
    return kwargs


def test_end_date_must_follow_start_date():
    with pytest.raises(ValidationError) as err:
        create_contract(**_contract_kwargs(end_date=date(2023, 12, 31)))
    assert "end_date" in err.value.message_dict
    assert not Contract.objects.exists()


def test_notice_period_must_be_shorter_than_term():
    with pytest.raises(ValidationError) as err:
        create_contract(**_contract_kwargs(notice_period_months=36))
    assert "notice_period_months" in err.value.message_dict


def test_category_must_be_a_subcategory():
    top = LeafCategoryFactory().parent
    with pytest.raises(ValidationError) as err:
        create_contract(**_contract_kwargs(category=top))
    assert "category" in err.value.message_dict


def test_products_must_belong_to_vendor_and_category():
    kwargs = _contract_kwargs()
    wrong_vendor = ProductFactory(category=kwargs["category"])
    with pytest.raises(ValidationError):
        create_contract(**kwargs, products=[wrong_vendor])
    wrong_category = ProductFactory(vendor=kwargs["vendor"])
    with pytest.raises(ValidationError):
        create_contract(**kwargs, products=[wrong_category])
    fitting = ProductFactory(vendor=kwargs["vendor"], category=kwargs["category"])
    contract = create_contract(**kwargs, products=[fitting])
    assert list(contract.products.all()) == [fitting]


def test_negative_amount_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError):
        create_contract(
            **_contract_kwargs(
                lines=[
                    {"cost_type": "licence", "amount": Decimal("-1"), "frequency": "yearly"},
                ]
            )
        )
    assert not Contract.objects.exists()


def test_per_unit_price_needs_a_quantity():
    with pytest.raises(ValidationError):
        create_contract(
            **_contract_kwargs(
                lines=[
                    {
                        "cost_type": "licence",
                        "amount": Decimal("10"),
                        "frequency": "yearly",
                        "unit": "user",
                        "quantity": Decimal("0"),
                    },
                ]
            )
        )


def test_reference_is_unique_within_an_organisation():
    contract = ContractFactory(reference="DUP")
    with pytest.raises((ValidationError, IntegrityError)):
        ContractFactory(reference="DUP", organization=contract.organization)
    ContractFactory(reference="DUP")  # another organisation may use it


def test_annual_cost_worked_example():
    """EUR 120,000 a year + EUR 50,000 once over a 60-month term = 120,000 + 10,000."""
    contract = ContractFactory()
    assert contract.annual_cost() == Decimal("130000.00")


def test_annual_cost_of_per_unit_lines():
    """EUR 12.50 per user per year for 800 users = 10,000; training EUR 3,000 once over
    a 36-month term = 1,000 a year."""
    contract = create_contract(
        **_contract_kwargs(
            lines=[
                {
                    "cost_type": "subscription",
                    "amount": Decimal("12.50"),
                    "frequency": "yearly",
                    "unit": "user",
                    "quantity": Decimal("800"),
                },
                {"cost_type": "training", "amount": Decimal("3000"), "frequency": "once"},
            ]
        )
    )
    assert contract.annual_cost() == Decimal("11000.00")
    line = contract.lines.get(cost_type="subscription")
    assert line.total == Decimal("10000.00")


def test_database_refuses_negative_amounts_even_past_validation():
    contract = ContractFactory()
    with pytest.raises(IntegrityError):
        ContractLine.objects.create(
            contract=contract, cost_type="other", amount=Decimal("-5"), frequency="once"
        )


def _unsaved(**fields):
    values = {
        "start_date": date(2024, 1, 1),
        "end_date": date(2027, 6, 30),
        "initial_term_months": 42,
        "notice_period_months": 6,
        "status": Contract.Status.ACTIVE,
    }
    return Contract(**{**values, **fields})


def test_notice_deadline_is_the_end_date_minus_the_notice_period():
    found = _unsaved().notice_deadline(date(2026, 11, 22))
    assert (found.deadline, found.end_date, found.renewals_followed) == (
        date(2026, 12, 30),
        date(2027, 6, 30),
        0,
    )
    assert _unsaved(notice_period_months=0).notice_deadline(date(2026, 11, 22)).deadline == date(
        2027, 6, 30
    )


def test_notice_deadline_after_an_automatic_renewal_and_none_when_nothing_to_give_notice_for():
    today = date(2027, 2, 1)  # the deadline of 30 December 2026 has passed
    renewed = _unsaved(auto_renewal=True, renewal_term_months=12).notice_deadline(today)
    assert (renewed.deadline, renewed.end_date, renewed.renewals_followed) == (
        date(2027, 12, 30),
        date(2028, 6, 30),
        1,
    )
    assert _unsaved().notice_deadline(date(2027, 7, 1)) is None  # ran out
    assert _unsaved(status=Contract.Status.TERMINATED).notice_deadline(today) is None
    assert _unsaved(end_date=None).notice_deadline(today) is None  # not filled in yet
