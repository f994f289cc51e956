"""The market monitor on a small hand-built market, through its pages, exports and API;
who may see what; releases; and that no single contract can be read from it.

The market (category "pacs-test", this year 2026): five hospitals buy from vendor v at
EUR 100,000 / 110,000 / 120,000 / 130,000 / 140,000 a year, three from vendor w at
EUR 100,000 each. By customers (counts, shown as they are): v 5/8 = 62.5%, w 37.5%:
HHI 3,906.25 + 1,406.25 = 5,312.5. By value (protected shares): v 600,000 of 900,000 =
67% (whole percents); w has three customers only, so its share is withheld, and so is
"other vendors" (w alone); the HHI from the published shares counts the remainder (33%)
as one vendor: 67^2 + 33^2 = 5,578. One of w's customers switched from v in 2025 (its v
contract ended in 2024). Figures come from a release made on TODAY; tests that check
figures exactly switch the noise off (``exact_figures``)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from contracts.tests.markets import Market
from disclosure.releases import publish
from market.compute import category_report
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from portal.tests.spreadsheets import ATTACKS, assert_inert_csv, assert_inert_xlsx

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def release(as_of=TODAY):
    return publish(as_of=as_of, topics=["market"])


@pytest.fixture
def market(db):
    market = Market()
    for step in range(5):
        market.hospital(100_000 + 10_000 * step, vendor="v")
    for _ in range(2):
        market.hospital(100_000, vendor="w", start=date(2025, 1, 1))
    # The switcher: v until the end of 2024, then w (entered in that order, so the
    # portal records the switch).
    switcher = market.hospital(90_000, vendor="v", start=date(2020, 1, 1), end=date(2024, 12, 31))
    market.contract(switcher, 100_000, vendor="w", start=date(2025, 1, 1))
    return market


@pytest.fixture
def released(market):
    release()
    return market


@pytest.fixture
def analyst():
    body = OrganizationFactory(slug="ministerie", type=Organization.Type.POLICY_BODY, sector="")
    return member(body, Membership.Role.POLICY_ANALYST, username="analist")


def report(market, **filters):
    return category_report(market.category.pk, year=filters.pop("year", 2026), **filters)


def test_concentration_by_customers_and_by_value(released, exact_figures):
    # By customers: v has 5 of 8 (62.5 %, published in whole percents), w only 3: merged
    # into "other vendors", unnamed, itself withheld (w alone); the HHI counts the
    # remainder as one vendor.
    by_customers = report(released, basis="customers")["concentration"]
    assert by_customers["customers"] == 8
    v, other = by_customers["vendors"]
    assert v["share"] == 0.62 and released.vendors["w"].name not in str(by_customers)
    assert other["other"] and other["share"] is None and other["withheld"] == "too_few"
    assert by_customers["hhi"] == pytest.approx(62**2 + 38**2)
    assert (by_customers["eu_band"], by_customers["us_band"]) == ("high", "highly_concentrated")
    by_value = report(released)["concentration"]
    v, other = by_value["vendors"]
    assert (v["vendor"], v["share"], v["withheld"]) == (released.vendors["v"].name, 0.67, "")
    assert other["other"] and other["share"] is None and other["reason"]
    assert by_value["hhi"] == pytest.approx(67**2 + 33**2)  # from the published shares
    assert by_value["cr1"] == pytest.approx(0.67) and by_value["cr4"] == pytest.approx(0.67)


def test_beds_basis_weighs_each_customer_by_its_beds(released, exact_figures):
    # Every hospital has 300 beds: v serves 1,500 of 2,400 = 62.5%, published as 62%.
    concentration = report(released, basis="beds")["concentration"]
    assert concentration["vendors"][0]["share"] == 0.62
    assert concentration["hhi"] == pytest.approx(62**2 + 38**2)


def test_dynamics_switching_entries_and_trend(released, exact_figures):
    dynamics = report(released, year=2024)["dynamics"]
    # One organisation's contract ended: a count of fewer than 5 organisations.
    assert dynamics["contracts_ended"] is None
    assert dynamics["withheld"]["contracts_ended"]["code"] == "too_few"
    # One organisation's switch is not shown as a rate: fewer than 5 organisations.
    assert dynamics["switching_rate"] is None
    assert dynamics["withheld"]["switching_rate"]["code"] == "too_few"
    # w entered in 2025, with 3 customers: naming it would date their contracts.
    assert report(released, year=2025)["dynamics"]["entries"] == []
    trend = {t["year"]: t for t in report(released)["trend"]}
    assert trend[2023]["customers"] is None  # one customer: the v hospitals start in 2024
    assert trend[2024]["customers"] == 6 and trend[2024]["hhi"] == pytest.approx(10000)
    assert trend[2024]["switching_rate"] is None
    this_year = report(released)["dynamics"]
    assert this_year["auto_renewal_share"] == 0.0  # none of the 8 renews automatically
    assert this_year["median_length_months"] > 40


def test_lock_in_distribution_on_the_vendor_pages_scale(released, exact_figures):
    lock_in = report(released)["lock_in"]
    assert not lock_in["suppressed"] and lock_in["organisations"] == 8
    assert 0 < lock_in["p25"] <= lock_in["median"] <= lock_in["p75"] <= 100
    shown = [band for band in lock_in["bands"] if not band["withheld"]]
    assert shown and sum(band["share"] for band in shown) <= 1.0
    assert all(band["reason"] for band in lock_in["bands"] if band["withheld"])


def test_filters_by_sector_and_province(market, exact_figures):
    """A filter down to one organisation shows no count of it (its contracts' years
    would follow from the counts per year): withheld, with the reason."""
    other = market.hospital(150_000, vendor="w", sector="mental_health", province="GR")
    assert other
    release()
    for filters in ({"sector": "mental_health"}, {"province": "GR"}):
        concentration = report(market, **filters)["concentration"]
        assert concentration["customers"] is None and concentration["contracts"] is None
        assert concentration["withheld"]["customers"]["code"] == "too_few"
        dynamics = report(market, **filters)["dynamics"]
        assert dynamics["contracts_ended"] is None and dynamics["entries"] is None
    assert report(market)["concentration"]["customers"] == 9


def test_spending_share_of_revenue_with_the_hospital_reference(released, exact_figures):
    import pandas as pd

    from disclosure.statistics import hd_matrix, three_significant

    spending = {s["sector"]: s for s in report(released)["spending"]}
    hospitals = spending["general_hospital"]
    assert hospitals["organisations"] == 8
    # 100, 100, 100, 100, 110, 120, 130, 140 thousand over EUR 100m revenue: the
    # Harrell-Davis median (never one organisation's own ratio), noise off.
    ratios = pd.Series([100, 100, 100, 100, 110, 120, 130, 140]) * 1000 / 100_000_000
    expected = hd_matrix(ratios.to_numpy()[None, :], [0.5])[0][0]
    assert hospitals["median"] == pytest.approx(three_significant(expected))
    assert hospitals["reference"] == 0.058


def test_contracts_younger_than_90_days_wait_for_a_later_release(market, exact_figures):
    market.hospital(100_000, vendor="w", start=date(2026, 10, 1))
    release()
    assert report(market)["concentration"]["customers"] == 8
    assert report(market)["lock_in"]["organisations"] == 8  # running, but too young
    release(as_of=date(2027, 1, 15))
    assert category_report(market.category.pk, year=2026)["concentration"]["customers"] == 9


def test_dashboard_is_for_policy_staff_and_admins_only(client, released, analyst, exact_figures):
    url = reverse("market_dashboard") + "?categorie=pacs-test&jaar=2026"
    assert client.get(url).status_code == 302  # log in first
    organisation = released.organizations[0]
    others = [
        member(organisation, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper"),
        member(organisation, Membership.Role.ORGANIZATION_ADMIN, username="beheerder"),
        UserFactory(username="redacteur", is_staff=True),
    ]
    for user in others:
        client.force_login(user)
        for name in ("market_dashboard", "market_report"):
            assert client.get(reverse(name)).status_code == 403
        assert client.get(reverse("market_export", args=["csv"])).status_code == 403
    client.force_login(analyst)
    html = client.get(url).content.decode()
    assert "5.578" in html  # HHI by value from the published shares, Dutch separator
    assert "Publicatie van 22 november 2026" in html
    assert "minder dan 5 organisaties" in html  # w's share
    client.force_login(UserFactory(username="beheer", is_superuser=True))
    assert client.get(url).status_code == 200


def test_exports_hold_the_figures(client, released, analyst, exact_figures):
    client.force_login(analyst)
    query = "?categorie=pacs-test&jaar=2026&basis=customers"
    data = client.get(reverse("market_export", args=["csv"]) + query).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    figures = {(section, measure): value for section, measure, value in rows[1:]}
    assert figures[("Publicatie", "Gegevens van")] == "2026-11-22"
    # By customers: v 5 of 8 (62 % in whole percents), w's 3 customers withheld.
    assert figures[("Concentratie", "HHI")] == "5288"
    assert figures[("Concentratie", "CR1 (%)")] == "62"
    other = figures[("Aandelen per leveranciersgroep (%)", "Overige leveranciers")]
    assert other == "minder dan 5 organisaties"  # w's 3 customers, unnamed
    # Three hospitals only in 2024's switching: withheld, with the reason.
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("market_export", args=["xlsx"]) + query).content)
    )
    values = {(r[0], r[1]): r[2] for r in workbook.active.values}
    assert values[("Concentratie", "HHI")] == 5288
    printable = client.get(reverse("market_report") + query).content.decode()
    assert "5288" in printable and "Publicatie van 22 november 2026" in printable


def test_no_single_contract_can_be_read(client, market, analyst):
    """Filtered down to one organisation, the monitor shows shares by customers (100%)
    but no amount: not the market value, not the spending."""
    lone = market.hospital(123_456, vendor="w", sector="mental_health", province="GR")
    assert lone
    release()
    client.force_login(analyst)
    query = "?categorie=pacs-test&jaar=2026&provincie=GR"
    html = client.get(reverse("market_dashboard") + query).content.decode()
    export = client.get(reverse("market_export", args=["csv"]) + query).content.decode("utf-8-sig")
    api = APIClient()
    api.force_authenticate(analyst)
    answers = [
        api.get(f"/api/v1/market/{name}/?category=pacs-test&year=2026&province=GR").content.decode()
        for name in ("concentration", "dynamics", "lock-in")
    ]
    answers.append(
        api.get(
            "/api/v1/market/concentration/?category=pacs-test&year=2026&province=GR&basis=value"
        ).content.decode()
    )
    answers.append(api.get("/api/v1/market/spending/?year=2026").content.decode())
    for text in [html, export, *answers]:
        for shown in ("123456", "123.456", "123 456", "12345600", "123000", "123.000"):
            assert shown not in text
    assert "minder dan 5 organisaties" in html


def test_api_concentration_is_public_by_customers_only(client, released, analyst, exact_figures):
    api = APIClient()
    base = "/api/v1/market/concentration/?category=pacs-test&year=2026"
    public = api.get(base).json()
    assert public["basis"] == "customers" and public["hhi"] == pytest.approx(5288)
    assert [v["share"] for v in public["vendors"]] == [0.62, None]  # v, the others
    assert public["release"]["as_of"] == "2026-11-22"
    assert "market_value" not in public
    assert api.get(base + "&basis=value").status_code == 401
    for name in ("dynamics", "lock-in"):
        assert api.get(f"/api/v1/market/{name}/?category=pacs-test").status_code == 401
    api.force_authenticate(UserFactory(username="buyer"))
    assert api.get(base + "&basis=value").status_code == 403
    api.force_authenticate(analyst)
    by_value = api.get(base + "&basis=value").json()
    assert by_value["hhi"] == pytest.approx(5578)
    assert by_value["market_value"]["total_eur"] == 900_000  # noise off
    dynamics = api.get("/api/v1/market/dynamics/?category=pacs-test&year=2024").json()
    assert dynamics["switching_rate"] is None
    assert dynamics["withheld"]["switching_rate"]["reason"] == "minder dan 5 organisaties"
    assert api.get(base.replace("pacs-test", "bestaat-niet")).status_code == 400
    assert api.get(base.replace("2026", "1990")).status_code == 400


def test_page_and_api_show_the_same_noisy_figures(client, released, analyst):
    """With the noise on: the market value is rounded to three significant figures, near
    but (almost surely) not exactly EUR 900,000, and the page, the export and the API
    show the same figures."""
    client.force_login(analyst)
    api = APIClient()
    api.force_authenticate(analyst)
    answer = api.get("/api/v1/market/concentration/?category=pacs-test&year=2026&basis=value")
    value = answer.json()["market_value"]["total_eur"]
    assert value == float(f"{value:.3g}") and 0 < value < 2_000_000
    shares = {v["vendor"]: v["share"] for v in answer.json()["vendors"]}
    query = "?categorie=pacs-test&jaar=2026"
    data = client.get(reverse("market_export", args=["csv"]) + query).content.decode("utf-8-sig")
    figures = {(a, b): c for a, b, c in list(csv.reader(io.StringIO(data), delimiter=";"))[1:]}
    shown = figures[("Uitgaven", "Marktwaarde per jaar (EUR)")]
    assert float(shown.replace(",", ".")) == value
    v = released.vendors["v"].name
    assert float(
        figures[("Aandelen per leveranciersgroep (%)", v)].replace(",", ".")
    ) == pytest.approx(shares[v] * 100)
    html = client.get(reverse("market_dashboard") + query).content.decode()
    assert f"€ {value:,.0f}".replace(",", ".") in html


def test_public_market_balance_page(client, released, exact_figures):
    from wagtail.models import Page

    from market.models import MarketBalancePage

    home = Page.objects.get(depth=2)
    page = MarketBalancePage(title="Marktbalans", slug="marktbalans")
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/marktbalans/").content.decode()
    assert "Publicatie van 22 november 2026" in html
    table = html[html.index('id="balance"') :]
    assert "5.288" in table  # by customers (62 % and the withheld rest), the public measure
    assert "5.578" not in table  # never by value


def test_before_the_first_release_nothing_is_shown(client, market, analyst):
    client.force_login(analyst)
    html = client.get(reverse("market_dashboard") + "?categorie=pacs-test").content.decode()
    assert 'id="no-release"' in html and 'id="hhi"' not in html
    answer = APIClient().get("/api/v1/market/concentration/?category=pacs-test").json()
    assert answer["release"] is None and answer["withheld"] == "no_release"
    assert "vendors" not in answer


def test_writes_after_a_release_change_nothing_until_the_next(
    client, released, analyst, exact_figures
):
    """Everyone sees the release's figures: a new contract moves nothing until the next
    release, which counts it (noise off: the count of customers is a protected count,
    noisy otherwise; that the noise does not move either is tested above)."""
    api = APIClient()
    api.force_authenticate(analyst)
    url = "/api/v1/market/concentration/?category=pacs-test&year=2026&basis=value"
    before = api.get(url).json()
    released.hospital(500_000, vendor="w", start=date(2025, 1, 1))
    assert api.get(url).json() == before
    release(as_of=date(2026, 11, 23))
    after = api.get(url).json()
    assert after["customers"] == before["customers"] + 1
    assert after["release"]["number"] == before["release"]["number"] + 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_hold_a_vendor_name_formula_as_text(client, market, analyst, fmt):
    market.vendors["v"].name = ATTACKS[0]  # v: 5 customers, so named
    market.vendors["v"].save()
    release()
    client.force_login(analyst)
    query = "?categorie=pacs-test&jaar=2026&basis=customers"
    content = client.get(reverse("market_export", args=[fmt]) + query).content
    rows = (assert_inert_csv if fmt == "csv" else assert_inert_xlsx)(content)
    assert any(row[1] == "'" + ATTACKS[0] for row in rows)
