"""End-to-end journeys in a real Chromium for user types without one elsewhere: an
organisation admin (second factor set-up, access log, data download), a CMS editor
(second factor, a published page) and an anonymous visitor (search, vendor page)."""

import io
import json
import os
import zipfile
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import totp

from contracts.tests.factories import ContractFactory
from portal.models import Membership
from portal.tests.factories import (
    OrganizationFactory,
    UserFactory,
    app_code,
    authenticator_for,
    member,
)
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
    # First log-in as an admin: set up an authenticator app with the key the page shows.
    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    page.fill("#id_code", f"{totp(b32decode(secret)):06d}")
    page.click("form.form button[type=submit]")
    assert page.locator("#backup-codes li").count() == 10
    page.click("text=Verder")
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


def test_a_cms_editor_writes_a_page_and_a_moderator_publishes_it(live_server, browser_page):
    from portal.models import ContentPage, HomePage

    home = HomePage.objects.get()
    editor = UserFactory(username="redacteur")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = UserFactory(username="eindredacteur", is_staff=True, is_superuser=True)
    page, base = browser_page, live_server.url

    def log_in_to_the_cms(user):
        device = authenticator_for(user)  # set up earlier (set-up itself: the admin journey)
        page.context.clear_cookies()
        page.goto(base + "/cms/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "secret-password")
        page.click("button[type=submit]")
        assert reverse("two_factor_verify") in page.url  # the CMS waits for the code
        page.fill("#id_code", app_code(device))
        page.click("form.form button[type=submit]")
        page.wait_for_url(base + "/cms/")

    log_in_to_the_cms(editor)
    page.goto(base + f"/cms/pages/add/portal/contentpage/{home.pk}/")
    page.fill("#id_title", "Aanbesteden met open standaarden")
    page.fill("#id_intro", "Zo vraagt u FHIR en openEHR uit.")
    page.click(".w-dropdown-button .w-dropdown__toggle")
    page.click("button[name=action-submit]")  # to the moderators (Wagtail's workflow)
    page.wait_for_url(f"**/cms/pages/{home.pk}/")  # back to the list of pages
    written = ContentPage.objects.get(slug="aanbesteden-met-open-standaarden")
    assert not written.live
    assert page.goto(base + "/aanbesteden-met-open-standaarden/").status == 404

    log_in_to_the_cms(moderator)
    page.goto(base + f"/cms/pages/{written.pk}/edit/")
    page.click(".w-dropdown-button .w-dropdown__toggle")
    page.click("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    page.wait_for_url("**/cms/pages/*/")
    page.goto(base + "/aanbesteden-met-open-standaarden/")
    assert page.locator("h1").inner_text() == "Aanbesteden met open standaarden"
    assert "Zo vraagt u FHIR en openEHR uit." in page.content()


def test_a_viewer_reads_the_contracts_but_cannot_change_them(
    live_server, browser_page, reference_data
):
    hospital = OrganizationFactory(name="Ziekenhuis Lezen", slug="zh-lezen")
    contract = ContractFactory(organization=hospital, reference="LEES-001")
    member(hospital, Membership.Role.VIEWER, username="lezer")
    page, base = browser_page, live_server.url
    page.goto(base + reverse("login"))
    page.fill("#id_username", "lezer")
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")
    page.click("text=Mijn contracten")
    assert page.locator("text=Nieuw contract").count() == 0
    page.click("text=LEES-001")
    assert page.locator("h1").inner_text() == "Contract LEES-001"
    assert page.locator("text=Bewerken").count() == 0
    page.click("text=Mijn contracten")
    page.click("text=Opzegkalender")
    assert "LEES-001" in page.content()
    refused = page.goto(base + reverse("contract_update", args=[contract.pk]))
    assert refused.status == 404
