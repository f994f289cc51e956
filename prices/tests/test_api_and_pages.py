"""The benchmarks API, pages and exports: who sees what, give to get, the same figures
everywhere, and fresh figures after a contract changes."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from contracts.models import Contract
from contracts.services import issue_api_token, update_contract
from portal.choices import Sector
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from portal.tests.spreadsheets import ATTACKS, assert_inert_csv, assert_inert_xlsx
from vendors.services import add_vendor_representative

pytestmark = pytest.mark.django_db
Role = Membership.Role
API = "/api/v1/benchmarks/"
QUERY = {"category": "pacs-test", "year": 2025, "sector": Sector.GENERAL_HOSPITAL}


@pytest.fixture
def eight(market, exact_figures):
    """Eight general hospitals paying 100k..170k (the 8th: 170k), released, noise off
    (so the median of evenly spaced values is the middle one)."""
    for n in range(8):
        market.hospital(100_000 + 10_000 * n)
    market.release()
    return market


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_member_gets_the_cell_without_its_own_data(eight):
    user = member(eight.organizations[7])
    body = api(user).get(API, QUERY).json()
    assert body["n_organisations"] == 7 and body["median"] == 130_000
    assert body["suppressed"] is False and body["reason"] == ""
    other = api(member(eight.organizations[0])).get(API, QUERY).json()
    assert (other["n_organisations"], other["median"]) == (7, 140_000)


def test_organisation_token(eight):
    _, key = issue_api_token(
        organization=eight.organizations[0], name="erp", created_by=member(eight.organizations[0])
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get(API, QUERY).json()["n_organisations"] == 7


def test_suppressed_cell_has_no_figures(eight):
    user = member(eight.organizations[0])
    body = api(user).get(API, {**QUERY, "sector": Sector.ACADEMIC_HOSPITAL}).json()
    assert body["suppressed"] is True and body["reason"] == "minder dan 5 organisaties"
    assert body["n_organisations"] is None
    assert body["p25"] is None and body["median"] is None and body["p75"] is None


def test_give_to_get(eight):
    newcomer = OrganizationFactory(slug="nieuw", sector=Sector.GENERAL_HOSPITAL)
    user = member(newcomer)
    response = api(user).get(API, QUERY)
    assert response.status_code == 403
    assert "Deel eerst" in response.json()["detail"]
    page = APIClient()
    page.force_login(user)
    html = page.get(reverse("price_explorer"), {"categorie": "pacs-test"}).content.decode()
    assert 'id="give-to-get"' in html and "130.000" not in html
    eight.contract(newcomer, 120_000)
    eight.release()
    shared = api(user).get(API, QUERY)
    assert shared.status_code == 200
    # Eight peers were shown last month; the nine now are one apart: withheld for a year.
    assert (
        shared.json()["reason"] == "zou samen met een ander cijfer een organisatie kunnen onthullen"
    )


def test_policy_staff_see_sector_level_only(eight):
    analyst = member(
        OrganizationFactory(type=Organization.Type.POLICY_BODY, sector=""), Role.POLICY_ANALYST
    )
    body = api(analyst).get(API, QUERY).json()
    assert (body["n_organisations"], body["median"]) == (8, 135_000)  # nobody left out
    assert api(analyst).get(API, {**QUERY, "size_band": "medium"}).status_code == 403
    assert api(analyst).get(API, {**QUERY, "vendor": "v"}).status_code == 403


@pytest.mark.parametrize("role", ["anonymous", "vendor", "coordinator", "other_org"])
def test_others_get_nothing(eight, role):
    users = {
        "anonymous": None,
        "vendor": UserFactory(),
        "coordinator": member(
            OrganizationFactory(type=Organization.Type.USER_ASSOCIATION, sector=""),
            Role.COALITION_COORDINATOR,
        ),
        "other_org": member(eight.organizations[1]),
    }
    user = users[role]
    if role == "vendor":
        add_vendor_representative(vendor=eight.vendors["v"], user=user)
    query = dict(QUERY)
    if role == "other_org":  # a member asking as another organisation
        query["organization"] = eight.organizations[2].slug
    response = api(user).get(API, query)
    assert response.status_code == (401 if role == "anonymous" else 403)
    assert "median" not in response.json()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"size_band": "small", "sector": ""}, "sector"),
        ({"size_band": "small", "region": "west"}, "niet allebei"),
        ({"vendor": "v", "product": "v-product"}, "hoogstens"),
        ({"vendor": "v", "cost_type": "licence"}, "niet allebei"),
        ({"year": 2014}, "jaar"),
        ({"metric": "mean"}, "metric"),
    ],
)
def test_cells_outside_the_fixed_dimensions_are_refused(eight, params, message):
    response = api(member(eight.organizations[0])).get(API, {**QUERY, **params})
    assert response.status_code == 400
    assert message in str(response.json())


def test_a_changed_price_shows_in_the_next_release_only(eight):
    user = member(eight.organizations[0])
    assert api(user).get(API, QUERY).json()["median"] == 140_000
    contract = eight.organizations[7].contracts.get()
    update_contract(
        contract=contract,
        lines=[{"cost_type": "subscription", "amount": 100_000, "frequency": "yearly"}],
    )
    assert api(user).get(API, QUERY).json()["median"] == 140_000  # the release stands
    eight.release()
    # 170k became 100k: the others are now 100k, 110k, ..., 160k.
    assert api(user).get(API, QUERY).json()["median"] == 130_000


def test_explorer_page_export_and_api_agree(eight, client):
    user = member(eight.organizations[0])
    client.force_login(user)
    params = {"categorie": "pacs-test", "maatstaf": "annual", "jaar": 2025}
    html = client.get(reverse("price_explorer"), params).content.decode()
    assert "140.000" in html and 'id="benchmark-data"' in html
    assert "plotly/plotly.min.js" in html
    exported = client.get(reverse("price_explorer_export", args=["csv"]), params)
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    sector_row = next(r for r in rows if r[3] == "Algemeen ziekenhuis")
    # Harrell-Davis quartiles of 110k..170k: blends of neighbours, not anyone's price.
    assert sector_row[4:10] == ["7", "", "123000", "140000", "157000", ""]
    suppressed = [r for r in rows[1:] if r[10] == "ja"]
    assert suppressed and all(r[5:10] == [""] * 5 and r[11] for r in suppressed)
    api_body = api(user).get(API, QUERY).json()
    assert (api_body["p25"], api_body["median"]) == (123_000, 140_000)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("price_explorer_export", args=["xlsx"]), params).content)
    )
    values = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    assert any(r[3] == "Algemeen ziekenhuis" and r[7] == 140_000 for r in values)


def test_where_do_i_stand(eight, client):
    org = eight.organizations[7]  # pays 170k; peers without it: median 130k
    client.force_login(member(org))
    params = {"maatstaf": "annual", "jaar": 2025}
    html = client.get(reverse("price_standing"), params).content.decode()
    assert "boven P75" in html and "40.000" in html  # 170k - 130k
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("price_standing_export", args=["xlsx"]), params).content)
    )
    rows = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    assert rows[1][0] == f"C-{org.slug}-2024-01-01" and rows[1][-2] == 40_000
    assert rows[-1][0] == "Totaal" and rows[-1][-2] == 40_000
    assert rows[1][-1] == "publicatie 1 van 22-11-2026"


def test_methodology_shows_the_live_thresholds(client, settings):
    settings.PRICE_MIN_ORGANISATIONS = 7
    html = client.get(reverse("price_methodology")).content.decode()
    assert "ten minste 7 verschillende organisaties" in html
    assert "ten minste 8 verschillen" in html
    assert "Harrell-Davis" in html and "Laplace" in html


def test_pages_and_api_say_which_release_they_show(eight, client):
    user = member(eight.organizations[0])
    client.force_login(user)
    html = client.get(reverse("price_explorer"), {"categorie": "pacs-test"}).content.decode()
    assert "Cijfers van publicatie 1, gegevens van 22 november 2026" in html
    assert api(user).get(API, QUERY).json()["release"]["as_of"] == "2026-11-22"
    method = client.get(reverse("price_methodology")).content.decode()
    assert "De huidige publicatie is nummer 1, met gegevens van 22-11-2026." in method


def test_api_is_documented(client):
    schema = client.get(reverse("api_schema")).content.decode()
    assert "/api/v1/benchmarks/" in schema and "n_organisations" in schema


def test_contract_in_future_year_does_not_leak(eight):
    # A contract starting next month is not shown in any year.
    eight.hospital(1_000_000, start=date(2026, 12, 1))
    eight.release()
    body = api(member(eight.organizations[0])).get(API, {**QUERY, "year": 2026}).json()
    assert body["n_organisations"] == 7


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_where_do_i_stand_export_holds_a_typed_formula_as_text(eight, client, fmt):
    """A contract reference typed as a formula comes out of the download inert; the
    amounts stay numbers."""
    org = eight.organizations[7]
    Contract.objects.filter(organization=org).update(reference=ATTACKS[0])
    client.force_login(member(org))
    params = {"maatstaf": "annual", "jaar": 2025}
    content = client.get(reverse("price_standing_export", args=[fmt]), params).content
    rows = (assert_inert_csv if fmt == "csv" else assert_inert_xlsx)(content)
    assert rows[1][0] == "'" + ATTACKS[0]
    assert rows[1][-2] in ("40000", 40_000)
