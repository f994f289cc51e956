"""End-to-end journeys in a real Chromium for user types without one elsewhere: an
organisation admin (access log, data download) and an anonymous visitor (search, vendor
page, the public market-balance page)."""

import io
import json
import os
import zipfile

import pytest
from django.urls import reverse

from contracts.tests.factories import ContractFactory
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member
from search.tests.conftest import search_index  # noqa: F401 - the real engine

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_organisation_admin_reads_the_access_log_and_downloads_the_data(
    live_server, browser_page, reference_data, tmp_path
):
    hospital = OrganizationFactory(name="Ziekenhuis Reis", slug="zh-reis")
    contract = ContractFactory(organization=hospital, reference="REIS-001")
    member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper")
    member(hospital, Membership.Role.ORGANIZATION_ADMIN, username="beheerder")
    page, base = browser_page, live_server.url

    def log_in(username):
        page.context.clear_cookies()
        page.goto(base + reverse("login"))
        page.fill("#id_username", username)
        page.fill("#id_password", "secret-password")
        page.click("form.form button[type=submit]")

    log_in("inkoper")
    page.goto(base + reverse("contract_detail", args=[contract.pk]))
    log_in("beheerder")
    page.goto(base + reverse("organization_detail", args=["zh-reis"]))
    page.click("text=Toegangslog")
    log = page.locator("#access-log").inner_text()
    assert "inkoper" in log and "REIS-001" in log
    page.goto(base + reverse("organization_detail", args=["zh-reis"]))
    page.click("text=Uw gegevens")
    with page.expect_download() as download:
        page.click("#download-all")
    target = tmp_path / "data.zip"
    download.value.save_as(target)
    data = json.loads(zipfile.ZipFile(io.BytesIO(target.read_bytes())).read("organisatie.json"))
    assert [c["reference"] for c in data["contracts"]] == ["REIS-001"]


@pytest.mark.search_engine
@pytest.mark.usefixtures("search_index")
def test_a_visitor_searches_and_opens_a_vendor_page(
    live_server, browser_page, reference_data, django_capture_on_commit_callbacks
):
    from vendors.tests.factories import ProductFactory, VendorFactory

    with django_capture_on_commit_callbacks(execute=True):
        vendor = VendorFactory(name="Reisleverancier B.V.", slug="reisleverancier")
        ProductFactory(vendor=vendor, name="Reis Patiëntdossier", slug="reis-pd")
    page, base = browser_page, live_server.url
    page.goto(base + "/")
    page.fill("#nav-q", "patientdossier")
    page.press("#nav-q", "Enter")
    page.click("text=Reis Patiëntdossier")
    assert page.locator("h1").inner_text() == "Reis Patiëntdossier"
    page.goto(base + reverse("vendor_detail", args=["reisleverancier"]))
    assert "Reisleverancier B.V." in page.locator("h1").inner_text()
