"""What the public vendor and product pages show: claims with their evidence level,
certificates with validity, CapabilityStatement coverage, scores with breakdown, the
code-of-conduct status and the vendor's reply. Never prices or contracts."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vendors.capability import localized_coverage
from vendors.evidence_bulk import evidence_levels, latest_statements, live_scores
from vendors.gaps import describe_all
from vendors.lockin_published import published_lock_in
from vendors.models import InteroperabilityScore, ScoringMethod, StandardClaim
from vendors.scoring import breakdown_rows, vendor_score
from vendors.summary import vendor_summary

COMPONENT_LABELS = {
    "claims": _("Standards claimed, by strength of evidence"),
    "coverage": _("CapabilityStatement against Dutch requirement sets"),
    "openness": _("Openness (API documentation, free API access, bulk export)"),
}


@dataclass
class ProductEvidence:
    product: object
    claims: list  # (claim, evidence level)
    certificates: list  # (certificate, valid today)
    statement: object  # latest CapabilityStatementVersion or None
    score: object  # InteroperabilityScore under the live method, or None
    lock_in: object = None  # published lock-in figure of its customers' contracts

    def __post_init__(self):
        if self.statement is not None:  # shown only, never saved from here
            self.statement.coverage = localized_coverage(self.statement.coverage)

    @property
    def parts(self):
        if self.score is None:
            return []
        return breakdown_rows(self.score.breakdown, COMPONENT_LABELS)

    @property
    def score_value(self):
        return None if self.score is None else self.score.score

    @property
    def coverage(self):
        """(result, gaps in words) per requirement set of the latest statement."""
        if self.statement is None:
            return []
        return [
            (result, describe_all(result["missing"])) for result in self.statement.coverage.values()
        ]


def product_evidence(product, day, method=None, lock_in=None, viewer_organization=None):
    """One product's evidence (a vendor's page builds all of them at once:
    _evidence_of_all). Its lock-in figure comes from the current release."""
    method = method or ScoringMethod.objects.live()
    claims = [
        (claim, claim.evidence_level(day))
        for claim in product.claims.select_related("standard", "product").order_by("standard__name")
    ]
    certificates = [
        (certificate, certificate.is_valid_on(day))
        for certificate in product.vendor.certificates.filter(
            Q(product=product) | Q(product__isnull=True)
        ).select_related("standard")
    ]
    statement = product.capability_statements.order_by("-created_at").first()
    score = InteroperabilityScore.objects.filter(product=product, method=method).first()
    evidence = ProductEvidence(product, claims, certificates, statement, score)
    if lock_in is None:
        lock_in = published_lock_in(product.vendor, viewer_organization=viewer_organization)
    evidence.lock_in = lock_in.product(product.pk)
    return evidence


def _evidence_of_all(vendor, products, day, lock_in, certificates):
    """product_evidence for every product of ``vendor``, in a fixed number of queries."""
    claims = list(
        StandardClaim.objects.filter(product__vendor=vendor)
        .select_related("standard", "product")
        .order_by("standard__name")
    )
    levels = evidence_levels(claims, day)
    statements, scores = latest_statements(products), live_scores(products)
    evidence = []
    for product in products:
        evidence.append(
            ProductEvidence(
                product,
                [(c, levels[c.pk]) for c in claims if c.product_id == product.pk],
                [
                    (certificate, certificate.is_valid_on(day))
                    for certificate in certificates
                    if certificate.product_id in (None, product.pk)
                ],
                statements.get(product.pk),
                scores.get(product.pk),
                lock_in.product(product.pk),
            )
        )
    return evidence


def vendor_profile(vendor, day, viewer_organization=None):
    method = ScoringMethod.objects.live()
    products = vendor.products.select_related("category", "category__parent").order_by("name")
    lock_in = published_lock_in(vendor, viewer_organization=viewer_organization)
    certificates = list(vendor.certificates.select_related("standard"))
    evidence = _evidence_of_all(vendor, list(products), day, lock_in, certificates)
    return {
        "lock_in": lock_in.vendor,
        "evidence": evidence,
        "summary": vendor_summary(evidence, certificates, day),
        "score": vendor_score(vendor, method),
        "method": method,
        "reply": vendor.replies.first(),
        "signature": vendor.signatures.select_related("page").first(),
        "last_change": vendor.audit_events.first(),
    }
