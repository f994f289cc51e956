"""Public vendor and product pages: claims with evidence, certificates and validity,
CapabilityStatement coverage, the score with its breakdown, the code-of-conduct status,
the vendor's reply, and never a price."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from contracts.tests.factories import ContractFactory
from vendors.capability import ingest
from vendors.models import Standard, VendorReply
from vendors.models.evidence import Certificate, StandardClaim
from vendors.rescoring import rescore_products
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
STATEMENT = Path(__file__).parent / "statements" / "r4-bgz-server.json"


@pytest.fixture
def product(reference_data):
    product = ProductFactory(name="Demo ZIS", slug="demo-zis", bulk_export=True)
    StandardClaim.objects.create(product=product, standard=Standard.objects.get(code="hl7-fhir-r4"))
    today = timezone.localdate()
    Certificate.objects.create(
        vendor=product.vendor,
        product=product,
        standard=Standard.objects.get(code="nictiz-bgz"),
        kind=Certificate.Kind.NICTIZ_QUALIFICATION,
        issuer="Nictiz",
        number="KWAL-42",
        valid_from=today - timedelta(days=400),
        valid_until=today - timedelta(days=1),
    )
    ingest(product, STATEMENT.read_bytes(), source="upload")
    rescore_products([product], day=today)
    ContractFactory(
        vendor=product.vendor,
        category=product.category,
        lines=[{"cost_type": "licence", "amount": 987654, "frequency": "yearly"}],
    )
    return product


def test_product_page_shows_the_evidence_and_score(client, product):
    html = client.get(reverse("product_detail", args=["demo-zis"])).content.decode()
    assert "Zelf verklaard" in html  # the FHIR claim has no other evidence
    assert "KWAL-42" in html
    assert "BgZ (Basisgegevensset Zorg), FHIR R4" in html
    assert "SHOULD Coverage" in html  # a missing item, exactly (the technical line)
    assert "Versie 1 van de scoremethode" in html
    assert "987654" not in html and "987.654" not in html  # no price anywhere


def summary_card(html):
    start = html.index('id="summary"')
    return html[start : html.index("</section>", start)]


def test_product_page_starts_with_a_summary_card(client, product):
    """Score with its evidence, code of conduct, and the expired certificate said in words;
    the breakdown and the evidence per requirement fold out below."""
    html = client.get(reverse("product_detail", args=["demo-zis"])).content.decode()
    card = summary_card(html)
    assert html.index('id="summary"') < html.index('<details class="fold"')  # card first
    score = str(product.scores.get().score).replace(".", ",")  # Dutch decimals
    assert f'<span class="utrecht-data-badge score-badge" id="product-score">{score}<' in card
    assert "Zelf verklaard: 1 standaard" in card  # the evidence level behind the score
    assert "HL7 FHIR" in card and "evidence-self_declared" in card
    assert "utrecht-status-badge--invalid" in card and "Verlopen" in card
    yesterday = timezone.localdate() - timedelta(days=1)
    assert f"verlopen op {yesterday:%d-%m-%Y}" in card
    assert "Heeft de gedragscode niet ondertekend" in card
    assert "Lock-inrisico" in card
    assert "11 verplichte onderdelen ontbreken" in card  # eOverdracht 7, MedMij 4
    assert '<details class="fold" id="breakdown-demo-zis">' in html


def test_certificates_valid_and_expiring_soon_are_told_apart(client, product):
    today = timezone.localdate()
    for number, days in (("NEN-1", 400), ("ISO-2", 30)):
        Certificate.objects.create(
            vendor=product.vendor,
            standard=Standard.objects.get(code="nictiz-bgz"),
            kind=Certificate.Kind.ISO_27001,
            issuer="Keurmerk B.V.",
            number=number,
            valid_from=today - timedelta(days=10),
            valid_until=today + timedelta(days=days),
        )
    card = summary_card(
        client.get(reverse("vendor_detail", args=[product.vendor.slug])).content.decode()
    )
    states = {
        number: card[card.rindex("<li", 0, card.index(number)) : card.index(number)]
        for number in ("NEN-1", "ISO-2", "KWAL-42")
    }
    assert "Geldig" in states["NEN-1"] and "--valid" in states["NEN-1"]
    assert "Verloopt binnenkort" in states["ISO-2"] and "--warning" in states["ISO-2"]
    assert "Verlopen" in states["KWAL-42"] and "--invalid" in states["KWAL-42"]


def test_fhir_gaps_are_said_in_words_in_dutch_and_in_english(client, product):
    url = reverse("product_detail", args=["demo-zis"])
    html = client.get(url).content.decode()
    assert "Kan geen medicatievoorschriften opzoeken per patiënt" in html
    assert "<code>SHOULD MedicationRequest search_param patient</code>" in html
    assert "Ondersteunt taken helemaal niet" in html  # eOverdracht's Task
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert "Cannot look up prescriptions per patient" in html
    assert "Does not support tasks at all" in html
    assert "<code>SHOULD MedicationRequest search_param patient</code>" in html


def test_vendor_page_shows_reply_score_and_conduct_status(client, product):
    VendorReply.objects.create(vendor=product.vendor, text="Wij leveren in 2027 BgZ R4.")
    html = client.get(reverse("vendor_detail", args=[product.vendor.slug])).content.decode()
    assert "Wij leveren in 2027 BgZ R4." in html
    assert f"Reactie van de leverancier ({timezone.localdate():%d-%m-%Y})" in html
    assert "Heeft de gedragscode niet ondertekend" in summary_card(html)
    assert 'id="vendor-score"' in html and "Demo ZIS" in summary_card(html)
    assert "987654" not in html and "987.654" not in html


def test_methodology_renders_the_live_weights(client, reference_data):
    html = client.get(reverse("scoring_methodology")).content.decode()
    assert "Geldende methode: versie 1" in html
    assert "BgZ (Basisgegevensset Zorg)" in html and "eOverdracht" in html


def test_compare_two_products_and_refuse_five(client, product):
    other = ProductFactory(name="Ander ZIS", slug="ander-zis")
    html = client.get(reverse("compare"), {"product": ["demo-zis", "ander-zis"]}).content.decode()
    assert "Demo ZIS" in html and "Ander ZIS" in html
    assert "HL7 FHIR" in html and "Zelf verklaard" in html
    assert "SHALL 31/31" in html  # demo-zis's BgZ coverage; ander-zis has none
    assert "product=" not in html.split('id="compare-search"')[0]  # no URL syntax in the intro
    too_many = client.get(reverse("compare"), {"product": ["a", "b", "c", "d", "e"]})
    assert "hooguit vier" in too_many.content.decode()
    vendors = client.get(
        reverse("compare"), {"leverancier": [product.vendor.slug, other.vendor.slug]}
    ).content.decode()
    assert product.vendor.name in vendors and other.vendor.name in vendors
