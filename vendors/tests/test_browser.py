"""A vendor representative uploads a CapabilityStatement and sees its coverage; a
visitor compares two products, in a real Chromium."""

import os
from pathlib import Path

import pytest

from portal.tests.factories import UserFactory
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
STATEMENT = Path(__file__).parent / "statements" / "r4-bgz-server.json"


def test_vendor_uploads_a_statement_and_a_visitor_compares(
    live_server, browser_page, reference_data
):
    product = ProductFactory(name="Demo ZIS", slug="demo-zis")
    ProductFactory(name="Ander ZIS", slug="ander-zis", category=product.category)
    add_vendor_representative(vendor=product.vendor, user=UserFactory(username="leverancier"))

    page = browser_page
    page.goto(live_server.url + "/inloggen/")
    page.fill("#id_username", "leverancier")
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")
    page.click("text=Leveranciersportaal")
    page.click("text=Demo ZIS")
    page.set_input_files("#statement-form input[type=file]", str(STATEMENT))
    page.click("#statement-form button[type=submit]")
    assert "FHIR 4.0.1 CapabilityStatement opgeslagen." in page.locator(".messages").inner_text()
    page.click("text=Bekijk de openbare pagina")
    page.click("text=FHIR CapabilityStatement: wat het dekt en wat ontbreekt")  # fold out
    coverage = page.locator("table.coverage").inner_text()
    assert "BgZ (Basisgegevensset Zorg), FHIR R4\t31/31" in coverage

    page.click("text=Uitloggen")
    page.goto(live_server.url + "/producten/")
    page.check("input[value=demo-zis]")
    page.check("input[value=ander-zis]")
    page.click("#compare-form button[type=submit]")
    assert "Demo ZIS" in page.locator("#compare-products").inner_text()

    # the same comparison found by search, without JavaScript's help
    page.goto(live_server.url + "/vergelijken/")
    page.fill("#zoek", "ZIS")
    page.click("#compare-search button:has-text('Zoeken')")
    page.click("#compare-results button[value=demo-zis]")
    page.click("#compare-results button[value=ander-zis]")
    table = page.locator("#compare-products").inner_text()
    assert "Demo ZIS" in table and "Ander ZIS" in table and "SHALL 31/31" in table
    page.screenshot(path=os.environ.get("SCREENSHOT_PATH", "/tmp/compare.png"))
