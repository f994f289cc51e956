"""A procurement specialist logs in, finds the organisation's contracts, and switches
the portal to English, in a real Chromium."""

import os

import pytest
from django.urls import reverse

from contracts.tests.factories import ContractFactory
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member

# serialized_rollback: each test starts with the data the migrations made (the home page).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# test itself are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_log_in_see_own_contracts_and_switch_language(live_server, browser_page, reference_data):
    hospital = OrganizationFactory(name="Ziekenhuis Browsertest", slug="zh-browser")
    ContractFactory(organization=hospital, reference="BRW-001")
    ContractFactory(reference="OTHER-001")
    member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper")

    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("h2#figures-heading").inner_text() == "Het portaal vandaag"
    page.click("text=Inloggen")
    page.fill("#id_username", "inkoper")
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")
    page.click("text=Mijn contracten")
    assert page.url.endswith(reverse("contract_list"))
    table = page.locator("table.list").inner_text()
    assert "BRW-001" in table
    assert "OTHER-001" not in table
    page.click("text=BRW-001")
    assert page.locator("h1").inner_text() == "Contract BRW-001"

    page.click("header a.language-link")  # "English", a plain link
    assert page.locator("h1").inner_text() == "Contract BRW-001"
    assert "Annual cost (EUR)" in page.locator("dl.facts").inner_text()
    page.screenshot(path=os.environ.get("SCREENSHOT_PATH", "/tmp/contract-detail.png"))


def test_import_the_template_and_see_the_renewal_radar(
    live_server, browser_page, reference_data, tmp_path
):
    from vendors.models import ProductCategory
    from vendors.tests.factories import ProductFactory

    ProductFactory(name="Beeldwerk PACS", category=ProductCategory.objects.get(slug="pacs-vna"))
    hospital = OrganizationFactory(name="Ziekenhuis Importtest", slug="zh-importtest")
    member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="importeur")

    page = browser_page
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "importeur")
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")
    page.goto(live_server.url + reverse("contract_import"))
    with page.expect_download() as download:
        page.click("a[href$='sjabloon.xlsx']")
    template = tmp_path / "sjabloon.xlsx"
    download.value.save_as(template)
    page.set_input_files("#id_file", str(template))
    page.click("form.form button[type=submit]")
    assert (
        "2 rijen geïmporteerd: 1 nieuwe contracten, 0 gewijzigd, 0 ongewijzigd"
        in page.locator("main").inner_text()
    )
    page.click("text=Bekijk de contracten")
    assert "VOORBEELD-001" in page.locator("table.list").inner_text()
    page.click("text=Opzegkalender")
    radar = page.locator("table.radar").inner_text()
    assert "VOORBEELD-001" in radar
    page.screenshot(path=str(tmp_path / "radar.png"))


@pytest.mark.search_engine
def test_search_and_filter_by_a_facet(
    live_server, browser_page, reference_data, django_capture_on_commit_callbacks
):
    from search.rebuild import documents, rebuild
    from search.tests.conftest import drop_test_indices
    from vendors.models import ProductCategory
    from vendors.tests.factories import ProductFactory, VendorFactory

    vendor = VendorFactory(name="Zoekbaar B.V.", slug="zoekbaar")
    ProductFactory(
        vendor=vendor,
        name="Zoekbaar Patiëntendossier",
        slug="zb-epd",
        category=ProductCategory.objects.get(slug="epd-ziekenhuis"),
    )
    ProductFactory(
        vendor=vendor,
        name="Zoekbaar Beeldarchief",
        slug="zb-pacs",
        category=ProductCategory.objects.get(slug="pacs-vna"),
    )
    drop_test_indices()
    for document in documents():
        rebuild(document)
    try:
        page = browser_page
        page.goto(live_server.url + "/")
        page.fill("#nav-q", "zoekbaar")
        page.press("#nav-q", "Enter")
        page.wait_for_selector("ol.hits")
        assert "3 resultaten" in page.locator("p.count").inner_text()
        page.click("section.facet >> text=PACS/VNA")
        assert "2 resultaten" in page.locator("p.count").inner_text()  # vendor and product
        page.click("section.facet >> text=Product")
        assert "1 resultaat" in page.locator("p.count").inner_text()
        assert page.locator("ol.hits li").count() == 1
        assert "Beeldarchief" in page.locator("ol.hits").inner_text()
    finally:
        drop_test_indices()
