"""Evidence levels, certificate expiry, the interoperability score as a worked example,
and method versioning."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.tests.factories import OrganizationFactory, UserFactory
from vendors.models import ScoringMethod, Standard
from vendors.models.evidence import Certificate, ClaimReview, EvidenceLevel, StandardClaim
from vendors.rescoring import rescore_products
from vendors.scoring import interoperability
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 22)


def claim(product, code):
    return StandardClaim.objects.create(product=product, standard=Standard.objects.get(code=code))


def certificate(product, code, until):
    return Certificate.objects.create(
        vendor=product.vendor,
        product=product,
        standard=Standard.objects.get(code=code),
        kind=Certificate.Kind.NICTIZ_QUALIFICATION,
        issuer="Nictiz",
        number="Q-1",
        valid_from=date(2025, 1, 1),
        valid_until=until,
    )


def review(item, verdict):
    ClaimReview.objects.create(
        claim=item, organization=OrganizationFactory(), reviewer=UserFactory(), verdict=verdict
    )


def test_evidence_levels_and_expiry(reference_data):
    product = ProductFactory()
    fhir = claim(product, "hl7-fhir-r4")
    assert fhir.evidence_level(DAY) == EvidenceLevel.SELF_DECLARED
    review(fhir, ClaimReview.Verdict.CONFIRM)
    assert fhir.evidence_level(DAY) == EvidenceLevel.CONFIRMED
    certificate(product, "hl7-fhir-r4", until=DAY)
    assert fhir.evidence_level(DAY) == EvidenceLevel.CERTIFIED  # valid on its end date
    assert fhir.evidence_level(DAY + timedelta(days=1)) == EvidenceLevel.CONFIRMED


def test_disputes_outweighing_confirmations_leave_a_claim_self_declared(reference_data):
    bgz = claim(ProductFactory(), "nictiz-bgz")
    review(bgz, ClaimReview.Verdict.CONFIRM)
    review(bgz, ClaimReview.Verdict.DISPUTE)
    assert bgz.evidence_level(DAY) == EvidenceLevel.SELF_DECLARED
    review(bgz, ClaimReview.Verdict.CONFIRM)
    assert bgz.evidence_level(DAY) == EvidenceLevel.CONFIRMED


def test_a_certificate_of_another_standard_or_vendor_does_not_count(reference_data):
    product = ProductFactory()
    fhir = claim(product, "hl7-fhir-r4")
    certificate(product, "nictiz-bgz", until=DAY)
    other = ProductFactory()
    certificate(other, "hl7-fhir-r4", until=DAY)
    assert fhir.evidence_level(DAY) == EvidenceLevel.SELF_DECLARED


def test_worked_example(reference_data):
    """Claims: FHIR certified (1.0) + BgZ confirmed (0.7) + NEN 7510 self-declared (0.3)
    = 2.0 of 6 -> 0.3333; no CapabilityStatement -> coverage 0; openness: documentation
    and bulk export, no free API access -> 2/3. Score = 50 x 0.3333 + 35 x 0 + 15 x
    0.6667 = 26.7."""
    product = ProductFactory(api_docs_url="https://docs.example.org", bulk_export=True)
    claim(product, "hl7-fhir-r4")
    certificate(product, "hl7-fhir-r4", until=date(2027, 1, 1))
    review(claim(product, "nictiz-bgz"), ClaimReview.Verdict.CONFIRM)
    claim(product, "nen-7510")
    score, breakdown = interoperability(product, ScoringMethod.objects.live(), DAY)
    assert score == Decimal("26.7")
    claims = breakdown["components"][0]
    assert claims["value"] == pytest.approx(0.3333, abs=1e-4)
    assert {i["standard"]: i["evidence"] for i in claims["inputs"]} == {
        "hl7-fhir-r4": "certified",
        "nictiz-bgz": "confirmed",
        "nen-7510": "self_declared",
    }
    assert breakdown["method_version"] == 1


def test_each_score_keeps_the_method_version_that_made_it(reference_data):
    product = ProductFactory(api_access_free=True)
    rescore_products([product], day=DAY)
    first = product.scores.get()
    assert (first.method.version, float(first.score)) == (1, 5.0)
    heavier = ScoringMethod(
        name="Openness counts more",
        weights={**first.method.weights, "claims": 40, "openness": 25},
    )
    heavier.full_clean()
    heavier.save()
    rescore_products([product], day=DAY)
    second = product.scores.get(method=heavier)
    assert (second.method.version, float(second.score)) == (2, 8.3)  # 25 x 1/3
    assert product.scores.count() == 2  # the version 1 score is kept


def test_a_used_method_is_never_changed(reference_data):
    method = ScoringMethod.objects.live()
    method.weights = {**method.weights, "claims": 60, "coverage": 25}
    with pytest.raises(ValidationError, match="nieuwe versie"):
        method.full_clean()
    bad = ScoringMethod(name="x", weights={**method.weights, "claims": 10})
    with pytest.raises(ValidationError):
        bad.full_clean()


def test_bulk_evidence_levels_match_one_by_one(reference_data):
    """The products API computes the levels of a whole page at once (vendors.evidence_bulk);
    they must equal each claim's own evidence_level."""
    from vendors.evidence_bulk import evidence_levels

    product, other = ProductFactory(), ProductFactory()
    certified = claim(product, "hl7-fhir-r4")
    certificate(product, "hl7-fhir-r4", until=DAY)
    confirmed = claim(product, "nictiz-bgz")
    review(confirmed, ClaimReview.Verdict.CONFIRM)
    disputed = claim(other, "nictiz-bgz")
    review(disputed, ClaimReview.Verdict.CONFIRM)
    review(disputed, ClaimReview.Verdict.DISPUTE)
    vendor_wide = claim(other, "hl7-fhir-r4")
    Certificate.objects.create(
        vendor=other.vendor,
        standard=Standard.objects.get(code="hl7-fhir-r4"),
        kind=Certificate.Kind.NICTIZ_QUALIFICATION,
        issuer="Nictiz",
        number="Q-2",
        valid_from=date(2025, 1, 1),
        valid_until=DAY,
    )
    claims = [certified, confirmed, disputed, vendor_wide]
    for day in (DAY, DAY + timedelta(days=1)):
        expected = {c.pk: c.evidence_level(day) for c in claims}
        assert evidence_levels(StandardClaim.objects.select_related("product"), day) == expected


@pytest.mark.django_db
def test_scoring_method_page_speaks_the_readers_language_and_hides_editor_notes(client):
    """Version names and requirement sets in the page's language; the notes for the
    editors of the requirement sets are never shown."""
    from vendors.models import ScoringMethod

    ScoringMethod.objects.live()
    dutch = client.get("/leveranciers/scoremethode/").content.decode()
    assert "Eerste methode" in dutch and "Initial method" not in dutch
    assert "eOverdracht (verpleegkundige overdracht)" in dutch and "nursing" not in dutch
    client.cookies["django_language"] = "en"
    html = client.get("/leveranciers/scoremethode/").content.decode()
    assert "Initial method" in html and "Eerste methode" not in html
    assert "eOverdracht (nursing transfer)" in html and "verpleegkundige" not in html
    for page in (dutch, html):
        assert "Editors should" not in page
