"""The market monitor on a small hand-built market, through its pages, exports and API;
who may see what; and that no single contract can be read from it.

The market (category "pacs-test", this year 2026): five hospitals buy from vendor v at
EUR 100,000 / 110,000 / 120,000 / 130,000 / 140,000 a year, three from vendor w at
EUR 100,000 each. By customers: v 5/8 = 62.5%, w 37.5%: HHI 3,906.25 + 1,406.25 = 5,312.5.
By value: v 600,000 of 900,000 = 66.67%, w 33.33%: HHI 4,444.4 + 1,111.1 = 5,555.6.
One of w's customers switched from v in 2025 (its v contract ended in 2024)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from prices.monitor.compute import category_report
from prices.tests.conftest import Market

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


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
def analyst():
    body = OrganizationFactory(slug="ministerie", type=Organization.Type.POLICY_BODY, sector="")
    return member(body, Membership.Role.POLICY_ANALYST, username="analist")


def report(market, **filters):
    return category_report(market.category.pk, year=2026, **filters)


def test_concentration_by_customers_and_by_value(market):
    by_customers = report(market, basis="customers")["concentration"]
    assert by_customers["customers"] == 8
    assert by_customers["hhi"] == pytest.approx(5312.5, abs=0.1)
    assert [v["share"] for v in by_customers["vendors"]] == [0.625, 0.375]
    assert (by_customers["eu_band"], by_customers["us_band"]) == ("high", "highly_concentrated")
    by_value = report(market)["concentration"]
    assert by_value["hhi"] == pytest.approx(5555.6, abs=0.1)
    assert by_value["cr1"] == pytest.approx(2 / 3) and by_value["cr4"] == pytest.approx(1.0)


def test_beds_basis_weighs_each_customer_by_its_beds(market):
    # Every hospital has 300 beds: the same shares as by customers.
    assert report(market, basis="beds")["concentration"]["hhi"] == pytest.approx(5312.5, abs=0.1)


def test_dynamics_switching_entries_and_trend(market):
    dynamics = category_report(market.category.pk, year=2024)["dynamics"]
    assert dynamics["contracts_ended"] == 1
    assert dynamics["switching_rate"] == 1.0  # the one contract that ended was followed by w
    assert category_report(market.category.pk, year=2025)["dynamics"]["entries"] == [
        market.vendors["w"].name
    ]
    trend = {t["year"]: t for t in report(market)["trend"]}
    assert trend[2023]["customers"] == 1  # the v hospitals start in 2024
    assert trend[2024]["customers"] == 6 and trend[2024]["hhi"] == pytest.approx(10000)
    assert trend[2024]["switching_rate"] == 1.0


def test_filters_by_sector_and_province(market):
    other = market.hospital(150_000, vendor="w", sector="mental_health", province="GR")
    assert other
    assert report(market, sector="mental_health")["concentration"]["customers"] == 1
    assert report(market, province="GR")["concentration"]["customers"] == 1
    assert report(market)["concentration"]["customers"] == 9


def test_spending_share_of_revenue_with_the_hospital_reference(market):
    spending = {s["sector"]: s for s in report(market)["spending"]}
    hospitals = spending["general_hospital"]
    # 8 hospitals of EUR 100m revenue paying 100,000-140,000: medians of 0.1%-0.14%.
    assert hospitals["organisations"] == 8
    # 100, 100, 100, 100, 110, 120, 130, 140 thousand: median 105,000 / 100m.
    assert hospitals["median"] == pytest.approx(0.00105)
    assert hospitals["reference"] == 0.058


def test_dashboard_is_for_policy_staff_and_admins_only(client, market, analyst):
    url = reverse("market_dashboard") + "?categorie=pacs-test&jaar=2026"
    assert client.get(url).status_code == 302  # log in first
    organisation = market.organizations[0]
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
    assert "5.556" in html  # HHI by value, Dutch thousands separator
    client.force_login(UserFactory(username="beheer", is_superuser=True))
    assert client.get(url).status_code == 200


def test_exports_hold_the_figures(client, market, analyst):
    client.force_login(analyst)
    query = "?categorie=pacs-test&jaar=2026&basis=customers"
    data = client.get(reverse("market_export", args=["csv"]) + query).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    figures = {(section, measure): value for section, measure, value in rows[1:]}
    assert figures[("Concentratie", "HHI")] == "5312,5"
    assert figures[("Concentratie", "CR1 (%)")] == "62,5"
    assert figures[("Leveranciersaandelen (%)", market.vendors["w"].name)] == "37,5"
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("market_export", args=["xlsx"]) + query).content)
    )
    values = {(r[0], r[1]): r[2] for r in workbook.active.values}
    assert values[("Concentratie", "HHI")] == 5312.5
    printable = client.get(reverse("market_report") + query).content.decode()
    assert "5312,5" in printable


def test_no_single_contract_can_be_read(client, market, analyst):
    """Filtered down to one organisation, the monitor shows shares (100%) but no amount:
    not the market value, not the spending."""
    lone = market.hospital(123_456, vendor="w", sector="mental_health", province="GR")
    assert lone
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
    answers.append(api.get("/api/v1/market/spending/?year=2026").content.decode())
    for text in [html, export, *answers]:
        for shown in ("123456", "123.456", "123 456", "12345600"):
            assert shown not in text
    assert "minder dan 5 organisaties" in html


def test_api_concentration_is_public_by_customers_only(client, market, analyst):
    api = APIClient()
    base = "/api/v1/market/concentration/?category=pacs-test&year=2026"
    public = api.get(base).json()
    assert public["basis"] == "customers" and public["hhi"] == pytest.approx(5312.5, abs=0.1)
    assert {v["share"] for v in public["vendors"]} == {0.625, 0.375}
    assert api.get(base + "&basis=value").status_code == 401
    for name in ("dynamics", "lock-in"):
        assert api.get(f"/api/v1/market/{name}/?category=pacs-test").status_code == 401
    api.force_authenticate(UserFactory(username="buyer"))
    assert api.get(base + "&basis=value").status_code == 403
    api.force_authenticate(analyst)
    assert api.get(base + "&basis=value").json()["hhi"] == pytest.approx(5555.6, abs=0.1)
    dynamics = api.get("/api/v1/market/dynamics/?category=pacs-test&year=2024").json()
    assert dynamics["switching_rate"] == 1.0
    assert api.get(base.replace("pacs-test", "bestaat-niet")).status_code == 400
    assert api.get(base.replace("2026", "1990")).status_code == 400


def test_public_market_balance_page(client, market):
    from wagtail.models import Page

    from prices.models import MarketBalancePage

    home = Page.objects.get(depth=2)
    page = MarketBalancePage(title="Marktbalans", slug="marktbalans")
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/marktbalans/").content.decode()
    table = html[html.index('id="balance"') :]
    assert "5.312" in table or "5.313" in table  # by customers, the public measure
    assert "5.556" not in table  # never by value


def test_after_a_write_the_previous_table_answers_until_the_rebuild(market, settings):
    """With a task worker, a write does not make the next request wait for the rebuild:
    the previous figures answer, and the rebuilt table replaces them once built."""
    from django_tasks import default_task_backend

    from prices.monitor.data import market_data, rebuild_market_table

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    before = market_data()
    market.hospital(500_000, vendor="w")  # bumps the data version
    assert market_data() is before  # stale, and a rebuild is queued
    [queued] = [r for r in default_task_backend.results if r.task.func is rebuild_market_table.func]
    queued.task.call(*queued.args)  # what the worker does
    after = market_data()
    assert after is not before and len(after.contracts) == len(before.contracts) + 1
