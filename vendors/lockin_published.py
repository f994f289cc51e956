"""Lock-in risk aggregated per vendor and per product, for public pages, under the
price disclosure rules (prices.disclosure): at least 5 organisations, none dominant,
percentiles only, and complementary suppression between a vendor's figure and its
products' figures (prices.differencing).

The risk of every running contract of the vendor is computed as in vendors.lockin, in
bulk; each organisation counts once (the mean of its contracts)."""

from dataclasses import astuple, dataclass

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.db.models import Avg, Count

from contracts.models import Contract, ContractClause, LockInClause, VendorSwitch
from prices.differencing import Candidate, suppress_differencing
from prices.disclosure import REASON_DIFFERENCING, Cell, Rules, cell_statistics
from prices.versioning import digest_of_all
from vendors.lockin import ANSWER_RISK
from vendors.models import InteroperabilityScore, ScoringMethod
from vendors.models.scoring import DEFAULT_WEIGHTS


@dataclass
class PublishedLockIn:
    vendor: Cell
    products: dict  # product id -> Cell
    contributors: frozenset = frozenset()  # organisations with a running contract


def _contract_risks(vendor, today, method):
    """Every running contract of ``vendor`` (of all vendors when None) with its lock-in
    risk (0-1), computed in bulk; and the contracts' product links."""
    weights = {**DEFAULT_WEIGHTS, **method.weights}
    share = weights["lock_in"]
    running = Contract.objects.filter(start_date__lte=today, end_date__gte=today)
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
    customers = dict(
        running.values("category_id")
        .annotate(n=Count("organization", distinct=True))
        .values_list("category_id", "n")
    )
    own = {
        (v, c): n
        for v, c, n in own_running.values("vendor_id", "category_id")
        .annotate(n=Count("organization", distinct=True))
        .values_list("vendor_id", "category_id", "n")
    }
    pairs = list(zip(contracts["vendor_id"], contracts["category_id"], strict=True))
    market = pd.Series(
        [
            min(1.0, own.get((v, c), 0) / customers[c] / weights["dominant_share"])
            if customers.get(c)
            else 0.0
            for v, c in pairs
        ],
        index=contracts.index,
    )
    switches = (
        VendorSwitch.objects.all()
        if vendor is None
        else VendorSwitch.objects.filter(from_vendor=vendor)
    )
    switched = set(switches.values_list("from_vendor_id", "category_id"))
    switching = pd.Series(
        [0.0 if pair in switched else 1.0 for pair in pairs], index=contracts.index
    )
    contracts["risk"] = (
        share["clauses"] * clauses
        + share["structure"] * structure
        + share["interoperability"] * interoperability
        + share["market_position"] * market
        + share["switching"] * switching
    )
    return contracts, links


def _cell(rows, rules, viewer_organization=None):
    """One value per organisation (the mean of its contracts), each weighing the same."""
    per_org = rows.groupby("organization_id", as_index=False)["risk"].mean()
    frame = pd.DataFrame(
        {"organization_id": per_org["organization_id"], "value": per_org["risk"], "weight": 1.0}
    )
    return cell_statistics(frame, rules, viewer_organization=viewer_organization)


def _without_viewer(cell, rows, rules, viewer_organization):
    """Like prices: an organisation is shown the figure recomputed without its own data
    (suppression decisions stay those made for everyone)."""
    if viewer_organization is None or cell.suppressed:
        return cell
    if viewer_organization not in cell.organisations:
        return cell
    return _cell(rows, rules, viewer_organization)


def published_lock_in(vendor, *, today, rules=None, method=None, viewer_organization=None):
    """The vendor's published figures. Everyone but a contributing organisation sees the
    same figures, so those are cached, keyed by the data versions (any contract write
    bumps one) and what else they depend on; a contributor's own view is computed."""
    rules = rules or Rules.from_settings()
    method = method or ScoringMethod.objects.live()
    rule_values = ":".join(str(value) for value in astuple(rules))
    key = f"lockin:v1:{vendor.pk}:{digest_of_all()}:{method.pk}:{today.isoformat()}:{rule_values}"
    published = cache.get_or_set(
        key, lambda: _published(vendor, today, rules, method), timeout=24 * 3600
    )
    if viewer_organization is None or viewer_organization not in published.contributors:
        return published
    return _published(vendor, today, rules, method, viewer_organization)


def _published(vendor, today, rules, method, viewer_organization=None):
    contracts, links = _contract_risks(vendor, today, method)
    if contracts.empty:
        return PublishedLockIn(_cell(pd.DataFrame(columns=["organization_id", "risk"]), rules), {})
    cells = {("vendor", vendor.pk): _cell(contracts, rules)}
    rows_of = {("vendor", vendor.pk): contracts}
    with_products = links.merge(contracts, left_on="contract_id", right_on="id")
    for product_id, rows in with_products.groupby("product_id"):
        cells[("product", product_id)] = _cell(rows, rules)
        rows_of[("product", product_id)] = rows
    candidates = []
    codes = {org: i for i, org in enumerate(sorted(contracts["organization_id"].unique()))}
    for key, cell in cells.items():
        if not cell.suppressed:
            members = sorted(codes[o] for o in cell.organisations)
            candidates.append(Candidate(key, pd.Series(members).to_numpy()))
    for key in suppress_differencing(candidates, rules.min_organisations):
        cells[key].suppress(REASON_DIFFERENCING)
    cells = {
        key: _without_viewer(cell, rows_of[key], rules, viewer_organization)
        for key, cell in cells.items()
    }
    products = {pk: cell for (kind, pk), cell in cells.items() if kind == "product"}
    contributors = frozenset(contracts["organization_id"].tolist())
    return PublishedLockIn(cells[("vendor", vendor.pk)], products, contributors)
