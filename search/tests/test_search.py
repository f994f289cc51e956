"""Search against the real engine: matching, facets, permissions for every role, the
page, autocomplete and API, index updates after writes, and the outage-and-recovery
path."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from contracts.models import Contract
from contracts.services import delete_contract, update_contract
from contracts.tests.factories import ContractFactory
from portal.audit import Actor
from portal.models import ContentPage, Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from search.client import engine_status, use_engine
from search.models import PendingIndexUpdate
from search.query import SearchRequest, run_search, suggest
from search.sync import retry_pending
from vendors.models import ProductCategory
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory, VendorFactory

pytestmark = [pytest.mark.search_engine, pytest.mark.django_db]


def titles(user, q="", **filters):
    result = run_search(user, SearchRequest(q=q, filters=filters))
    return sorted(str(h.title).replace("<mark>", "").replace("</mark>", "") for h in result.hits)


@pytest.fixture
def market(reference_data, search_index, django_capture_on_commit_callbacks):
    ehr = ProductCategory.objects.get(slug="epd-ziekenhuis")
    pacs = ProductCategory.objects.get(slug="pacs-vna")
    with django_capture_on_commit_callbacks(execute=True):
        vendor = VendorFactory(name="Zorgsoft B.V.", slug="zorgsoft")
        ProductFactory(
            vendor=vendor,
            category=ehr,
            name="Zorgsoft Patiëntendossier",
            slug="zorgsoft-pd",
            deployment="saas",
        )
        ProductFactory(
            vendor=vendor,
            category=pacs,
            name="Zorgsoft Beeldarchief",
            slug="zorgsoft-pacs",
            deployment="on_premises",
        )
        org_a = OrganizationFactory(name="Ziekenhuis Alfa", slug="alfa", province="UT")
        org_b = OrganizationFactory(name="Ziekenhuis Beta", slug="beta", province="GE")
        ContractFactory(organization=org_a, vendor=vendor, category=ehr, reference="ALFA-EPD")
        ContractFactory(organization=org_b, vendor=vendor, category=ehr, reference="BETA-EPD")
    return {"vendor": vendor, "org_a": org_a, "org_b": org_b}


def test_accents_and_case_are_folded(market):
    # The vendor's document lists its products, so it is found too.
    expected = ["Zorgsoft B.V.", "Zorgsoft Patiëntendossier"]
    assert titles(None, "patientendossier") == expected
    assert titles(None, "PATIËNTENDOSSIER") == expected
    assert titles(None, "patientendossier", kind="product") == ["Zorgsoft Patiëntendossier"]


def test_prefix_suggestions(market):
    found = [s["title"] for s in suggest(None, "patie")]
    assert "Zorgsoft Patiëntendossier" in found
    assert "Zorgsoft Beeldarchief" not in found
    assert suggest(None, "zorgs")  # vendor and products start with it


def test_matches_are_highlighted_and_escaped(market):
    result = run_search(None, SearchRequest(q="beeldarchief"))
    assert str(result.hits[0].title) == "Zorgsoft <mark>Beeldarchief</mark>"


def test_facets_count_and_filter(market):
    result = run_search(None, SearchRequest(q="zorgsoft"))
    kinds = {value: count for value, _label, count, _sel in result.facets["kind"]}
    assert kinds == {"vendor": 1, "product": 2}
    deployments = {value: count for value, _l, count, _s in result.facets["deployment"]}
    assert deployments["saas"] == 2  # the SaaS product and the vendor offering it
    assert titles(None, "zorgsoft", kind="product", category="pacs-vna") == [
        "Zorgsoft Beeldarchief"
    ]
    assert titles(None, "zorgsoft", category="beeld") == ["Zorgsoft B.V.", "Zorgsoft Beeldarchief"]
    provinces = run_search(None, SearchRequest(filters={"kind": "organization"})).facets["province"]
    assert {value for value, *_ in provinces} == {"UT", "GE"}


def test_claimed_standards_and_score_bands_are_facets(market, django_capture_on_commit_callbacks):
    from vendors.models import Standard
    from vendors.selfservice import add_claim, update_product

    product = ProductFactory._meta.model.objects.get(slug="zorgsoft-pd")
    fhir = Standard.objects.get(code="hl7-fhir-r4")
    with django_capture_on_commit_callbacks(execute=True):
        add_claim(product, None, standard=fhir)  # rescored: 50 x 0.3/6 = 2.5 -> band 0-25
        update_product(product, None, api_docs_url="https://docs.example.org")
    assert titles(None, "zorgsoft", standards="hl7-fhir-r4") == [
        "Zorgsoft B.V.",
        "Zorgsoft Patiëntendossier",
    ]
    bands = run_search(None, SearchRequest(q="zorgsoft")).facets["score_band"]
    assert {value: count for value, _l, count, _s in bands} == {"0-25": 2}
    assert titles(None, "zorgsoft", score_band="0-25", kind="product") == [
        "Zorgsoft Patiëntendossier"
    ]


ROLES = [
    "anonymous",
    "procurement_a",
    "viewer_a",
    "procurement_b",
    "policy_analyst",
    "vendor_representative",
    "superuser",
]


@pytest.mark.parametrize("role", ROLES)
def test_contracts_are_found_only_by_their_organisation(market, role):
    users = {
        "anonymous": lambda: None,
        "procurement_a": lambda: member(market["org_a"], Membership.Role.PROCUREMENT_SPECIALIST),
        "viewer_a": lambda: member(market["org_a"], Membership.Role.VIEWER),
        "procurement_b": lambda: member(market["org_b"], Membership.Role.PROCUREMENT_SPECIALIST),
        "policy_analyst": lambda: member(
            OrganizationFactory(type=Organization.Type.POLICY_BODY, sector=""),
            Membership.Role.POLICY_ANALYST,
        ),
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
    }
    if role == "vendor_representative":
        user = UserFactory()
        add_vendor_representative(vendor=market["vendor"], user=user)
    else:
        user = users[role]()
    found = titles(user, "epd", kind="contract")
    expected = {
        "procurement_a": ["ALFA-EPD · Zorgsoft B.V."],
        "viewer_a": ["ALFA-EPD · Zorgsoft B.V."],
        "procurement_b": ["BETA-EPD · Zorgsoft B.V."],
    }.get(role, [])
    assert found == expected
    kinds = run_search(user, SearchRequest(q="epd")).facets["kind"]
    assert ("contract" in {v for v, *_ in kinds}) is bool(expected)  # no leak through counts


def test_search_page_autocomplete_and_api(client, market):
    html = client.get(reverse("search"), {"q": "patientendossier"}).content.decode()
    assert "Patiëntendossier" in html and "2 resultaten" in html
    html = client.get(reverse("search"), {"q": "zorgsoft", "type": "product"}).content.decode()
    assert "2 resultaten" in html
    suggestions = client.get(reverse("search_autocomplete"), {"q": "zorgs"}).json()
    assert any(s["title"] == "Zorgsoft B.V." for s in suggestions["suggestions"])
    body = client.get("/api/v1/search/", {"q": "zorgsoft", "kind": "product"}).json()
    assert body["total"] == 2 and {f["value"] for f in body["facets"]["kind"]} == {"product"}

    def contract_urls():
        body = client.get("/api/v1/search/", {"q": "epd", "kind": "contract"}).json()
        return [r["url"] for r in body["results"]]

    assert contract_urls() == []
    client.force_login(member(market["org_a"], Membership.Role.PROCUREMENT_SPECIALIST))
    alfa = Contract.objects.get(reference="ALFA-EPD")
    assert contract_urls() == [alfa.get_absolute_url()]


def test_pages_are_indexed_on_publish_and_removed_on_unpublish(
    market, django_capture_on_commit_callbacks
):
    home = Page.objects.get(depth=2)
    with django_capture_on_commit_callbacks(execute=True):
        page = home.add_child(
            instance=ContentPage(
                title="Handreiking exitplan", slug="handreiking", intro="Over exitplannen"
            )
        )
        assert titles(None, "handreiking") == []  # a saved draft is not indexed
        page.save_revision().publish()
    assert titles(None, "handreiking") == ["Handreiking exitplan"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles(None, "handreiking") == []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        other = home.add_child(instance=ContentPage(title="Nieuws", slug="nieuws"))
        other.save_revision().publish()
        page.move(other, pos="last-child")
    moved = run_search(None, SearchRequest(q="handreiking")).hits
    assert [h.url for h in moved] == ["/nieuws/handreiking/"]
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()
    assert titles(None, "handreiking") == []


def test_outage_loses_no_update(client, market, django_capture_on_commit_callbacks, settings):
    """Engine unreachable: writes succeed, the page says search is unavailable, updates
    are remembered; back up, search_sync brings the index to exactly the current state."""
    member_user = member(market["org_a"], Membership.Role.PROCUREMENT_SPECIALIST)
    alive = settings.ELASTICSEARCH_URL
    use_engine("http://127.0.0.1:9")
    try:
        assert engine_status()["status"] == "unreachable"
        with django_capture_on_commit_callbacks(execute=True):
            ContractFactory(
                organization=market["org_a"],
                vendor=market["vendor"],
                category=ProductCategory.objects.get(slug="pacs-vna"),
                reference="NIEUW-PACS",
            )
            changed = Contract.objects.get(reference="ALFA-EPD")
            update_contract(contract=changed, actor=Actor(), reference="ALFA-EPD-2")
            delete_contract(contract=Contract.objects.get(reference="BETA-EPD"))
            VendorFactory(name="Nieuwkomer B.V.", slug="nieuwkomer")
        assert Contract.objects.filter(reference__in=["NIEUW-PACS", "ALFA-EPD-2"]).count() == 2
        assert PendingIndexUpdate.objects.count() >= 4
        client.force_login(member_user)
        page = client.get(reverse("search"), {"q": "epd"})
        assert page.status_code == 503 and "tijdelijk niet beschikbaar" in page.content.decode()
        assert client.get("/healthz").json()["status"] == "degraded"
        assert client.get(reverse("contract_list")).status_code == 200
    finally:
        use_engine(alive)
    done, left = retry_pending()
    assert (done >= 4, left) == (True, 0)
    assert PendingIndexUpdate.objects.count() == 0
    assert titles(member_user, "pacs", kind="contract") == ["NIEUW-PACS · Zorgsoft B.V."]
    assert titles(member_user, "epd", kind="contract") == ["ALFA-EPD-2 · Zorgsoft B.V."]
    other = member(market["org_b"], Membership.Role.PROCUREMENT_SPECIALIST)
    assert titles(other, "epd", kind="contract") == []
    assert titles(None, "nieuwkomer") == ["Nieuwkomer B.V."]


def test_rebuild_switches_the_alias_and_keeps_one_index(market, search_index):
    from django.conf import settings
    from django.core.management import call_command

    from search.client import get_client

    call_command("rebuild_search_index", "--chunk-size", "1")
    client = get_client()
    alias = f"{settings.SEARCH_INDEX_PREFIX}-contracts"
    assert len(client.indices.get_alias(name=alias)) == 1
    assert client.count(index=alias)["count"] == 2
    assert titles(None, "patientendossier", kind="product") == ["Zorgsoft Patiëntendossier"]


def test_imported_contracts_are_indexed(market, django_capture_on_commit_callbacks):
    from contracts.imports import run_import, store_upload
    from contracts.tests.test_import import GOOD_ROWS, csv_bytes

    VendorFactory(name="Beeldwerk B.V.", slug="beeldwerk")
    user = member(market["org_a"], Membership.Role.PROCUREMENT_SPECIALIST)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(
            store_upload(
                organization=market["org_a"],
                user=user,
                name="c.csv",
                data=csv_bytes([GOOD_ROWS[2]]),
            )
        )
    assert titles(user, "pacs", kind="contract") == ["PACS-7 · Beeldwerk B.V."]
