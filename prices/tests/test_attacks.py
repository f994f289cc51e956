"""Attacks on the price benchmarks, each tried twice: against the exact figures the
portal used to publish (linear-interpolated percentiles of the contributors, computed
here with numpy) and against what it publishes now (a release, read as the pages and
the API read it). An attack fails when the attacker's estimate of the target is off by
more than 10 %, or no figure is shown.

Noise is random per data, so attacks on noisy figures are repeated over independent
draws (other noise secrets, which is what other data would give) and must fail in at
least 80 % of them."""

from datetime import date

import numpy as np
import pytest
from rest_framework.test import APIClient

from contracts.services import update_contract
from disclosure.rules import Rules
from portal.choices import Sector
from portal.tests.factories import member
from prices.publication import CellKey, build_publication
from prices.releases import publication_for
from prices.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
YEARS = [2024, 2025, 2026]
DRAWS = 20
SECTOR = Sector.GENERAL_HOSPITAL


def key(**fields):
    return CellKey(**{"metric": "annual", "year": 2025, **fields})


def off(estimate, truth):
    return estimate is None or abs(estimate - truth) / abs(truth) > 0.10


def exact(values, q):
    return float(np.percentile(np.asarray(values, dtype=float), q * 100))


def failure_rate(settings, attack):
    """The share of independent noise draws in which ``attack(draw)`` is off."""
    failures = 0
    for draw in range(DRAWS):
        settings.DISCLOSURE_NOISE_SECRET = f"draw-{draw}"
        failures += attack(draw)
    return failures / DRAWS


# --- 1. order statistics ----------------------------------------------------------------


def test_quartiles_of_five_are_not_three_organisations_prices(market, settings):
    """Exact: P25, median and P75 of five organisations are three of their prices, to
    the euro. Published: never any organisation's price, in any draw (blends of
    neighbours plus noise, rounded to three significant figures)."""
    prices = [100_400, 112_300, 121_700, 133_100, 146_200]
    for price in prices:
        market.hospital(price)
    assert {exact(prices, q) for q in (0.25, 0.5, 0.75)} <= set(prices)
    publication = build_publication(market.category, today=TODAY, rules=Rules(), years=YEARS)

    def attack(_draw):
        cell = publication.cell(key())
        return not {cell.p25, cell.median, cell.p75} & set(prices)

    assert failure_rate(settings, attack) == 1.0


def test_a_vendor_against_its_product_with_the_same_customers(market, settings):
    """Five hospitals buy the vendor's product; the target, the middle one, also buys a
    second system from the same vendor. The vendor cell and the product cell have the
    same organisations; the difference of their medians is the target's spend on the
    second system (EUR 10,000)."""
    prices = [100_000, 110_000, 122_000, 134_000, 146_000]
    for price in prices:
        market.hospital(price)
    target = market.organizations[2]
    market.contract(target, 10_000, start=date(2024, 2, 1))  # vendor v, not the product
    vendor_values = [*prices[:2], prices[2] + 10_000, *prices[3:]]
    exact_estimate = exact(vendor_values, 0.5) - exact(prices, 0.5)
    assert exact_estimate == 10_000  # the attack works on exact figures
    publication = build_publication(market.category, today=TODAY, rules=Rules(), years=YEARS)
    vendor = key(supplier_kind="vendor", supplier="v")
    product = key(supplier_kind="product", supplier="v-product")

    def attack(_draw):
        a, b = publication.cell(vendor), publication.cell(product)
        if a.suppressed or b.suppressed:
            return True
        return off(a.median - b.median, 10_000)

    assert failure_rate(settings, attack) >= 0.8


# --- 2. time ---------------------------------------------------------------------------


def test_a_newcomer_in_a_small_group_is_not_revealed_by_the_next_release(market):
    """Eight hospitals are shown; a ninth records a contract. Exact: its price lands
    between the middle two and the new median is its price. Published: the next
    release withholds the nine (one apart from the eight shown before)."""
    prices = [100_000, 110_000, 120_000, 130_000, 150_000, 160_000, 170_000, 180_000]
    for price in prices:
        market.hospital(price)
    market.release()
    shown = publication_for(market.category).cell(key(sector=SECTOR))
    assert not shown.suppressed and shown.n_organisations == 8
    newcomer_price = 141_000
    assert exact([*prices, newcomer_price], 0.5) == newcomer_price
    market.hospital(newcomer_price)
    market.release()
    after = publication_for(market.category).cell(key(sector=SECTOR))
    assert after.suppressed and after.code == "differencing"


def test_releases_forced_out_of_turn_do_not_shorten_the_window(market):
    """As above, with thirteen releases made in quick succession after the newcomer
    joined (the red team forced them by deleting data): the window is a year of
    releases, not twelve of them, so the eight shown before still count and the nine
    stay withheld."""
    prices = [100_000, 110_000, 120_000, 130_000, 150_000, 160_000, 170_000, 180_000]
    for price in prices:
        market.hospital(price)
    market.release()
    market.hospital(141_000)
    for _ in range(13):
        market.release()
    after = publication_for(market.category).cell(key(sector=SECTOR))
    assert after.suppressed and after.code == "differencing"


def test_a_newcomer_in_a_large_group_is_not_revealed_either(market, settings):
    """25 hospitals, 19 with smaller systems (100k-136k) and 6 with large ones
    (250k-300k); then a 26th at 200k, in the gap. Exact: P75 moves by three quarters
    of the newcomer's distance from the old P75, which gives its price. Published: the
    next release withholds the 26 (one apart from the 25 shown), and even the noisy
    figures, were they shown, would leave the arithmetic off in a third of the draws
    (noise alone is not enough for large groups, hence the check over time)."""
    prices = [100_000 + 2_000 * n for n in range(19)] + [250_000 + 10_000 * n for n in range(6)]
    for price in prices:
        market.hospital(price)
    newcomer_price = 200_000
    before_exact = exact(prices, 0.75)
    after_exact = exact([*prices, newcomer_price], 0.75)
    assert before_exact + (after_exact - before_exact) / 0.75 == pytest.approx(newcomer_price)
    market.release()
    before = publication_for(market.category).cell(key())
    market.hospital(newcomer_price)
    market.release()
    after = publication_for(market.category).cell(key())
    assert not before.suppressed and after.code == "differencing"
    alone = build_publication(market.category, today=TODAY, rules=Rules(), years=YEARS)

    def attack(_draw):
        return off(before.p75 + (alone.cell(key()).p75 - before.p75) / 0.75, newcomer_price)

    assert failure_rate(settings, attack) >= 0.25


def test_stepping_ones_own_price_reveals_nothing(market, exact_figures):
    """The attacker (one of six) steps its own contract up, a release each time, and
    watches for the cell to turn "dominant": with the rule on everyone's data, the
    step where it flips gives the others' total (own / (own + others) > 25 %). Now the
    attacker sees the cell without its own data, so nothing it does moves it."""
    for price in (100_000, 110_000, 120_000, 130_000, 140_000):
        market.hospital(price)
    attacker = market.hospital(100_000)
    others_total = 600_000
    contract = attacker.contracts.get()
    client = APIClient()
    client.force_authenticate(member(attacker))
    query = {"category": "pacs-test", "year": 2025}
    seen, exact_flip = set(), None
    for step in range(100_000, 400_001, 50_000):
        update_contract(
            contract=contract,
            lines=[{"cost_type": "subscription", "amount": step, "frequency": "yearly"}],
        )
        market.release()
        body = client.get("/api/v1/benchmarks/", query).json()
        seen.add((body["suppressed"], body["median"]))
        if exact_flip is None and step / (step + others_total) > 0.25:
            exact_flip = step  # where the old, all-data rule flipped: others < 3 x step
    assert exact_flip == 250_000  # the exact oracle brackets the others' total
    assert seen == {(False, 120_000.0)}  # always the same figure: no oracle


def test_a_huge_contract_of_ones_own_frees_no_suppressed_neighbour(market):
    """The sector (8 hospitals) and its small band (7) are one apart: the band is
    withheld. The eighth hospital adds a huge back-dated contract so that the sector
    becomes dominated and withheld; the band must stay withheld all the same."""
    for n in range(7):
        market.hospital(100_000 + 1_000 * n, beds=200)
    large = market.hospital(150_000, beds=500)
    market.release()
    band = key(sector=SECTOR, size_band="small")
    assert publication_for(market.category).cell(band).code == "differencing"
    market.contract(large, 50_000_000, start=date(2023, 1, 1))
    market.release()
    publication = publication_for(market.category)
    assert publication.cell(key(sector=SECTOR)).code == "dominant"
    assert publication.cell(band).suppressed


def test_a_dominant_cells_contributor_view_counts_for_later_releases(market):
    """A cell withheld as dominant but clashing with nothing is shown to each of its
    contributors without their own data: sets the public never saw. They count for
    later releases' check as well (the red team found they did not): when the next
    release's group is one organisation away, it is withheld."""
    smalls = [market.hospital(100_000 + 5_000 * n) for n in range(7)]
    large = market.hospital(120_000)
    huge = market.contract(large, 5_000_000, start=date(2023, 1, 1))
    market.release()
    assert publication_for(market.category).cell(key(sector=SECTOR)).code == "dominant"
    seen = publication_for(market.category).cell(key(sector=SECTOR), large.pk)
    assert not seen.suppressed and seen.n_organisations == 7  # the others, for it alone
    huge.delete()
    smalls[0].contracts.all().delete()
    market.release()
    assert publication_for(market.category).cell(key(sector=SECTOR)).code == "differencing"


def test_a_subcategorys_dominant_cell_yields_to_its_main_category(market):
    """Seven hospitals buy in the subcategory, one of them (y) so much that the cell is
    dominant: withheld, but shown to its contributors without their own data. The main
    category's group is those seven and two more that buy only in a third subcategory;
    it is not dominant (the six others also buy much in a second one), so it is shown,
    two organisations away. A contributor would see both without its own data: the
    subcategory's dominant cell yields (withheld for everyone, as within a category)."""
    from decimal import Decimal

    from contracts.tests.factories import ContractFactory
    from vendors.tests.factories import LeafCategoryFactory

    second = LeafCategoryFactory(parent=market.category.parent, slug="second")
    third = LeafCategoryFactory(parent=market.category.parent, slug="third")
    others = [market.hospital(100_000 + 5_000 * n) for n in range(6)]
    y = market.hospital(1_000_000)
    for n in range(2):
        market.hospital(150_000 + n * 10_000).contracts.update(category=third)

    def buy(org, category, amount):
        ContractFactory(
            organization=org,
            vendor=market.vendors["v"],
            category=category,
            start_date=date(2024, 1, 1),
            end_date=date(2028, 12, 31),
            lines=[{"cost_type": "subscription", "amount": Decimal(amount), "frequency": "yearly"}],
        )

    for n, org in enumerate(others):
        buy(org, second, 600_000 + 10_000 * n)
    market.release()
    main = publication_for(market.category.parent).cell(key())
    assert not main.suppressed and main.n_organisations == 9
    leaf = publication_for(market.category)
    assert leaf.cell(key()).code == "differencing"
    assert leaf.cell(key(), y.pk).suppressed and leaf.cell(key(), others[0].pk).suppressed


def test_an_organisation_is_shown_figures_without_its_own_data(market, exact_figures):
    prices = [100_000, 110_000, 120_000, 130_000, 140_000, 150_000]
    for price in prices:
        market.hospital(price)
    market.release()
    own = publication_for(market.category).cell(key(), market.organizations[5].pk)
    assert (own.n_organisations, own.median) == (5, 120_000)


def test_a_dominated_group_is_not_shown_to_its_members_beside_a_close_neighbour(market):
    """The eighth hospital's huge contract dominates the sector (8) from the first
    release; the band (7) is shown. The eighth would see the sector without its own
    data, the band's seven exactly, so it must not be shown the sector at all."""
    for n in range(7):
        market.hospital(100_000 + 1_000 * n, beds=200)
    large = market.hospital(50_000_000, beds=500)
    market.release()
    publication = publication_for(market.category)
    assert not publication.cell(key(sector=SECTOR, size_band="small")).suppressed
    assert publication.cell(key(sector=SECTOR), large.pk).code == "differencing"


def test_a_main_category_against_its_subcategory(market):
    """Seven hospitals buy in the subcategory; an eighth buys only in a sibling. The main
    category's group is the subcategory's plus the eighth: exact medians of 7 and 8
    around the middle give the eighth's price (as a newcomer would). Not both shown."""
    from vendors.tests.factories import LeafCategoryFactory

    prices = [100_000, 110_000, 120_000, 130_000, 150_000, 160_000, 170_000]
    for price in prices:
        market.hospital(price)
    sibling = LeafCategoryFactory(parent=market.category.parent, slug="sibling")
    eighth = market.hospital(141_000)
    contract = eighth.contracts.get()
    contract.category = sibling
    contract.save()
    assert exact([*prices, 141_000], 0.5) - exact(prices, 0.5) == pytest.approx(5_500)
    market.release()
    main = publication_for(market.category.parent).cell(key())
    leaf = publication_for(market.category).cell(key())
    assert main.suppressed or leaf.suppressed
