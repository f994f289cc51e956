"""Lock-in risk of contracts, read from the database and computed with the one formula
(vendors.lockin_formula), for one contract with its breakdown (``contract_lock_in``: the
contract page) or for many at once (``contract_risks``: the release's vendor and product
figures, ``produce``, and the market monitor). Both build the same frame, so a
contract's risk is the same number everywhere.

The market position and switching components are made from other organisations'
contracts, so a contract page reads them from the current release
(vendors.lockin.MarketInputs): the vendor's share of customers is a protected share
(withheld below 5 customers: then the component counts 0), and the switches are those
of 90 days before the release day. A contract page then shows no count of other
organisations' contracts, and nothing on it moves between releases but the contract's
own data. Only the contract's own organisation sees it. A release computes the same
inputs from the contracts it counts (``market_inputs``).

The published figures per vendor and product (vendors.lockin_published) are made here,
when a release is made (``produce``): the catalogue app below reads them and never the
contracts."""

from datetime import timedelta

import numpy as np
import pandas as pd
from django.utils.translation import gettext_lazy as _

from contracts.models import Contract, ContractClause, LockInClause, VendorSwitch
from disclosure.history import ShownSets
from disclosure.rules import Rules, recorded_by
from vendors import lockin_formula as formula
from vendors.lockin import MARKET, TOPIC, MarketInputs
from vendors.lockin_published import HISTORY, build_vendor_lock_in, values_by_vendor
from vendors.models import InteroperabilityScore, Product, ScoringMethod
from vendors.scoring import breakdown_rows

CONTRACT_FIELDS = (
    "id",
    "organization_id",
    "vendor_id",
    "category_id",
    "initial_term_months",
    "auto_renewal",
    "notice_period_months",
)


def _interoperability_scores(contracts, rows, method):
    """(score, basis) of each contract: the mean of its products' scores under
    ``method``, else the mean of its vendor's products', else none; and its links."""
    linked = Contract.products.through.objects.filter(contract__in=contracts)
    links = pd.DataFrame.from_records(
        linked.values("contract_id", "product_id"), columns=["contract_id", "product_id"]
    )
    scored = InteroperabilityScore.objects.filter(method=method)
    product_scores = pd.DataFrame.from_records(
        scored.filter(product__in=linked.values("product_id")).values("product_id", "score"),
        columns=["product_id", "score"],
    )
    vendor_scores = pd.DataFrame.from_records(
        scored.filter(product__vendor__in=contracts.values("vendor_id")).values(
            "product__vendor", "score"
        ),
        columns=["product__vendor", "score"],
    )
    scores = product_scores.set_index("product_id")["score"].astype("float64")
    by_product = links["product_id"].map(scores).groupby(links["contract_id"]).mean()
    by_vendor = vendor_scores["score"].astype("float64").groupby(vendor_scores["product__vendor"])
    own = rows["id"].map(by_product)
    vendors = rows["vendor_id"].map(by_vendor.mean())
    basis = pd.Series(
        np.where(own.notna(), "products", np.where(vendors.notna(), "vendor", "none")),
        index=rows.index,
    )
    return own.fillna(vendors), basis, links


def _risk_frame(contracts, method, market):
    """The formula over the contracts of a queryset: (rows with their components and
    ``risk``, clause answers, the checklist's codes, links to products)."""
    rows = pd.DataFrame.from_records(
        contracts.values(*CONTRACT_FIELDS), columns=list(CONTRACT_FIELDS)
    )
    codes = list(LockInClause.objects.values_list("code", flat=True))
    answers = pd.DataFrame.from_records(
        ContractClause.objects.filter(contract__in=contracts).values(
            "contract_id", "clause__code", "answer"
        ),
        columns=["contract_id", "clause__code", "answer"],
    )
    scores, basis, links = _interoperability_scores(contracts, rows, method)
    component_weights, dominant_share = formula.weights(method.weights)
    parts = formula.components(rows, answers, len(codes), scores, market, dominant_share)
    rows = rows.join(parts)
    rows["interoperability_score"] = scores
    rows["interoperability_basis"] = basis
    rows["risk"] = formula.total(parts, component_weights)
    return rows, answers, codes, links


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


def contract_risks(vendor, today, method, *, started_by=None, market=None, rules=None):
    """Every contract of ``vendor`` (of all vendors when None) running on ``today``, with
    its lock-in risk (0-100, column ``risk``) and components; and the contracts' product
    links. With ``started_by`` only contracts that started, and were recorded, on or
    before that day count, for the risks and the market inputs alike (``market``:
    MarketInputs, computed here when None). Read by the published figures
    (vendors.lockin_published) and the market monitor."""
    running = Contract.objects.filter(start_date__lte=today, end_date__gte=today)
    if started_by is not None:
        running = running.filter(
            start_date__lte=started_by, created_at__lt=recorded_by(started_by, 0)
        )
    if market is None:
        rules = rules or Rules.from_settings()
        market = market_inputs(running, today if started_by is None else started_by, rules)
    own_running = running if vendor is None else running.filter(vendor=vendor)
    rows, _answers, _codes, links = _risk_frame(own_running, method, market)
    return rows, links


def contract_lock_in(contract, *, method=None, market=None):
    """(risk as Decimal with one decimal, breakdown); ``market``: MarketInputs (default:
    the current release's)."""
    method = method or ScoringMethod.objects.live()
    market = market or MarketInputs.published()
    rows, answers, codes, _links = _risk_frame(
        Contract.objects.filter(pk=contract.pk), method, market
    )
    row = rows.iloc[0]
    given = dict(zip(answers["clause__code"], answers["answer"], strict=True))
    share = market.shares.get((contract.vendor_id, contract.category_id))
    score = row["interoperability_score"]
    inputs = {
        "clauses": {code: given.get(code, "unknown") for code in codes},
        "structure": {
            name: float(value)
            for name, value in formula.structure_parts(
                rows["initial_term_months"], rows["auto_renewal"], rows["notice_period_months"]
            )
            .iloc[0]
            .items()
        },
        "interoperability": {
            "basis": str(row["interoperability_basis"]),
            "score": None if pd.isna(score) else round(float(score), 1),
        },
        "market_position": {"customer_share": share},
        "switching": {
            "anyone_switched_away": (contract.vendor_id, contract.category_id) in market.switched
        },
    }
    component_weights, _dominant = formula.weights(method.weights)
    breakdown = {
        "method_version": method.version,
        "components": [
            {
                "name": name,
                "weight": component_weights[name],
                "value": round(float(row[name]), 4),
                "inputs": inputs[name],
            }
            for name in formula.COMPONENTS
        ],
    }
    return formula.rounded(row["risk"]), breakdown


COMPONENT_LABELS = {
    "clauses": _("Protective clauses missing"),
    "structure": _("Contract structure (term, auto-renewal, notice)"),
    "interoperability": _("Interoperability of the product"),
    "market_position": _("Vendor's share of the category's customers"),
    "switching": _("Nobody ever switched away"),
}


def lock_in_summary(contract):
    """What a contract page shows: the risk and each component's points."""
    risk, breakdown = contract_lock_in(contract)
    parts = breakdown_rows(breakdown, COMPONENT_LABELS)
    return {"risk": risk, "breakdown": breakdown, "parts": parts}


def produce(context):
    """(vendor id, VendorLockIn) for every vendor with counted contracts, then the
    history of shown sets."""
    rules = context.rules
    started_by = context.as_of - timedelta(days=rules.min_age_days)
    counted = Contract.objects.filter(
        start_date__lte=started_by,
        created_at__lt=recorded_by(started_by, 0),
        end_date__gte=context.as_of,
    )
    market = market_inputs(counted, started_by, rules)
    yield MARKET, market
    contracts, links = contract_risks(
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
