"""Attacks on the published lock-in figures of vendors and products.

Each test builds 20 small markets (one vendor per market, alone in its category, so
the market-position part of the risk is the same for all its contracts), shows that the
attack recovers the target organisation's exact lock-in risk from EXACT figures
(computed here with pandas, as the portal published them before releases: live, with
linear-interpolation quantiles over every running contract), and then that the same
attack against the PUBLISHED figures (vendors.lockin_published.published_lock_in, what
the pages and the API show, after real releases with noise) leaves the estimate off by
more than 10 %, or finds no figure, in at least 80 % of the markets (in practice: all).

The attacks use the median of the 7 other customers (the 4th value): adding the
target X, whose risk lies between the others' 3rd and 5th values, makes the median of
the 8 the mean of the 4th value and X, so X = 2 x (median with X) - (median without).
"""

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from contracts.models import Contract, ContractClause, LockInClause
from portal.tests.factories import OrganizationFactory
from vendors.tests.factories import LeafCategoryFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db
MARKETS = 20
OTHERS = 7  # customers besides the target: odd, so the exact median is one of them
LONG_AGO = date(2024, 1, 1)

# Risk = 40 (no interoperability score 15, the only vendor in the category 15, nobody
# switched away 10) + 40 x (clauses answered "no") / 9 + 20 x (structure halves) / 6.
# (initial term, renews automatically, notice months) for 0..6 halves of structure:
STRUCTURE = {
    0: (24, False, 3),
    1: (48, False, 3),
    2: (72, False, 3),
    3: (72, False, 6),
    4: (72, False, 12),
    5: (72, True, 6),
    6: (72, True, 12),
}
SHAPES = sorted(
    ((40 + 40 * k / 9 + 20 * j / 6, k, j) for k in range(10) for j in range(7)),
)


def risk_shape(target):
    """(risk, clauses answered "no", structure halves) of the reachable risk nearest
    ``target``."""
    return min(SHAPES, key=lambda shape: abs(shape[0] - target))


def market_values(rng):
    """The others' risks (3 low, 1 high in the middle, 3 higher) and the target's, just
    above the low ones: between the others' third and fifth values, so the exact attack
    works, and far from their median, so a figure that does not move gives nothing away
    (the noise of a group this spread is some 5 points)."""
    low = rng.choice(np.arange(40, 45), 3, replace=False)
    middle = int(rng.integers(80, 87))
    high = rng.choice(np.arange(90, 101), 3, replace=False)
    others = sorted((risk_shape(v) for v in [*low, middle, *high]), key=lambda s: s[0])
    third = others[2][0]
    options = [shape for shape in SHAPES if third < shape[0] <= third + 8]
    target = options[int(rng.integers(len(options)))]
    return others, target


class Market:
    """One vendor, alone in its own category, with a product; its customers are shared
    organisations (each market's figures are the vendor's own)."""

    def __init__(self, organisations):
        self.category = LeafCategoryFactory()
        self.vendor = VendorFactory()
        self.product = ProductFactory(vendor=self.vendor, category=self.category)
        self.organisations = organisations
        self._contracts = []

    def contract(self, organisation, shape, *, start=LONG_AGO, product=True):
        _risk, no_count, halves = shape
        term, auto_renewal, notice = STRUCTURE[halves]
        contract = Contract(
            organization=organisation,
            vendor=self.vendor,
            category=self.category,
            reference=f"V{self.vendor.pk}-{len(self._contracts)}",
            start_date=start,
            end_date=date(2029, 12, 31),
            initial_term_months=term,
            auto_renewal=auto_renewal,
            notice_period_months=notice,
            status=Contract.Status.ACTIVE,
        )
        self._contracts.append((contract, no_count, product))
        return contract


def save(markets):
    """Contracts, clause answers and product links of all markets, in bulk."""
    entries = [entry for market in markets for entry in market._contracts]
    Contract.objects.bulk_create([contract for contract, _, _ in entries])
    Contract.objects.filter(pk__in=[c.pk for c, _, _ in entries]).recorded_when_started()
    clauses = list(LockInClause.objects.order_by("pk"))
    ContractClause.objects.bulk_create(
        ContractClause(contract=contract, clause=clause, answer="no" if i < no_count else "yes")
        for contract, no_count, _ in entries
        for i, clause in enumerate(clauses)
    )
    through = Contract.products.through
    through.objects.bulk_create(
        through(contract_id=contract.pk, product_id=market.product.pk)
        for market in markets
        for contract, _, product in market._contracts
        if product
    )
    for market in markets:
        market._contracts = []


def exact_medians(vendor, day, *, product=None):
    """What a live, unprotected page showed: the median over the customers (one value
    each, the mean of their contracts) of the contracts running on ``day``."""
    from contracts.lockin import contract_risks
    from vendors.models import ScoringMethod

    contracts, links = contract_risks(vendor, day, ScoringMethod.objects.live())
    if product is not None:
        contracts = contracts[
            contracts["id"].isin(links[links["product_id"] == product.pk]["contract_id"])
        ]
    return contracts.groupby("organization_id")["risk"].mean().median()


def differencing_estimate(after, before):
    """The attack: the target's risk from a median with it and one without it."""
    if after is None or before is None:
        return None
    return 2 * after - before


def missed(estimate, truth):
    """The attack fails: no figure, or off by more than 10 %."""
    return estimate is None or abs(estimate - truth) > 0.10 * truth


def published_median(figure):
    return None if figure.suppressed else figure.median


@pytest.fixture
def organisations(db):
    return [OrganizationFactory() for _ in range(OTHERS + 1)]


def publish_on(day):
    from disclosure.releases import publish

    return publish(as_of=day, topics=["lockin"])


def test_before_and_after_a_customer_joins_two_releases_do_not_reveal_its_risk(
    reference_data, organisations
):
    """(a) The time attack: the target's contract starts counting between two releases;
    the attacker reads the vendor's median before and after. Exact figures give the
    target's risk exactly in every market; the published ones withhold the second
    figure (its customers are one organisation away from the first release's) or miss
    by more than 10 % in at least 80 % of the 20 markets."""
    from vendors.lockin_published import published_lock_in

    first, second = date(2026, 3, 1), date(2026, 9, 1)
    joins = first - timedelta(days=30)  # counted in the second release only
    rng = np.random.default_rng(1)
    markets, truths = [], []
    for _ in range(MARKETS):
        market = Market(organisations)
        others, target = market_values(rng)
        for organisation, shape in zip(organisations, others, strict=False):
            market.contract(organisation, shape)
        market.contract(organisations[-1], target, start=joins)
        markets.append(market)
        truths.append(target[0])
    save(markets)

    for market, truth in zip(markets, truths, strict=True):
        before = exact_medians(market.vendor, joins - timedelta(days=1))
        after = exact_medians(market.vendor, joins)
        assert differencing_estimate(after, before) == pytest.approx(truth)

    publish_on(first)
    before = [published_median(published_lock_in(m.vendor).vendor) for m in markets]
    assert all(value is not None for value in before)  # the first figures are shown
    publish_on(second)
    after = [published_median(published_lock_in(m.vendor).vendor) for m in markets]
    failures = sum(
        missed(differencing_estimate(a, b), truth)
        for a, b, truth in zip(after, before, truths, strict=True)
    )
    assert failures >= 0.8 * MARKETS


def test_a_thirty_day_old_contract_does_not_count(reference_data, organisations):
    """(b) The target signed 30 days ago. Live exact figures read before and after its
    contract was recorded give its risk exactly; the published figures of a release on
    that day leave the contract out (it must be 90 days old), so they do not move and
    the attack's estimate is the others' median, more than 10 % off in at least 80 % of
    the 20 markets."""
    from vendors.lockin_published import published_lock_in

    today = date(2026, 6, 1)
    signed = today - timedelta(days=30)
    rng = np.random.default_rng(2)
    markets, truths = [], []
    for _ in range(MARKETS):
        market = Market(organisations)
        others, target = market_values(rng)
        for organisation, shape in zip(organisations, others, strict=False):
            market.contract(organisation, shape)
        markets.append(market)
        truths.append(target[0])
    save(markets)
    publish_on(today - timedelta(days=31))  # the release before the target signed
    before = [published_median(published_lock_in(m.vendor).vendor) for m in markets]
    exact_before = [exact_medians(m.vendor, today) for m in markets]
    for market, truth in zip(markets, truths, strict=True):
        market.contract(organisations[-1], risk_shape(truth), start=signed)
    save(markets)

    for market, b, truth in zip(markets, exact_before, truths, strict=True):
        after = exact_medians(market.vendor, today)
        assert differencing_estimate(after, b) == pytest.approx(truth)

    publish_on(today)
    after = [published_median(published_lock_in(m.vendor).vendor) for m in markets]
    assert after == before  # the young contract changes nothing
    failures = sum(
        missed(differencing_estimate(a, b), truth)
        for a, b, truth in zip(after, before, truths, strict=True)
    )
    assert failures >= 0.8 * MARKETS


def test_a_vendor_against_its_product_does_not_reveal_the_one_other_customer(
    reference_data, organisations
):
    """(c) The vendor's customers are the product's plus one organisation whose contract
    with the vendor is for something else. Subtracting the product's median from the
    vendor's gives that organisation's risk exactly from exact figures; published, the
    product's figure is withheld (complementary suppression) or the estimate misses by
    more than 10 % in at least 80 % of the 20 markets."""
    from vendors.lockin_published import published_lock_in

    today = date(2026, 6, 1)
    rng = np.random.default_rng(3)
    markets, truths = [], []
    for _ in range(MARKETS):
        market = Market(organisations)
        others, target = market_values(rng)
        for organisation, shape in zip(organisations, others, strict=False):
            market.contract(organisation, shape)
        market.contract(organisations[-1], target, product=False)
        markets.append(market)
        truths.append(target[0])
    save(markets)

    for market, truth in zip(markets, truths, strict=True):
        vendor = exact_medians(market.vendor, today)
        product = exact_medians(market.vendor, today, product=market.product)
        assert differencing_estimate(vendor, product) == pytest.approx(truth)

    publish_on(today)
    failures = 0
    for market, truth in zip(markets, truths, strict=True):
        published = published_lock_in(market.vendor)
        assert not published.vendor.suppressed
        estimate = differencing_estimate(
            published_median(published.vendor),
            published_median(published.product(market.product.pk)),
        )
        failures += missed(estimate, truth)
    assert failures >= 0.8 * MARKETS


def test_the_exact_attack_needs_the_target_near_the_middle():
    """The markets are built as the docstrings say (a check of the test's own data)."""
    rng = np.random.default_rng(0)
    for _ in range(MARKETS):
        others, target = market_values(rng)
        values = pd.Series([shape[0] for shape in others])
        with_target = pd.concat([values, pd.Series([target[0]])])
        assert 2 * with_target.median() - values.median() == pytest.approx(target[0])
