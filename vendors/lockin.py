"""Lock-in risk (0-100, higher is worse) of one contract, with its breakdown, under the
live scoring method's ``lock_in`` weights:

- clauses: the protective clauses of the checklist the contract lacks (yes 0, partly
  0.5, no or unknown 1), averaged;
- structure: a long initial term (over 60 months 1, over 36 months 0.5), renewing
  automatically (1), a long notice period (12 months or more 1, 6 or more 0.5), averaged;
- interoperability: 1 minus the interoperability score of the contract's products
  (else the vendor's) / 100; no score at all counts as 1;
- market position: the vendor's share of the category's customers today, against
  ``dominant_share`` (a share at or above it counts as 1);
- switching: 1 when nobody ever switched away from this vendor in this category.

Only the contract's own organisation sees it (contract pages)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendors.models import InteroperabilityScore, ScoringMethod
from vendors.models.scoring import DEFAULT_WEIGHTS
from vendors.scoring import breakdown_rows

ANSWER_RISK = {"yes": 0.0, "partly": 0.5, "no": 1.0, "unknown": 1.0}


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


def _market_position(contract, weights, today):
    from contracts.models import Contract

    running = Contract.objects.filter(
        category=contract.category, start_date__lte=today, end_date__gte=today
    )
    customers = running.values("organization").distinct().count()
    of_vendor = running.filter(vendor=contract.vendor_id).values("organization").distinct().count()
    share = of_vendor / customers if customers else 0.0
    return min(1.0, share / weights["dominant_share"]), {"customer_share": round(share, 3)}


def _switching(contract):
    from contracts.models import VendorSwitch

    switched = VendorSwitch.objects.filter(
        category=contract.category, from_vendor=contract.vendor_id
    ).exists()
    return (0.0 if switched else 1.0), {"anyone_switched_away": switched}


def contract_lock_in(contract, *, today, method=None):
    """(risk as Decimal with one decimal, breakdown)."""
    method = method or ScoringMethod.objects.live()
    weights = {**DEFAULT_WEIGHTS, **method.weights}  # methods older than a component
    parts = {
        "clauses": _clauses(contract),
        "structure": _structure(contract),
        "interoperability": _interoperability(contract, method),
        "market_position": _market_position(contract, weights, today),
        "switching": _switching(contract),
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
    risk, breakdown = contract_lock_in(contract, today=timezone.localdate())
    parts = breakdown_rows(breakdown, COMPONENT_LABELS)
    return {"risk": risk, "breakdown": breakdown, "parts": parts}
