"""A category's publication on hand-built markets: each disclosure rule, and attempts to
recover one organisation's price by combining peer groups, vendors and years."""

from datetime import date
from itertools import combinations

import numpy as np
import pytest

from disclosure.rules import Rules
from disclosure.statistics import hd_matrix, three_significant
from portal.choices import Sector
from prices.publication import CellKey, build_publication
from prices.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
# Noise off: the figures are the Harrell-Davis estimates (test_attacks.py has the noise).
RULES = Rules(sum_noise=0, quantile_noise=0)
YEARS = [2024, 2025, 2026]


def publish(market, today=TODAY):
    return build_publication(market.category, today=today, rules=RULES, years=YEARS)


def key(**fields):
    return CellKey(**{"metric": "annual", "year": 2025, **fields})


def test_six_hospitals_give_quartiles_and_each_sees_them_without_itself(market):
    for n in range(6):
        market.hospital(100_000 + 10_000 * n)
    publication = publish(market)
    everyone = publication.cell(key(sector=Sector.GENERAL_HOSPITAL))
    assert (everyone.n_organisations, everyone.median) == (6, 125_000)
    assert everyone.p10 is None  # tails only from 10 organisations
    last = market.organizations[5]
    mine = publication.cell(key(sector=Sector.GENERAL_HOSPITAL), last.pk)
    assert (mine.n_organisations, mine.median) == (5, 120_000)


def test_a_group_of_five_is_hidden_from_its_own_members(market):
    for n in range(5):
        market.hospital(100_000 + 10_000 * n)
    publication = publish(market)
    assert publication.cell(key()).n_organisations == 5
    own = publication.cell(key(), market.organizations[0].pk)
    assert own.suppressed and own.n_organisations is None
    assert own.reason == "minder dan 5 organisaties"


def test_a_dominant_organisation_suppresses_the_cell(market):
    for _ in range(5):
        market.hospital(100_000)
    market.hospital(5_000_000)
    cell = publish(market).cell(key())
    assert cell.suppressed and cell.reason == "één organisatie heeft een te groot aandeel"
    assert cell.n_organisations is None


def test_recent_contracts_do_not_count(market):
    for _ in range(5):
        market.hospital(100_000)
    market.hospital(100_000, start=date(2026, 10, 1))  # 52 days before TODAY
    assert publish(market).cell(key(year=2026)).n_organisations == 5


def test_metrics_are_normalised_per_organisation(market):
    for n in range(6):
        market.hospital(120_000, beds=100 * (n + 1), fte=1000)
    publication = publish(market)
    assert publication.cell(key(metric="per_fte")).median == 120
    per_bed = publication.cell(key(metric="per_bed"))
    expected = hd_matrix(np.array([[200.0, 240, 300, 400, 600, 1200]]), [0.5])[0, 0]
    assert per_bed.median == three_significant(expected)  # a blend of 300 and 400 mostly
    assert publication.cell(key(metric="revenue_share")).median == 0.0012


def test_per_user_and_per_workstation_from_lines_priced_that_way(market):
    """Licence EUR 100 and support EUR 20 per user per year for 50 users, a one-off
    EUR 6,000 per workstation for 10 workstations over a 60-month term, and a flat
    hosting fee that neither figure includes: EUR 120 per user, EUR 1,200 per
    workstation a year."""

    def line(cost_type, amount, frequency, unit="flat", quantity=1):
        return {
            "cost_type": cost_type,
            "amount": amount,
            "frequency": frequency,
            "unit": unit,
            "quantity": quantity,
        }

    lines = [
        line("licence", 100, "yearly", "user", 50),
        line("maintenance", 20, "yearly", "user", 50),
        line("implementation", 6000, "once", "workstation", 10),
        line("hosting", 9999, "yearly"),
    ]
    for _ in range(5):
        market.hospital(0, lines=lines)
    publication = publish(market)
    assert publication.cell(key(metric="per_user")).median == 120
    assert publication.cell(key(metric="per_workstation")).median == 1200
    assert publication.cell(key(metric="annual", cost_type="licence")).median == 5000
    # 5,000 + 1,000 + 12,000 (60,000 over 5 years) + 9,999
    assert publication.cell(key()).median == 28_000  # 27,999 to three significant figures


def test_a_changed_size_figure_shows_in_the_next_release_only(market, exact_figures):
    from portal.services import record_organization_size
    from prices.releases import publication_for

    for _ in range(6):
        market.hospital(120_000, fte=1000)
    market.release()
    cell = CellKey(metric="per_fte", year=2025)
    assert publication_for(market.category).cell(cell).median == 120
    for org in market.organizations:
        record_organization_size(
            organization=org, year=2025, revenue_eur=100_000_000, fte=2000, beds=300
        )
    assert publication_for(market.category).cell(cell).median == 120  # until the next
    market.release()
    assert publication_for(market.category).cell(cell).median == 60


def test_before_the_first_release_nothing_is_shown(market):
    from prices.releases import publication_for

    for _ in range(6):
        market.hospital(120_000)
    cell = publication_for(market.category).cell(key())
    assert cell.suppressed and cell.reason == "er zijn nog geen cijfers gepubliceerd"


# --- differencing ------------------------------------------------------------------------


def _hospitals_in_two_bands(market, *, small, large):
    for n in range(small):
        market.hospital(100_000 + 1_000 * n, beds=200)
    for n in range(large):
        market.hospital(150_000 + 1_000 * n, beds=500)


def test_sector_and_band_one_hospital_apart_publish_only_one(market):
    # The sector has 8 hospitals, the small band 7: subtracting would reveal the 8th.
    _hospitals_in_two_bands(market, small=7, large=1)
    publication = publish(market)
    sector = publication.cell(key(sector=Sector.GENERAL_HOSPITAL))
    band = publication.cell(key(sector=Sector.GENERAL_HOSPITAL, size_band="small"))
    assert not sector.suppressed
    assert band.suppressed and band.n_organisations is None
    assert band.reason == "zou samen met een ander cijfer een organisatie kunnen onthullen"


def test_groups_six_apart_are_both_published(market):
    _hospitals_in_two_bands(market, small=6, large=6)
    publication = publish(market)
    for band in ("small", "large"):
        assert not publication.cell(key(sector=Sector.GENERAL_HOSPITAL, size_band=band)).suppressed
    assert not publication.cell(key(sector=Sector.GENERAL_HOSPITAL)).suppressed


def test_a_vendors_customers_against_all_customers(market):
    for n in range(7):
        market.hospital(100_000 + 1_000 * n, vendor="v")
    market.hospital(100_000, vendor="w")
    publication = publish(market)
    assert not publication.cell(key()).suppressed
    for kind, supplier in (("vendor", "v"), ("product", "v-product")):
        cell = publication.cell(key(supplier_kind=kind, supplier=supplier))
        assert cell.suppressed, kind


def test_this_year_against_last_year(market):
    for n in range(7):
        market.hospital(100_000 + 1_000 * n)
    market.hospital(100_000, start=date(2025, 6, 1))  # joins in 2025
    publication = publish(market)
    assert publication.cell(key(year=2024)).suppressed  # 7 vs 8: one of them goes
    assert not publication.cell(key(year=2025)).suppressed


def test_no_two_obtainable_figures_can_be_subtracted(market):
    """Brute force over every published cell of a mixed market: any two figures of the
    same quantity have the same organisations or differ by more than five."""
    sectors = [Sector.GENERAL_HOSPITAL, Sector.TOP_CLINICAL_HOSPITAL]
    for n in range(26):
        market.hospital(
            90_000 + 7_919 * n % 50_000,
            beds=150 + 37 * n,
            vendor="vw"[n % 3 == 0],
            sector=sectors[n % 2],
            province=["UT", "GR", "NB", "ZH"][n % 4],
            start=date(2024 + n % 3, 1, 1) if n % 5 else date(2023, 1, 1),
        )
    publication = publish(market)
    published = publication.keys()
    assert len(published) > 20
    facts = publication.facts

    def members(cell_key):
        rows = publication._peer_rows(cell_key)
        return set(rows["organization_id"])

    for a, b in combinations(published, 2):
        if (a.metric, a.cost_type) != (b.metric, b.cost_type):
            continue
        difference = len(members(a) ^ members(b))
        assert difference == 0 or difference > RULES.min_organisations, (a, b)
    assert not facts.empty


def test_a_category_without_contracts_publishes_nothing(market):
    publication = publish(market)
    assert publication.keys() == []
    assert publication.cell(key()).reason == "minder dan 5 organisaties"
