"""The public pages render in Dutch by default and in English on request."""

import pytest
from django.urls import reverse

from contracts.models import Contract
from contracts.tests.factories import ContractFactory
from vendors.models import ScoringMethod
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(reference_data):
    product = ProductFactory(name="Testproduct PACS")
    ContractFactory(vendor=product.vendor, category=product.category)
    return product


def test_home_page_shows_figures_in_dutch(client, catalogue):
    """Directory counts are live; contract counts come from the current release."""
    from datetime import date

    from disclosure.releases import publish

    html = client.get("/").content.decode()
    assert "Het portaal vandaag" in html
    assert 'data-figure="vendors">1<' in html
    assert 'data-figure="contracts">–<' in html
    assert "Contractcijfers: er zijn nog geen cijfers gepubliceerd." in html
    publish(as_of=date(2026, 11, 1), topics=["portal"])
    html = client.get("/").content.decode()
    assert 'data-figure="contracts">1<' in html
    assert "Publicatie van 01-11-2026" in html


def test_language_switch_to_english(client, catalogue):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "The portal today" in html
    assert 'lang="en"' in html


def test_language_link_in_the_header_switches_and_goes_back(client, catalogue):
    """The header links to the other language; following it keeps the visitor on the page."""
    html = client.get(reverse("vendor_list")).content.decode()
    link = reverse("switch_language", args=["en"]) + "?next=/leveranciers/"
    assert f'href="{link}"' in html
    assert ">English</a>" in html
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/leveranciers/"
    html = client.get("/").content.decode()
    assert "The portal today" in html
    assert ">Nederlands</a>" in html


def test_language_link_refuses_other_sites_and_unknown_languages(client, catalogue):
    response = client.get(reverse("switch_language", args=["en"]) + "?next=https://evil.example/")
    assert response["Location"] == "/"
    assert client.get(reverse("switch_language", args=["fr"])).status_code == 404


@pytest.mark.parametrize(
    ("url_name", "dutch", "english"),
    [
        ("vendor_list", "Leveranciers", "Vendors"),
        ("product_list", "Producten", "Products"),
        ("category_list", "Productcategorieën", "Product categories"),
        ("standard_list", "Standaardencatalogus", "Standards catalogue"),
        ("organization_list", "Organisaties", "Organisations"),
        ("login", "Wachtwoord", "Password"),
    ],
)
def test_directory_pages_in_both_languages(client, catalogue, url_name, dutch, english):
    # An English browser still gets Dutch until the user switches.
    assert dutch in client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies["django_language"] = "en"
    assert english in client.get(reverse(url_name)).content.decode()


def test_vendor_and_product_pages(client, catalogue):
    html = client.get(catalogue.vendor.get_absolute_url()).content.decode()
    assert "Testproduct PACS" in html
    assert client.get(catalogue.get_absolute_url()).status_code == 200
    assert client.get("/leveranciers/bestaat-niet/").status_code == 404


def test_directory_filters(client, catalogue):
    other = ProductFactory(name="Ander product")
    url = reverse("product_list") + f"?categorie={catalogue.category.slug}"
    html = client.get(url).content.decode()
    assert "Testproduct PACS" in html
    assert other.name not in html
    html = client.get(reverse("vendor_list") + "?q=" + catalogue.vendor.name[:8]).content.decode()
    assert catalogue.vendor.name in html


def test_organisation_page_shows_public_facts_only(client, catalogue):
    contract = Contract.objects.get(vendor=catalogue.vendor)
    html = client.get(contract.organization.get_absolute_url()).content.decode()
    assert contract.organization.name in html
    assert contract.reference not in html


def test_directory_list_queries_are_bounded(client, reference_data, django_assert_max_num_queries):
    for _ in range(30):
        ProductFactory()
    ScoringMethod.objects.live()  # made once, on the first call ever
    with django_assert_max_num_queries(8):
        assert client.get(reverse("product_list")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("vendor_list")).status_code == 200


def test_cms_admin_requires_login(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "login" in response["Location"]
