"""Vendor self-service: a representative changes its own vendor only, every change is
logged and rescored, and no price or contract is ever shown."""

from pathlib import Path

import pytest
from django.urls import reverse

from contracts.tests.factories import ContractFactory
from portal.models import AuditEvent
from portal.tests.factories import UserFactory
from vendors.models import Standard
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db
STATEMENT = Path(__file__).parent / "statements" / "r4-bgz-server.json"


@pytest.fixture
def vendors(reference_data):
    a, b = VendorFactory(slug="vendor-a"), VendorFactory(slug="vendor-b")
    rep_a, rep_b = UserFactory(username="rep-a"), UserFactory(username="rep-b")
    add_vendor_representative(vendor=a, user=rep_a)
    add_vendor_representative(vendor=b, user=rep_b)
    product_a = ProductFactory(vendor=a, slug="product-a")
    product_b = ProductFactory(vendor=b, slug="product-b")
    ContractFactory(
        vendor=a,
        category=product_a.category,
        lines=[{"cost_type": "licence", "amount": 765432, "frequency": "yearly"}],
    )
    return {"a": a, "b": b, "rep_a": rep_a, "rep_b": rep_b, "pa": product_a, "pb": product_b}


def test_representative_edits_profile_product_and_claims(client, vendors):
    client.force_login(vendors["rep_a"])
    client.post(reverse("vendor_self_service"), {"description": "Wij doen FHIR.", "website": ""})
    vendors["a"].refresh_from_db()
    assert vendors["a"].description == "Wij doen FHIR."
    url = reverse("vendor_product_edit", args=["product-a"])
    client.post(
        url,
        {
            "description": "",
            "website": "",
            "api_docs_url": "https://docs.example.org",
            "bulk_export": "on",
        },
    )
    fhir = Standard.objects.get(code="hl7-fhir-r4")
    client.post(
        reverse("vendor_claim_add", args=["product-a"]), {"standard": fhir.pk, "version": "4.0.1"}
    )
    product = vendors["pa"]
    assert product.claims.get().version == "4.0.1"
    score = product.scores.get()
    assert float(score.score) > 0 and score.breakdown["components"][2]["inputs"]["bulk_export"]
    actions = set(
        AuditEvent.objects.filter(vendor=vendors["a"]).values_list("action", "content_type__model")
    )
    assert {("update", "vendor"), ("update", "product"), ("create", "standardclaim")} <= actions
    profile = AuditEvent.objects.get(vendor=vendors["a"], content_type__model="vendor")
    assert (profile.before, profile.after) == (
        {"description": ""},
        {"description": "Wij doen FHIR."},
    )
    html = client.get(reverse("vendor_detail", args=["vendor-a"])).content.decode()
    assert "Laatst bijgewerkt op" in html
    dashboard = client.get(reverse("vendor_self_service")).content.decode()
    assert "Gewijzigd: leverancier" in dashboard and "Aangemaakt: claim op standaard" in dashboard


def test_upload_a_statement_and_a_broken_one(client, vendors):
    client.force_login(vendors["rep_a"])
    url = reverse("vendor_statement_add", args=["product-a"])
    with STATEMENT.open("rb") as upload:
        response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert vendors["pa"].capability_statements.count() == 1
    broken = client.post(url, {"url": "", "file": _file(b'{"resourceType": "Patient"}')})
    assert "Dit is een Patient, geen CapabilityStatement" in broken.content.decode()
    assert vendors["pa"].capability_statements.count() == 1


def _file(data, name="statement.json"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/json")


def test_vendor_a_cannot_touch_vendor_b(client, vendors):
    client.force_login(vendors["rep_a"])
    fhir = Standard.objects.get(code="hl7-fhir-r4")
    assert client.get(reverse("vendor_product_edit", args=["product-b"])).status_code == 404
    response = client.post(reverse("vendor_claim_add", args=["product-b"]), {"standard": fhir.pk})
    assert response.status_code == 404
    response = client.post(
        reverse("vendor_statement_add", args=["product-b"]), {"file": _file(STATEMENT.read_bytes())}
    )
    assert response.status_code == 404
    assert not vendors["pb"].claims.exists() and not vendors["pb"].capability_statements.exists()


def test_reply_and_code_of_conduct(client, vendors):
    from wagtail.models import Page

    from portal.models import CodeOfConductPage

    home = Page.objects.get(depth=2)
    home.add_child(instance=CodeOfConductPage(title="Gedragscode", slug="gedragscode"))
    client.force_login(vendors["rep_a"])
    client.post(reverse("vendor_reply"), {"text": "Onze score volgt in het voorjaar."})
    client.post(reverse("vendor_sign_code"))
    html = client.get(reverse("vendor_detail", args=["vendor-a"])).content.decode()
    assert "Onze score volgt in het voorjaar." in html
    assert "Heeft de gedragscode ondertekend op" in html
    page = client.get("/gedragscode/").content.decode()
    assert vendors["a"].name in page and vendors["b"].name not in page


@pytest.mark.parametrize("who", ["anonymous", "member", "rep"])
def test_self_service_never_shows_prices(client, vendors, who):
    if who == "rep":
        client.force_login(vendors["rep_a"])
    elif who == "member":
        client.force_login(UserFactory())
    response = client.get(reverse("vendor_self_service"))
    assert response.status_code == {"anonymous": 302, "member": 403, "rep": 200}[who]
    assert b"765432" not in response.content and b"765.432" not in response.content


def test_customers_confirm_or_dispute_claims_anonymously(client, vendors):
    from datetime import date

    from portal.models import Membership
    from portal.tests.factories import member
    from vendors.models.evidence import EvidenceLevel, StandardClaim

    product = vendors["pa"]
    claim = StandardClaim.objects.create(
        product=product, standard=Standard.objects.get(code="nictiz-bgz")
    )
    customer = ContractFactory(
        vendor=vendors["a"],
        category=product.category,
        start_date=date(2024, 1, 1),
        end_date=date(2099, 12, 31),
    )
    customer.products.set([product])
    buyer = member(customer.organization, Membership.Role.PROCUREMENT_SPECIALIST)
    url = reverse("claim_review", args=["product-a", claim.pk])
    client.force_login(UserFactory())  # not a customer
    assert client.post(url, {"verdict": "confirm"}).status_code == 403
    client.force_login(member(customer.organization, Membership.Role.VIEWER))
    assert client.post(url, {"verdict": "confirm"}).status_code == 403  # viewers do not review
    client.force_login(buyer)
    client.post(url, {"verdict": "confirm", "comment": "Werkt bij ons in productie."})
    assert claim.evidence_level(date.today()) == EvidenceLevel.CONFIRMED  # noqa: DTZ011
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Een klant bevestigt" in html and "Werkt bij ons in productie." in html
    assert customer.organization.name not in html


def test_vendor_api_shows_reply_signature_and_last_update(client, vendors):
    from vendors.selfservice import publish_reply

    publish_reply(vendors["a"], vendors["rep_a"], "Wij reageren.")
    body = client.get("/api/v1/vendors/vendor-a/").json()
    assert body["reply"]["text"] == "Wij reageren."
    assert body["last_updated"] is not None and body["signed_code_of_conduct"] is None
    assert "765432" not in str(body) and "765.432" not in str(body)  # no prices
    schema = client.get("/api/schema/").content.decode()
    assert "signed_code_of_conduct" in schema and "capability-statements" in schema


def test_certificate_upload_is_checked_and_served_through_its_view(client, vendors):
    from vendors.models.evidence import Certificate

    client.force_login(vendors["rep_a"])
    url = reverse("vendor_certificate_add", args=["product-a"])
    fields = {
        "standard": Standard.objects.get(code="nen-7510").pk,
        "kind": "nen_7510",
        "issuer": "Certificeerder",
        "number": "NEN-1",
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
    }
    refused = client.post(url, {**fields, "document": _file(b"MZ\x90", "virus.exe")})
    assert "Upload een pdf" in refused.content.decode() and not Certificate.objects.exists()
    client.post(url, {**fields, "document": _file(b"%PDF-1.7 demo", "nen.pdf")})
    certificate = Certificate.objects.get()
    from django.core.files.storage import storages

    assert certificate.document.storage is storages["private"]  # never a public URL
    client.logout()
    download = client.get(reverse("certificate_document", args=[certificate.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.7 demo"


def test_api_claims_and_reply_for_own_vendor_only(vendors):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(vendors["rep_a"])
    created = api.post("/api/v1/products/product-a/claims/", {"standard": "hl7-fhir-r4"})
    assert created.status_code == 201 and created.json()["evidence"] == "self_declared"
    duplicate = api.post("/api/v1/products/product-a/claims/", {"standard": "hl7-fhir-r4"})
    assert duplicate.status_code == 400
    assert (
        api.post("/api/v1/products/product-b/claims/", {"standard": "hl7-fhir-r4"}).status_code
        == 404
    )
    assert api.post("/api/v1/vendor-reply/", {"text": "Reactie via de API."}).status_code == 201
    assert vendors["a"].replies.get().text == "Reactie via de API."
    outsider = APIClient()
    outsider.force_authenticate(UserFactory())
    assert outsider.post("/api/v1/vendor-reply/", {"text": "x"}).status_code == 403
