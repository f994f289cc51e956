"""The vendor list shows each vendor's published scores, filtered and sorted by GET
parameters; the compare page finds products by name and adds them without JavaScript."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Page

from portal.models import CodeOfConductPage
from vendors.models import CodeOfConductSignature, InteroperabilityScore, ScoringMethod
from vendors.tests.factories import ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(reference_data):
    method = ScoringMethod.objects.live()
    vendors = {}
    for name, score in (("Alfa Zorg-IT", "72.5"), ("Bravo Systems", "41.0"), ("Charlie", None)):
        vendor = VendorFactory(name=name, slug=name.lower().replace(" ", "-"))
        product = ProductFactory(vendor=vendor, name=f"{name} EPD", slug=f"{vendor.slug}-epd")
        if score:
            InteroperabilityScore.objects.create(
                product=product, method=method, score=Decimal(score), breakdown={"components": []}
            )
        vendors[name] = vendor
    return vendors


def names(html):
    """Vendor slugs in the order the list shows them."""
    return [part.split('"', 1)[0] for part in html.split('data-vendor="')[1:]]


def test_vendor_list_shows_the_published_scores(client, market):
    html = client.get(reverse("vendor_list")).content.decode()
    assert names(html) == ["alfa-zorg-it", "bravo-systems", "charlie"]
    assert ">72,5<" in html and ">41,0<" in html
    assert "nog geen score" in html  # Charlie
    assert "Lock-inrisico" in html


def test_vendor_list_filters_by_minimum_score_and_code_of_conduct(client, market):
    html = client.get(reverse("vendor_list"), {"minimumscore": "50"}).content.decode()
    assert names(html) == ["alfa-zorg-it"]
    page = Page.objects.get(depth=2).add_child(
        instance=CodeOfConductPage(title="Gedragscode", slug="gedragscode")
    )
    CodeOfConductSignature.objects.create(
        vendor=market["Bravo Systems"], page=page, signer_name="B. Bravo"
    )
    html = client.get(reverse("vendor_list"), {"gedragscode": "1"}).content.decode()
    assert names(html) == ["bravo-systems"]


def test_vendor_list_sorts_by_score_and_ignores_nonsense(client, market):
    html = client.get(reverse("vendor_list"), {"sorteer": "score"}).content.decode()
    assert names(html) == ["alfa-zorg-it", "bravo-systems", "charlie"]
    html = client.get(reverse("vendor_list"), {"sorteer": "score", "minimumscore": "0"})
    assert names(html.content.decode()) == ["alfa-zorg-it", "bravo-systems"]
    html = client.get(reverse("vendor_list"), {"sorteer": "x", "minimumscore": "abc"})
    assert html.status_code == 200
    assert names(html.content.decode()) == ["alfa-zorg-it", "bravo-systems", "charlie"]


def test_compare_finds_products_by_name_and_adds_them(client, market):
    html = client.get(reverse("compare"), {"zoek": "bravo"}).content.decode()
    assert 'name="product" value="bravo-systems-epd"' in html  # an "Add" button
    assert "alfa-zorg-it-epd" not in html
    chosen = client.get(
        reverse("compare"), {"product": ["bravo-systems-epd"], "zoek": "epd"}
    ).content.decode()
    assert 'id="compare-products"' in chosen and "Bravo Systems EPD" in chosen
    results = chosen.split('id="compare-results"')[1].split("</ul>")[0]
    assert "bravo-systems-epd" not in results  # already chosen
    assert 'value="alfa-zorg-it-epd"' in results
    assert "?product=" not in chosen.split('id="compare-search"')[0]  # no URL syntax


def test_compare_keeps_the_old_links_working(client, market):
    html = client.get(
        reverse("compare"), {"product": ["alfa-zorg-it-epd", "bravo-systems-epd"]}
    ).content.decode()
    assert "Alfa Zorg-IT EPD" in html and "Bravo Systems EPD" in html
    assert ">72,5<" in html
    html = client.get(reverse("compare"), {"leverancier": ["charlie"]}).content.decode()
    assert 'id="compare-vendors"' in html


def test_nothing_found_is_said(client, market):
    html = client.get(reverse("compare"), {"zoek": "zzz"}).content.decode()
    assert "Geen producten gevonden voor “zzz”." in html
