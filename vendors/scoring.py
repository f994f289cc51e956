"""Interoperability score (0-100) of a product, with its breakdown, under a versioned
method (vendors.models.scoring):

- claims: each claimed standard counts by its strongest evidence (self-declared,
  confirmed by customers, certified on the day); the sum, against the number of
  standards that earns full marks, capped at 1;
- coverage: the latest CapabilityStatement against each shipped requirement set
  (SHALL and SHOULD items weighted), averaged over the sets; 0 without a statement;
- openness: public API documentation, API access without an extra fee, bulk export.

A vendor's score is the mean of its products' scores. Scores are stored (published) only
through vendors.rescoring, whenever the evidence changes."""

from decimal import ROUND_HALF_UP, Decimal

from vendors.models import InteroperabilityScore, ScoringMethod
from vendors.models.evidence import EvidenceLevel

LEVEL_ORDER = [EvidenceLevel.SELF_DECLARED, EvidenceLevel.CONFIRMED, EvidenceLevel.CERTIFIED]


def _claims_part(product, weights, day):
    best = {}
    for claim in product.claims.select_related("standard"):
        level = claim.evidence_level(day)
        code = claim.standard.code
        if code not in best or LEVEL_ORDER.index(level) > LEVEL_ORDER.index(best[code]):
            best[code] = level
    inputs = [
        {"standard": code, "evidence": str(level), "counts": weights["evidence"][str(level)]}
        for code, level in sorted(best.items())
    ]
    points = sum(i["counts"] for i in inputs)
    return min(1.0, points / weights["claims_for_full_marks"]), inputs


def _coverage_part(product, weights):
    statement = (
        product.capability_statements.order_by("-created_at", "-pk").defer("document").first()
    )
    if statement is None:
        return 0.0, []
    inputs = []
    for code, result in sorted(statement.coverage.items()):
        shall = result["shall_met"] / result["shall_total"] if result["shall_total"] else 1.0
        should = result["should_met"] / result["should_total"] if result["should_total"] else 1.0
        value = weights["shall_share"] * shall + weights["should_share"] * should
        inputs.append({"requirement_set": code, "value": round(value, 4)})
    return sum(i["value"] for i in inputs) / len(inputs), inputs


def _openness_part(product):
    signals = {
        "api_docs": bool(product.api_docs_url),
        "api_access_free": product.api_access_free,
        "bulk_export": product.bulk_export,
    }
    return sum(signals.values()) / len(signals), signals


def breakdown_rows(breakdown, labels):
    """A score breakdown as table rows: label, weight, value (0-1) and points."""
    return [
        {
            "label": labels[c["name"]],
            "weight": c["weight"],
            "value": c["value"],
            "points": c["weight"] * c["value"],
        }
        for c in breakdown["components"]
    ]


def interoperability(product, method, day):
    """(score as Decimal with one decimal, breakdown)."""
    weights = method.weights
    claims, claim_inputs = _claims_part(product, weights, day)
    coverage, coverage_inputs = _coverage_part(product, weights)
    openness, signals = _openness_part(product)
    parts = {"claims": claims, "coverage": coverage, "openness": openness}
    total = sum(weights[name] * value for name, value in parts.items())
    breakdown = {
        "method_version": method.version,
        "day": day.isoformat(),
        "components": [
            {
                "name": "claims",
                "weight": weights["claims"],
                "value": round(claims, 4),
                "inputs": claim_inputs,
            },
            {
                "name": "coverage",
                "weight": weights["coverage"],
                "value": round(coverage, 4),
                "inputs": coverage_inputs,
            },
            {
                "name": "openness",
                "weight": weights["openness"],
                "value": round(openness, 4),
                "inputs": signals,
            },
        ],
    }
    score = Decimal(str(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return score, breakdown


def vendor_score(vendor, method=None):
    """Mean of the vendor's products' scores under ``method`` (the live one), or None."""
    return vendor_scores([vendor], method).get(vendor.pk)


def vendor_scores(vendors, method=None):
    """{vendor id: vendor_score} for many vendors in one query (vendors without scored
    products are left out)."""
    method = method or ScoringMethod.objects.live()
    by_vendor = {}
    for vendor_id, score in InteroperabilityScore.objects.filter(
        product__vendor__in=vendors, method=method
    ).values_list("product__vendor_id", "score"):
        by_vendor.setdefault(vendor_id, []).append(score)
    return {
        vendor_id: (sum(scores) / len(scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        for vendor_id, scores in by_vendor.items()
    }
