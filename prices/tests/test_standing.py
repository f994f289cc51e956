"""Where do I stand: the summary first, the contracts by potential saving, those without a
published benchmark last, and the filters. Figures worked out by hand from a market of
eight hospitals paying 100k..170k a year (noise off)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from contracts.tests.factories import ContractFactory
from portal.tests.factories import member
from vendors.tests.factories import LeafCategoryFactory

pytestmark = pytest.mark.django_db
PARAMS = {"maatstaf": "annual", "jaar": 2025}


@pytest.fixture
def hospital(market, exact_figures):
    """The 8th hospital (170k in pacs-test) with a second pacs-test contract of 135k and
    one in a category nobody else buys (no published benchmark). Its peers, without it:
    100k..160k, median 130k, P75 about 145k."""
    for n in range(8):
        market.hospital(100_000 + 10_000 * n)
    own = market.organizations[7]
    market.contract(own, 135_000, vendor="w", start=date(2024, 2, 1))
    ContractFactory(
        organization=own,
        vendor=market.vendors["w"],
        category=LeafCategoryFactory(slug="backup-test", name="Back-up"),
        reference="C-backup",
        start_date=date(2024, 1, 1),
        end_date=date(2028, 12, 31),
        lines=[{"cost_type": "subscription", "amount": Decimal(50_000), "frequency": "yearly"}],
    )
    market.release()
    return own


def page(client, organization, **params):
    client.force_login(member(organization))
    return client.get(reverse("price_standing"), {**PARAMS, **params}).content.decode()


def text_of(html, element_id):
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</', html, re.S)
    return found.group(1).strip()


def test_summary_comes_first_with_hand_worked_figures(hospital, client):
    html = page(client, hospital)
    # 170k - 130k = 40,000; 135k - 130k = 5,000.
    assert text_of(html, "total-saving") == "€ 45.000"
    assert text_of(html, "above-p75") == "1"
    assert text_of(html, "without-benchmark") == "1"
    assert html.index("standing-summary") < html.index("standing-table")


def test_rows_by_saving_and_without_benchmark_last_collapsed(hospital, client):
    html = page(client, hospital)
    references = re.findall(r'class="nowrap" href="[^"]+">([^<]+)</a>', html)
    assert references == [
        f"C-{hospital.slug}-2024-01-01",  # saves 40,000
        f"C-{hospital.slug}-2024-02-01",  # saves 5,000
        "C-backup",  # no benchmark: in the collapsed list below
    ]
    collapsed = html[html.index('<details class="without-benchmark"') :]
    assert "C-backup" in collapsed and "<details" in collapsed and " open" not in collapsed[:60]
    assert "1 contract zonder gepubliceerde benchmark" in collapsed


def test_filter_only_above_p75(hospital, client):
    html = page(client, hospital, boven_p75="on")
    assert f"C-{hospital.slug}-2024-01-01" in html
    assert f"C-{hospital.slug}-2024-02-01" not in html and "C-backup" not in html
    assert text_of(html, "total-saving") == "€ 40.000"
    assert text_of(html, "without-benchmark") == "0"


def test_filter_by_category_offers_only_own_categories(hospital, client):
    html = page(client, hospital, categorie="backup-test")
    assert "C-backup" in html and f"C-{hospital.slug}-2024-01-01" not in html
    assert text_of(html, "total-saving") == "€ 0,00"
    assert 'value="backup-test"' in html and 'value="pacs-test"' in html
    other = LeafCategoryFactory(slug="not-mine")
    assert f'value="{other.slug}"' not in page(client, hospital)


def test_export_follows_the_order_and_filters(hospital, client):
    client.force_login(member(hospital))
    params = {**PARAMS, "boven_p75": "on"}
    csv = client.get(reverse("price_standing_export", args=["csv"]), params).content.decode()
    lines = csv.strip().splitlines()
    assert len(lines) == 3 and lines[1].startswith(f"C-{hospital.slug}-2024-01-01")
