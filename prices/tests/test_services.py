"""A benchmark cell from the database: worked example with hand-made contracts."""

from datetime import date
from decimal import Decimal

import pytest

from contracts.tests.factories import ContractFactory
from portal.tests.factories import OrganizationFactory, size
from prices.services import benchmark_cell
from vendors.tests.factories import LeafCategoryFactory, VendorFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture
def market():
    category = LeafCategoryFactory(slug="pacs-test")
    vendor = VendorFactory(slug="v")
    organizations = []
    for n in range(6):
        org = OrganizationFactory(slug=f"zh-{n}")
        size(org, year=2025, fte=1000, beds=300)
        ContractFactory(
            organization=org,
            vendor=vendor,
            category=category,
            reference=f"C{n}",
            start_date=date(2024, 1, 1),
            end_date=date(2028, 12, 31),
            initial_term_months=60,
            lines=[
                {
                    "cost_type": "subscription",
                    "amount": Decimal(100_000 + 10_000 * n),
                    "frequency": "yearly",
                }
            ],
        )
        organizations.append(org)
    return category, organizations


def test_cell_of_six_hospitals(market):
    cell = benchmark_cell(category_slug="pacs-test", year=2025, today=TODAY)
    assert (cell.n_organisations, cell.median) == (6, 125_000)


def test_cell_per_fte_leaves_out_the_viewer(market):
    category, organizations = market
    cell = benchmark_cell(
        category_slug="pacs-test",
        year=2025,
        metric="per_fte",
        today=TODAY,
        viewer_organization=organizations[5].pk,
    )
    assert (cell.n_organisations, cell.median) == (5, 120)


def test_recent_prices_do_not_count(market):
    category, organizations = market
    ContractFactory(
        organization=organizations[0],
        category=category,
        reference="NIEUW",
        start_date=date(2026, 10, 1),
        end_date=date(2029, 9, 30),
    )
    cell = benchmark_cell(category_slug="pacs-test", year=2026, today=TODAY)
    assert cell.n_organisations == 6  # the contract of October 2026 is too recent


def test_small_peer_group_is_suppressed(market):
    cell = benchmark_cell(
        category_slug="pacs-test",
        year=2025,
        peer={"province": "UT"},
        viewer_organization=None,
        today=TODAY,
    )
    assert not cell.suppressed  # all six are in Utrecht
    cell = benchmark_cell(
        category_slug="pacs-test", year=2025, peer={"size_band": "large"}, today=TODAY
    )
    assert cell.suppressed and cell.n_organisations is None


def test_only_fixed_dimensions_are_accepted(market):
    with pytest.raises(ValueError):
        benchmark_cell(category_slug="pacs-test", year=2025, peer={"organization_id": 1})
