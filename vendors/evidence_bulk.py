"""Evidence levels, live scores and latest CapabilityStatements for many products in a
few queries (the products API lists 50 at a time), with the same rules as
StandardClaim.evidence_level."""

from collections import Counter

from vendors.models import InteroperabilityScore, ScoringMethod
from vendors.models.evidence import (
    CapabilityStatementVersion,
    Certificate,
    ClaimReview,
    EvidenceLevel,
)


def evidence_levels(claims, day):
    """{claim id: EvidenceLevel} for ``claims`` (with their products loaded)."""
    claims = list(claims)
    if not claims:
        return {}
    vendors = {c.product.vendor_id for c in claims}
    standards = {c.standard_id for c in claims}
    certified = set(
        Certificate.objects.filter(
            vendor_id__in=vendors,
            standard_id__in=standards,
            valid_from__lte=day,
            valid_until__gte=day,
        ).values_list("vendor_id", "standard_id", "product_id")
    )
    verdicts = Counter(
        (claim_id, verdict)
        for claim_id, verdict in ClaimReview.objects.filter(claim__in=claims).values_list(
            "claim_id", "verdict"
        )
    )
    levels = {}
    for claim in claims:
        vendor = claim.product.vendor_id
        if (vendor, claim.standard_id, None) in certified or (
            vendor,
            claim.standard_id,
            claim.product_id,
        ) in certified:
            levels[claim.pk] = EvidenceLevel.CERTIFIED
            continue
        confirms = verdicts[claim.pk, ClaimReview.Verdict.CONFIRM]
        disputes = verdicts[claim.pk, ClaimReview.Verdict.DISPUTE]
        levels[claim.pk] = (
            EvidenceLevel.CONFIRMED
            if confirms and confirms > disputes
            else EvidenceLevel.SELF_DECLARED
        )
    return levels


def live_scores(products):
    method = ScoringMethod.objects.live()
    return {
        s.product_id: s
        for s in InteroperabilityScore.objects.filter(
            method=method, product__in=products
        ).select_related("method")
    }


def latest_statements(products):
    newest = (
        CapabilityStatementVersion.objects.filter(product__in=products)
        .order_by("product_id", "-created_at", "-pk")
        .values_list("product_id", "pk")
    )
    ids = {}
    for product_id, pk in newest:
        ids.setdefault(product_id, pk)  # the first per product is the newest
    statements = CapabilityStatementVersion.objects.filter(pk__in=ids.values()).defer("document")
    return {s.product_id: s for s in statements}
