"""The lock-in risk formula: one contract's risk on a 0-100 scale (higher is worse), the
weighted sum of five components, each 0-1:

- clauses: the protective clauses of the checklist the contract lacks (yes 0, partly
  0.5, no or unknown 1), averaged over the whole checklist;
- structure: a long initial term (over 60 months 1, over 36 months 0.5), renewing
  automatically (1), a long notice period (12 months or more 1, 6 or more 0.5), averaged;
- interoperability: 1 minus the interoperability score of the contract's products
  (else the vendor's) / 100; no score at all counts as 1;
- market position: the vendor's share of the category's customers, against
  ``dominant_share`` (a share at or above it counts as 1; a withheld share 0);
- switching: 1 when nobody switched away from this vendor in this category.

The weights are the scoring method's ``lock_in`` shares, scaled to add up to 100.

Pure functions over frames with one row per contract: the contract page computes a
frame of one row, the published figures and the market monitor a frame of many
(vendors.lockin reads the frames), so all three show the same numbers."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from vendors.models.scoring import DEFAULT_WEIGHTS

ANSWER_RISK = {"yes": 0.0, "partly": 0.5, "no": 1.0, "unknown": 1.0}
COMPONENTS = ("clauses", "structure", "interoperability", "market_position", "switching")
SCALE = 100  # the total of the weights: risks run from 0 to SCALE


def weights(method_weights):
    """(component -> weight, the weights adding up to SCALE; dominant share) of a
    scoring method's weights (older methods may lack a component: defaults fill in)."""
    merged = {**DEFAULT_WEIGHTS, **method_weights}
    given = {**DEFAULT_WEIGHTS["lock_in"], **merged["lock_in"]}
    given = {name: given[name] for name in COMPONENTS}
    total = sum(given.values())
    if total and total != SCALE:  # keep the risk on the 0-100 scale
        given = {name: weight * SCALE / total for name, weight in given.items()}
    return given, merged["dominant_share"]


def clause_risk(contract_ids, answers, clause_count):
    """Per contract (a Series by ``contract_ids``' positions): the mean risk of its
    answers over a checklist of ``clause_count`` clauses, unanswered ones unknown.
    ``answers``: rows of contract_id and answer."""
    if not clause_count:
        return pd.Series(1.0, index=contract_ids.index)
    risk = answers["answer"].map(ANSWER_RISK).astype("float64")
    per_contract = risk.groupby(answers["contract_id"]).agg(["sum", "count"])
    risk_sum = contract_ids.map(per_contract["sum"]).fillna(0.0)
    unanswered = clause_count - contract_ids.map(per_contract["count"]).fillna(0)
    return (risk_sum + unanswered) / clause_count


def structure_parts(term_months, auto_renewal, notice_months):
    """The three structure inputs (0, 0.5 or 1) of each contract."""
    return pd.DataFrame(
        {
            "long_term": np.where(term_months > 60, 1.0, np.where(term_months > 36, 0.5, 0.0)),
            "auto_renewal": np.asarray(auto_renewal, dtype="float64"),
            "long_notice": np.where(
                notice_months >= 12, 1.0, np.where(notice_months >= 6, 0.5, 0.0)
            ),
        },
        index=term_months.index,
    )


def interoperability_risk(scores):
    """1 - score / 100 of each contract's interoperability score (0-100); none: 1."""
    return (1 - scores.astype("float64") / 100).fillna(1.0)


def market_risk(vendor_ids, category_ids, market, dominant_share):
    """(market position, switching) of each contract from ``market`` (MarketInputs)."""
    pairs = list(zip(vendor_ids.astype(int), category_ids.astype(int), strict=True))
    position = [market.market_value(v, c, dominant_share)[0] for v, c in pairs]
    switching = [market.switching_value(v, c)[0] for v, c in pairs]
    return (
        pd.Series(position, index=vendor_ids.index, dtype="float64"),
        pd.Series(switching, index=vendor_ids.index, dtype="float64"),
    )


def components(contracts, answers, clause_count, interop_scores, market, dominant_share):
    """The five components (columns, 0-1) of each contract. ``contracts``: rows of id,
    vendor_id, category_id, initial_term_months, auto_renewal, notice_period_months;
    ``interop_scores``: each contract's interoperability score or NaN."""
    structure = structure_parts(
        contracts["initial_term_months"],
        contracts["auto_renewal"],
        contracts["notice_period_months"],
    )
    position, switching = market_risk(
        contracts["vendor_id"], contracts["category_id"], market, dominant_share
    )
    return pd.DataFrame(
        {
            "clauses": clause_risk(contracts["id"], answers, clause_count),
            "structure": structure.mean(axis=1),
            "interoperability": interoperability_risk(interop_scores),
            "market_position": position,
            "switching": switching,
        },
        index=contracts.index,
    )


def total(parts, component_weights):
    """Each contract's risk (0-100): the weighted sum of its components."""
    risk = pd.Series(0.0, index=parts.index)
    for name in COMPONENTS:
        risk = risk + component_weights[name] * parts[name]
    return risk


def rounded(risk):
    """A risk as shown on a contract page: a Decimal with one decimal."""
    return Decimal(str(float(risk))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
