"""A policy analyst opens the market monitor in a real Chromium, changes a filter and
downloads an export (noise off, so that v alone shows an HHI of exactly 10,000)."""

import csv
import io
import os
from datetime import date

import pytest
from django.urls import reverse

from contracts.tests.markets import Market
from disclosure.releases import publish
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_open_the_dashboard_change_a_filter_and_export(
    live_server, browser_page, tmp_path, exact_figures
):
    market = Market()
    for step in range(5):
        market.hospital(100_000 + 10_000 * step, vendor="v", start=date(2020, 1, 1))
    market.hospital(100_000, vendor="w", start=date(2024, 1, 1))
    body = OrganizationFactory(slug="ministerie", type=Organization.Type.POLICY_BODY, sector="")
    member(body, Membership.Role.POLICY_ANALYST, username="analist")
    publish(as_of=date(2026, 11, 22), topics=["market"])  # the monitor shows releases only

    page = browser_page
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "analist")
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")
    page.click("text=Marktmonitor")
    page.select_option("#f-category", "pacs-test")
    page.click("#monitor-filters button[type=submit]")
    assert "pacs-test" in page.url
    this_year = page.locator("#hhi").inner_text()
    page.wait_for_selector("#trend-chart .main-svg")  # plotly drew the trend (offline)
    page.select_option("#f-year", "2023")  # before w entered: v alone
    page.click("#monitor-filters button[type=submit]")
    assert page.locator("#hhi").inner_text() == "10.000"
    assert this_year != "10.000"
    with page.expect_download() as download:
        page.click("#export-csv")
    target = tmp_path / "export.csv"
    download.value.save_as(target)
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    figures = {(section, measure): value for section, measure, value in rows[1:]}
    assert figures[("Concentratie", "HHI")] == "10000"
    page.screenshot(path=os.environ.get("SCREENSHOT_PATH", "/tmp/market-monitor.png"))
