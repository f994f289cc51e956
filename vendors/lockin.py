"""Lock-in risk (0-100, higher is worse) of one contract, with its breakdown, under the
live scoring method's ``lock_in`` weights:

- clauses: the protective clauses of the checklist the contract lacks (yes 0, partly
  0.5, no or unknown 1), averaged;
- structure: a long initial term (over 60 months 1, over 36 months 0.5), renewing
  automatically (1), a long notice period (12 months or more 1, 6 or more 0.5), averaged;
- interoperability: 1 minus the interoperability score of the contract's products
  (else the vendor's) / 100; no score at all counts as 1;
- market position: the vendor's share of the category's customers, against
  ``dominant_share`` (a share at or above it counts as 1);
- switching: 1 when nobody switched away from this vendor in this category.

The last two are made from other organisations' contracts, so they come from the
current release (MarketInputs, topic "lockin"): the vendor's share of customers is a
protected share (withheld below 5 customers: then the component counts 0), and the
switches are those of 90 days before the release day. A contract page then shows no
count of other organisations' contracts, and nothing on it moves between releases but
the contract's own data. Only the contract's own organisation sees it."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from django.db.models import Avg
from django.utils.translation import gettext_lazy as _

from disclosure import releases
from disclosure.statistics import protected_share
from vendors.models import InteroperabilityScore, ScoringMethod
from vendors.models.scoring import DEFAULT_WEIGHTS
from vendors.scoring import breakdown_rows

ANSWER_RISK = {"yes": 0.0, "partly": 0.5, "no": 1.0, "unknown": 1.0}
TOPIC = "lockin"  # the release topic of the lock-in figures (vendors.lockin_published)
MARKET = "market-inputs"  # its part holding MarketInputs


@dataclass(frozen=True)
class MarketInputs:
    """What the market-position and switching components read, as of a release day:
    each vendor's share of a category's customers (a protected share; None when
    withheld) and the (vendor id, category id) pairs someone switched away from."""

    shares: dict  # (vendor id, category id) -> share (0-1) or None
    switched: frozenset
    as_of: date | None = None

    @classmethod
    def compute(cls, running, switched, rules, as_of=None):
        """From ``running``: rows of organization_id, vendor_id and category_id of the
        contracts that count; ``switched``: (vendor id, category id) pairs."""
        shares = {}
        for category_id, rows in running.groupby("category_id"):
            whole = pd.Series(1.0, index=rows["organization_id"].unique())
            for vendor_id, own in rows.groupby("vendor_id"):
                part = pd.Series(1.0, index=own["organization_id"].unique())
                figure = protected_share(part, whole, rules)
                shares[(int(vendor_id), int(category_id))] = (
                    None if figure.suppressed else figure.value
                )
        return cls(shares, frozenset(switched), as_of)

    @classmethod
    def published(cls):
        """The current release's inputs (empty before the first release)."""
        return releases.part(None, TOPIC, MARKET) or cls({}, frozenset())

    def market_value(self, vendor_id, category_id, dominant_share):
        """(component value, inputs) of the market position."""
        share = self.shares.get((vendor_id, category_id))
        if share is None:  # fewer than 5 customers, or not in the release
            return 0.0, {"customer_share": None}
        return min(1.0, share / dominant_share), {"customer_share": share}

    def switching_value(self, vendor_id, category_id):
        switched = (vendor_id, category_id) in self.switched
        return (0.0 if switched else 1.0), {"anyone_switched_away": switched}


def _clauses(contract):
    from contracts.models import LockInClause

    answers = dict(contract.clauses.values_list("clause__code", "answer"))
    inputs = {
        code: answers.get(code, "unknown")
        for code in LockInClause.objects.values_list("code", flat=True)
    }
    value = sum(ANSWER_RISK[a] for a in inputs.values()) / len(inputs) if inputs else 1.0
    return value, inputs


def structure_inputs(term_months, auto_renewal, notice_months):
    return {
        "long_term": 1.0 if term_months > 60 else 0.5 if term_months > 36 else 0.0,
        "auto_renewal": 1.0 if auto_renewal else 0.0,
        "long_notice": 1.0 if notice_months >= 12 else 0.5 if notice_months >= 6 else 0.0,
    }


def _structure(contract):
    inputs = structure_inputs(
        contract.initial_term_months, contract.auto_renewal, contract.notice_period_months
    )
    return sum(inputs.values()) / len(inputs), inputs


def _interoperability(contract, method):
    scores = InteroperabilityScore.objects.filter(method=method)
    products = scores.filter(product__in=contract.products.all())
    mean = products.aggregate(mean=Avg("score"))["mean"]
    basis = "products"
    if mean is None:
        mean = scores.filter(product__vendor=contract.vendor_id).aggregate(mean=Avg("score"))[
            "mean"
        ]
        basis = "vendor"
    if mean is None:
        return 1.0, {"basis": "none", "score": None}
    return 1 - float(mean) / 100, {"basis": basis, "score": round(float(mean), 1)}


def contract_lock_in(contract, *, method=None, market=None):
    """(risk as Decimal with one decimal, breakdown); ``market``: MarketInputs (default:
    the current release's)."""
    method = method or ScoringMethod.objects.live()
    market = market or MarketInputs.published()
    weights = {**DEFAULT_WEIGHTS, **method.weights}  # methods older than a component
    vendor_id, category_id = contract.vendor_id, contract.category_id
    parts = {
        "clauses": _clauses(contract),
        "structure": _structure(contract),
        "interoperability": _interoperability(contract, method),
        "market_position": market.market_value(vendor_id, category_id, weights["dominant_share"]),
        "switching": market.switching_value(vendor_id, category_id),
    }
    total = sum(weights["lock_in"][name] * value for name, (value, _) in parts.items())
    breakdown = {
        "method_version": method.version,
        "components": [
            {
                "name": name,
                "weight": weights["lock_in"][name],
                "value": round(value, 4),
                "inputs": inputs,
            }
            for name, (value, inputs) in parts.items()
        ],
    }
    return Decimal(str(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), breakdown


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
