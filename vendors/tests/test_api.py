import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from portal.tests.factories import UserFactory
from vendors.tests.factories import LeafCategoryFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_vendor_list_and_detail(api):
    parent = VendorFactory(name="Moeder N.V.", slug="moeder")
    VendorFactory(name="Dochter B.V.", slug="dochter", parent_group=parent)
    body = api.get("/api/v1/vendors/").json()
    assert body["count"] == 2
    detail = api.get("/api/v1/vendors/dochter/").json()
    assert detail["parent_group"] == "moeder"
    assert api.get("/api/v1/vendors/bestaat-niet/").status_code == 404


def test_products_filter_by_vendor_category_and_deployment(api):
    leaf = LeafCategoryFactory(slug="pacs-test")
    vendor = VendorFactory(slug="v1")
    ProductFactory(vendor=vendor, category=leaf, slug="p1", deployment="saas")
    ProductFactory(vendor=vendor, slug="p2", deployment="on_premises")
    ProductFactory(category=leaf, slug="p3", deployment="saas")
    slugs = lambda url: sorted(p["slug"] for p in api.get(url).json()["results"])  # noqa: E731
    assert slugs("/api/v1/products/?vendor=v1") == ["p1", "p2"]
    assert slugs("/api/v1/products/?category=pacs-test") == ["p1", "p3"]
    assert slugs(f"/api/v1/products/?category={leaf.parent.slug}") == ["p1", "p3"]
    assert slugs("/api/v1/products/?deployment=on_premises") == ["p2"]


def test_categories_and_standards_come_from_the_reference_data(api, reference_data):
    categories = api.get("/api/v1/categories/?page_size=100").json()
    assert categories["count"] >= 36
    ehr = api.get("/api/v1/categories/epd-ziekenhuis/").json()
    assert ehr["parent"] == "epd-zis"
    fhir = api.get("/api/v1/standards/hl7-fhir-r4/").json()
    assert fhir["steward"] == "HL7 International"


def test_the_api_is_read_only(api):
    VendorFactory(slug="v")
    assert api.post("/api/v1/vendors/", {"name": "x"}).status_code == 401
    token = Token.objects.create(user=UserFactory())
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.post("/api/v1/vendors/", {"name": "x"}).status_code == 405
    assert api.delete("/api/v1/vendors/v/").status_code == 405


def test_token_authentication_is_accepted_and_bad_tokens_refused(api):
    token = Token.objects.create(user=UserFactory())
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/vendors/").status_code == 200
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/v1/vendors/").status_code == 401


def test_schema_and_docs_are_served_locally(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/products/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower()


def test_the_vendor_list_costs_the_same_queries_for_few_or_many_vendors(api, reference_data):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vendors.rescoring import rescore_products
    from vendors.selfservice import publish_reply

    author = UserFactory()

    def add_vendors(count):
        for _ in range(count):
            product = ProductFactory()
            rescore_products([product], day=date(2026, 1, 1))
            publish_reply(product.vendor, author, "Wij reageren.")

    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            body = api.get("/api/v1/vendors/?page_size=50").json()
        return len(queries), body

    add_vendors(2)
    few, _ = list_queries()
    add_vendors(10)
    many, body = list_queries()
    assert few == many and body["count"] == 12
    for row in body["results"]:  # the same figures as each vendor's own page
        detail = api.get(f"/api/v1/vendors/{row['slug']}/").json()
        assert (row["score"], row["reply"], row["last_updated"]) == (
            detail["score"],
            detail["reply"],
            detail["last_updated"],
        )
        assert row["score"] is not None and row["reply"]["text"] == "Wij reageren."
