"""Attacks on the market monitor that recovered one organisation's exact spend, shown to
work on EXACT figures (computed with pandas from the release's market table) and to
fail on the PUBLISHED figures (what the dashboard, exports and API show, after a
release).

The market: a main category with two leaves, "pacs-test" (L1) and a second leaf (L2).
Six hospitals in Utrecht buy L1 from vendor v; the target, a hospital in Groningen,
buys L1 from vendor w (the only one to do so) and L2 (nobody else does). Each attack is
repeated over 20 variants of the amounts (each variant its own release, so its own
noise); the attacker's estimate must be more than 10% off, or a figure it needs be
withheld, in at least 80% of them."""

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from contracts.models import ContractLine
from contracts.tests.factories import ContractFactory
from contracts.tests.markets import Market
from disclosure.releases import publish
from market import compute, measures
from market.data import market_data
from portal.choices import Sector
from vendors.tests.factories import LeafCategoryFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)
YEAR = 2026
VARIANTS = 20
HOSPITAL = Sector.GENERAL_HOSPITAL


@pytest.fixture(autouse=True)
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


class Setting:
    def __init__(self):
        self.market = Market()
        self.leaf = self.market.category
        self.main = self.leaf.parent
        self.other_leaf = LeafCategoryFactory(parent=self.main, slug="pacs-test-2")
        self.others = [self.market.hospital(100_000, vendor="v") for _ in range(6)]
        self.target = self.market.hospital(100_000, vendor="w", province="GR")
        self.extra = ContractFactory(
            organization=self.target,
            vendor=self.market.vendors["v"],
            category=self.other_leaf,
            reference="C-target-l2",
            start_date=date(2024, 1, 1),
            end_date=date(2028, 12, 31),
            lines=[{"cost_type": "subscription", "amount": Decimal(50_000), "frequency": "yearly"}],
        )

    def set_amounts(self, variant):
        """Other hospitals EUR 80,000-160,000 a year; the target's L1 contract
        EUR 60,000-120,000, its L2 contract EUR 30,000-80,000."""
        rng = np.random.RandomState(variant)
        for org in self.others:
            self._amount(org.contracts.get(category=self.leaf), rng.uniform(80_000, 160_000))
        self.target_leaf = round(rng.uniform(60_000, 120_000), 2)
        self.target_other_leaf = round(rng.uniform(30_000, 80_000), 2)
        self._amount(self.target.contracts.get(category=self.leaf), self.target_leaf)
        self._amount(self.extra, self.target_other_leaf)

    @staticmethod
    def _amount(contract, amount):
        ContractLine.objects.filter(contract=contract).update(amount=Decimal(f"{amount:.2f}"))

    def release(self):
        publish(as_of=TODAY, topics=["market"])
        return market_data()


def exact_value(data, category_id, sector="", province=""):
    """The exact yearly value of a selection, straight from the release's table."""
    active = measures.active_in(compute.filtered(data, category_id, sector, province), YEAR)
    return active["cents"].sum() / 100


def published_value(data, category_id, sector="", province=""):
    return compute.market_value_of(data, category_id, YEAR, sector, province)["total_eur"]


def off_by_more_than_10_percent(estimate, truth):
    return estimate is None or abs(estimate - truth) > 0.1 * truth


def test_subtracting_province_from_sector_and_leaf_from_main_fails():
    """(a) Hospitals minus Utrecht is the target's L1 spend (it is the only hospital
    outside Utrecht); the main category minus L1 is its L2 spend. Exact figures give both
    to the cent; the published ones (noise scaled to the largest contribution, three
    significant figures) are more than 10% off in at least 80% of 20 variants."""
    setting = Setting()
    main, leaf = setting.main.pk, setting.leaf.pk
    failed = {"province": 0, "main": 0}
    for variant in range(VARIANTS):
        setting.set_amounts(variant)
        data = setting.release()
        exact = exact_value(data, leaf, sector=HOSPITAL) - exact_value(data, leaf, province="UT")
        assert exact == pytest.approx(setting.target_leaf, abs=0.01)
        exact = exact_value(data, main) - exact_value(data, leaf)
        assert exact == pytest.approx(setting.target_other_leaf, abs=0.01)

        by_sector = published_value(data, leaf, sector=HOSPITAL)
        in_utrecht = published_value(data, leaf, province="UT")
        estimate = None if None in (by_sector, in_utrecht) else by_sector - in_utrecht
        failed["province"] += off_by_more_than_10_percent(estimate, setting.target_leaf)
        whole, part = published_value(data, main), published_value(data, leaf)
        estimate = None if None in (whole, part) else whole - part
        failed["main"] += off_by_more_than_10_percent(estimate, setting.target_other_leaf)
    assert failed["province"] >= 0.8 * VARIANTS, failed
    assert failed["main"] >= 0.8 * VARIANTS, failed


def test_vendor_share_times_market_value_fails():
    """(b) The target is vendor w's only L1 customer: w's value share times the market
    value is exactly its spend. Published, w's share is withheld (fewer than 5
    customers); the attacker's best is "other vendors" (or 100% minus the shown shares)
    times the published market value, more than 10% off in at least 80% of 20 variants."""
    setting = Setting()
    leaf = setting.leaf.pk
    w = setting.market.vendors["w"].name
    failed = 0  # w's share is merged into "other vendors", w not named
    for variant in range(VARIANTS):
        setting.set_amounts(variant)
        data = setting.release()
        active = measures.active_in(compute.filtered(data, leaf), YEAR)
        exact_share = active.loc[active["vendor"] == setting.market.vendors["w"].pk, "cents"].sum()
        exact_share /= active["cents"].sum()
        exact = exact_share * exact_value(data, leaf)
        assert exact == pytest.approx(setting.target_leaf, abs=0.01)

        concentration = compute.concentration(data, leaf, YEAR, basis="value")
        assert w not in {row["vendor"] for row in concentration["vendors"]}  # merged, unnamed
        [other] = [row for row in concentration["vendors"] if row.get("other")]
        shown = sum(row["share"] for row in concentration["vendors"] if row["share"] is not None)
        share = other["share"] if other["share"] is not None else max(0.0, 1.0 - shown)
        value = published_value(data, leaf)
        estimate = None if value is None else share * value
        failed += off_by_more_than_10_percent(estimate, setting.target_leaf)
    assert failed >= 0.8 * VARIANTS, failed


def test_before_and_after_one_new_contract_fails():
    """(c) The target adds a contract (back-dated, so it counts in the next release):
    the market value after minus before is exactly its amount. Between the two
    published releases the difference is more than 10% off in at least 80% of 20
    variants (the noise is drawn anew when the data change, scaled to the largest
    contribution)."""
    setting = Setting()
    leaf = setting.leaf.pk
    failed = 0
    for variant in range(VARIANTS):
        setting.set_amounts(variant)
        before = setting.release()
        amount = round(np.random.RandomState(1000 + variant).uniform(40_000, 120_000), 2)
        added = setting.market.contract(
            setting.target,
            f"{amount:.2f}",
            vendor="w",
            start=date(2025, 3, 1),
            end=date(2028, 12, 31),
        )
        after = setting.release()
        exact = exact_value(after, leaf) - exact_value(before, leaf)
        assert exact == pytest.approx(amount, abs=0.01)
        was, now = published_value(before, leaf), published_value(after, leaf)
        estimate = None if None in (was, now) else now - was
        failed += off_by_more_than_10_percent(estimate, amount)
        added.delete()
    assert failed >= 0.8 * VARIANTS, failed


@pytest.mark.django_db
def test_lock_in_of_a_main_category_against_its_subcategory(reference_data):
    """Seven hospitals have contracts in one subcategory, an eighth only in a sibling:
    the main category's lock-in group is the subcategory's plus the eighth, so its
    quantiles and the subcategory's could be set against each other. Not both shown."""
    market = Market()
    for n in range(7):
        market.hospital(100_000 + 10_000 * n)
    sibling = LeafCategoryFactory(parent=market.category.parent, slug="sibling-lock-in")
    eighth = market.hospital(100_000)
    contract = eighth.contracts.get()
    contract.category = sibling
    contract.save()
    publish(as_of=date(2026, 11, 22), topics=["market"])
    data = market_data()
    rules = compute.Rules.from_settings()
    leaf = compute.lock_in_distribution(data, market.category.pk, rules)
    main = compute.lock_in_distribution(data, market.category.parent.pk, rules)
    assert leaf["suppressed"] or main["suppressed"]


def test_counts_of_a_lone_organisation_do_not_date_its_contracts(client):
    """(f) A visitor filters the public concentration API down to the only hospital in
    Groningen and reads the number of contracts per year: a year with two is the year
    its contract was renewed (the red team read every past end year of one hospital
    this way). Exact counts give the renewal year; the published ones withhold every
    count, vendor and concentration figure below 5 organisations, with the reason, in
    every year."""
    setting = Setting()
    old = setting.target.contracts.get(category=setting.leaf)
    old.start_date, old.end_date = date(2019, 1, 1), date(2022, 6, 30)
    old.save()
    ContractFactory(
        organization=setting.target,
        vendor=setting.market.vendors["w"],
        category=setting.leaf,
        reference="C-target-renewed",
        start_date=date(2022, 7, 1),
        end_date=date(2028, 6, 30),
        lines=[{"cost_type": "subscription", "amount": Decimal(90_000), "frequency": "yearly"}],
    )
    data = setting.release()
    years = range(2019, YEAR + 1)
    exact = {
        year: len(measures.active_in(compute.filtered(data, setting.leaf.pk, province="GR"), year))
        for year in years
    }
    assert [year for year, n in exact.items() if n == 2] == [2022]
    for year in years:
        answer = client.get(
            f"/api/v1/market/concentration/?category={setting.leaf.slug}&year={year}"
            "&province=GR&sector=general_hospital"
        ).json()
        assert answer["customers"] is None and answer["contracts"] is None
        assert answer["withheld"]["contracts"]["reason"]
        # Nor which vendors serve it (the next red team dated its switches from the
        # vendor names per year and an HHI of 10,000): nothing of the selection.
        assert answer["vendors"] == [] and answer["hhi"] is None
        assert answer["withheld"]["concentration"]["code"] == "too_few"
