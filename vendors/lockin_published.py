"""Lock-in risk aggregated per vendor and per product, for the public pages and the API,
published in releases (disclosure.releases, topic "lockin").

When a release is made (``produce``), the risk of every contract that runs on the
release's day and started at least ``rules.min_age_days`` before it is computed as in
vendors.lockin, in bulk; each organisation counts once (the mean of its contracts'
risks, 0-100). Per vendor and per product the figures go through the disclosure gate:
- ``protected_quantiles``: at least 5 organisations, Harrell-Davis estimates plus
  Laplace noise (never one organisation's own value), P10/P90 from 10 organisations;
  every organisation weighs the same, so no dominance;
- complementary suppression (disclosure.differencing) between a vendor's figure and its
  products' figures, and against the sets shown for that vendor in the differencing
  window (disclosure.history, as for the price benchmarks): a
  figure whose customers are one to five organisations away from another figure's, now
  or in an earlier release, is withheld (the before/after and the vendor-against-product
  attacks).

Everyone is shown the stored figures of the current release. An organisation that
contributes to a figure is shown it recomputed without its own data (as the price
benchmarks do), so its own edits move nothing it sees; the per-organisation values
needed for that are stored in the release. Writes after a release change nothing
anyone sees until the next release."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd
from django.db.models import Avg

from contracts.models import Contract, ContractClause, LockInClause, VendorSwitch
from disclosure import releases
from disclosure.differencing import Candidate, suppress_differencing
from disclosure.history import ShownSets
from disclosure.rules import Rules, recorded_by
from disclosure.statistics import Quantiles, protected_quantiles
from vendors.lockin import ANSWER_RISK, MARKET, TOPIC, MarketInputs
from vendors.models import InteroperabilityScore, ScoringMethod
from vendors.models.scoring import DEFAULT_WEIGHTS

HISTORY = "history"


@dataclass
class LockInFigure(Quantiles):
    """A published lock-in figure (0-100) with the day of the release it comes from."""

    as_of: date | None = None


@dataclass
class PublishedLockIn:
    """What a viewer is shown for one vendor: its figure and its products'."""

    vendor: LockInFigure
    products: dict = field(default_factory=dict)  # product id -> LockInFigure
    as_of: date | None = None  # the release's data day; None before the first release
    missing_code: str = "too_few"  # what a product without a figure shows

    def product(self, product_id) -> LockInFigure:
        found = self.products.get(product_id)
        return (
            found if found is not None else LockInFigure(code=self.missing_code, as_of=self.as_of)
        )


def _equal_weights(values):
    return pd.Series(1.0, index=values.index)


@dataclass
class VendorLockIn:
    """One vendor's part of a release: the published figures of the vendor and of its
    products, and, for the figures shown, the values per organisation (0-100) from which
    a contributing organisation's view is recomputed without its own data."""

    vendor_id: int
    as_of: date
    rules: Rules
    figures: dict  # ("vendor"|"product", id) -> Quantiles
    values: dict  # key -> pd.Series of values by organisation id (figures shown only)

    def shown_sets(self):
        return [
            np.sort(self.values[key].index.to_numpy(dtype=np.int64))
            for key, figure in self.figures.items()
            if not figure.suppressed
        ]

    def figure(self, key, viewer_organization=None) -> LockInFigure:
        found = self.figures.get(key)
        if found is None:
            return LockInFigure(code="too_few", as_of=self.as_of)
        values = self.values.get(key)
        if (
            viewer_organization is not None
            and values is not None
            and viewer_organization in values.index
        ):
            # Decided on the others' data alone: the viewer's own contracts move nothing.
            others = values.drop(viewer_organization)
            found = protected_quantiles(others, self.rules, weights=_equal_weights(others))
        return LockInFigure(**vars(found), as_of=self.as_of)

    def view(self, viewer_organization=None) -> PublishedLockIn:
        return PublishedLockIn(
            vendor=self.figure(("vendor", self.vendor_id), viewer_organization),
            products={
                key[1]: self.figure(key, viewer_organization)
                for key in self.figures
                if key[0] == "product"
            },
            as_of=self.as_of,
        )


def build_vendor_lock_in(vendor_id, values, rules, *, as_of, earlier=()) -> VendorLockIn:
    """The published figures of one vendor. ``values``: ("vendor"|"product", id) -> the
    risk (0-100) per organisation id; ``earlier``: Candidates of sets shown before."""
    figures, candidates = {}, []
    for key, series in values.items():
        series = series.dropna()
        figures[key] = protected_quantiles(series, rules, weights=_equal_weights(series))
        if figures[key].code != "too_few":
            members = np.sort(series.index.to_numpy(dtype=np.int64))
            candidates.append(Candidate(key, members))
    for key in _suppressed(candidates, earlier, rules):
        figures[key] = Quantiles(code="differencing")
    shown = {key: values[key].dropna() for key, figure in figures.items() if not figure.suppressed}
    return VendorLockIn(vendor_id, as_of, rules, figures, shown)


def _suppressed(candidates, earlier, rules):
    """Complementary suppression within the release and against the sets shown in
    earlier releases (disclosure.differencing)."""
    return suppress_differencing(candidates, rules.min_organisations, published_before=earlier)


def values_by_vendor(contracts, links, product_vendor):
    """vendor id -> {("vendor", id) | ("product", id): risk per organisation}: the mean of
    the organisation's contracts with the vendor, or linked to the product."""
    families = {}
    if contracts.empty:
        return families
    per_vendor = contracts.groupby(["vendor_id", "organization_id"])["risk"].mean()
    for vendor_id, series in per_vendor.groupby(level=0):
        families.setdefault(int(vendor_id), {})[("vendor", int(vendor_id))] = series.droplevel(0)
    linked = links[["contract_id", "product_id"]].merge(
        contracts[["id", "organization_id", "risk"]], left_on="contract_id", right_on="id"
    )
    if linked.empty:
        return families
    per_product = linked.groupby(["product_id", "organization_id"])["risk"].mean()
    for product_id, series in per_product.groupby(level=0):
        vendor_id = product_vendor.get(int(product_id))
        if vendor_id is not None:
            families.setdefault(vendor_id, {})[("product", int(product_id))] = series.droplevel(0)
    return families


def produce(context):
    """(vendor id, VendorLockIn) for every vendor with counted contracts, then the
    history of shown sets."""
    from vendors.models import Product

    rules = context.rules
    started_by = context.as_of - timedelta(days=rules.min_age_days)
    counted = Contract.objects.filter(
        start_date__lte=started_by,
        created_at__lt=recorded_by(started_by, 0),
        end_date__gte=context.as_of,
    )
    market = market_inputs(counted, started_by, rules)
    yield MARKET, market
    contracts, links = _risks(
        None,
        context.as_of,
        ScoringMethod.objects.live(),
        started_by=started_by,
        market=market,
        rules=rules,
    )
    product_vendor = dict(Product.objects.values_list("pk", "vendor_id"))
    # (Releases hold every topic; one made for other topics only would start afresh.)
    history = (context.previous(TOPIC, HISTORY) or ShownSets()).within(context.window)
    for vendor_id, values in sorted(values_by_vendor(contracts, links, product_vendor).items()):
        published = build_vendor_lock_in(
            vendor_id, values, rules, as_of=context.as_of, earlier=history.candidates(vendor_id)
        )
        for members in published.shown_sets():
            history.add(vendor_id, context.number, members)
        yield vendor_id, published
    yield HISTORY, history


def release_with_lock_in():
    """The current release when it holds lock-in figures, else None."""
    release = releases.current()
    if release is None or TOPIC not in (release.summary or {}):
        return None
    return release


def published_lock_in(vendor, *, viewer_organization=None) -> PublishedLockIn:
    """The vendor's figures in the current release, as ``viewer_organization`` (a care
    provider's id, or None) may see them."""
    release = release_with_lock_in()
    if release is None:
        return PublishedLockIn(LockInFigure(code="no_release"), missing_code="no_release")
    stored = releases.part(release, TOPIC, vendor.pk)
    if stored is None:  # no counted contract: nothing to show
        return PublishedLockIn(
            LockInFigure(code="too_few", as_of=release.as_of), as_of=release.as_of
        )
    return stored.view(viewer_organization)


def _contract_risks(vendor, today, method):
    """Every contract of ``vendor`` (of all vendors when None) running on ``today``, with
    its lock-in risk (0-100), computed in bulk; and the contracts' product links. (The
    market monitor reads this too.)"""
    return _risks(vendor, today, method)


contract_risks = _contract_risks  # public: the market monitor reads it (market.data)


def market_inputs(running, switched_by, rules):
    """MarketInputs of the contracts ``running`` (a queryset of those that count) and
    the switches up to ``switched_by``."""
    rows = pd.DataFrame.from_records(
        running.values("organization_id", "vendor_id", "category_id"),
        columns=["organization_id", "vendor_id", "category_id"],
    )
    switched = VendorSwitch.objects.filter(switch_date__lte=switched_by).values_list(
        "from_vendor_id", "category_id"
    )
    return MarketInputs.compute(rows, set(switched), rules)


def _risks(vendor, today, method, *, started_by=None, market=None, rules=None):
    """As _contract_risks; with ``started_by`` only contracts that started, and were
    recorded, on or before that day count, for the contracts' risks and the market
    inputs alike (``market``: MarketInputs, computed here when None)."""
    rules = rules or Rules.from_settings()
    weights = {**DEFAULT_WEIGHTS, **method.weights}
    share = weights["lock_in"]
    running = Contract.objects.filter(start_date__lte=today, end_date__gte=today)
    if started_by is not None:
        running = running.filter(
            start_date__lte=started_by, created_at__lt=recorded_by(started_by, 0)
        )
    own_running = running if vendor is None else running.filter(vendor=vendor)
    contracts = pd.DataFrame.from_records(
        own_running.values(
            "id",
            "organization_id",
            "vendor_id",
            "category_id",
            "initial_term_months",
            "auto_renewal",
            "notice_period_months",
        )
    )
    if contracts.empty:
        return contracts, pd.DataFrame(columns=["contract_id", "product_id"])
    clause_count = LockInClause.objects.count() or 1
    answered = pd.DataFrame.from_records(
        ContractClause.objects.filter(contract__in=own_running).values("contract_id", "answer")
    )
    if answered.empty:
        answered = pd.DataFrame(columns=["contract_id", "answer"])
    answered["risk"] = answered["answer"].map(ANSWER_RISK).astype(float)
    per_contract = answered.groupby("contract_id")["risk"].agg(["sum", "count"])
    risk_sum = contracts["id"].map(per_contract["sum"]).fillna(0.0)
    missing = clause_count - contracts["id"].map(per_contract["count"]).fillna(0)
    clauses = (risk_sum + missing) / clause_count
    # structure_inputs for every contract at once (the same thresholds)
    term, notice = contracts["initial_term_months"], contracts["notice_period_months"]
    structure = (
        np.where(term > 60, 1.0, np.where(term > 36, 0.5, 0.0))
        + contracts["auto_renewal"].astype(float)
        + np.where(notice >= 12, 1.0, np.where(notice >= 6, 0.5, 0.0))
    ) / 3
    links = pd.DataFrame.from_records(
        Contract.products.through.objects.filter(contract__in=own_running).values(
            "contract_id", "product_id"
        )
    )
    if links.empty:
        links = pd.DataFrame(columns=["contract_id", "product_id"])
    method_scores = InteroperabilityScore.objects.filter(method=method)
    if vendor is not None:
        method_scores = method_scores.filter(product__vendor=vendor)
    scores = dict(method_scores.values_list("product_id", "score"))
    links["score"] = links["product_id"].map(lambda p: float(scores[p]) if p in scores else None)
    product_mean = links.dropna(subset=["score"]).groupby("contract_id")["score"].mean()
    vendor_mean = {
        v: float(mean)
        for v, mean in method_scores.values("product__vendor")
        .annotate(mean=Avg("score"))
        .values_list("product__vendor", "mean")
    }
    interop_score = contracts["id"].map(product_mean)
    interop_score = interop_score.fillna(contracts["vendor_id"].map(vendor_mean))
    interoperability = (1 - interop_score / 100).fillna(1.0)
    if market is None:
        market = market_inputs(running, today if started_by is None else started_by, rules)
    pairs = list(zip(contracts["vendor_id"], contracts["category_id"], strict=True))
    dominant = weights["dominant_share"]
    market_values = pd.Series(
        [market.market_value(int(v), int(c), dominant)[0] for v, c in pairs],
        index=contracts.index,
    )
    switching = pd.Series(
        [market.switching_value(int(v), int(c))[0] for v, c in pairs], index=contracts.index
    )
    contracts["risk"] = (
        share["clauses"] * clauses
        + share["structure"] * structure
        + share["interoperability"] * interoperability
        + share["market_position"] * market_values
        + share["switching"] * switching
    )
    return contracts, links
