"""One coalition in a real Chromium, from creation through an invitation, a
requirement, a vendor's answer and a stage change, each step by the user who takes it."""

import os

import pytest
from django.urls import reverse

from portal.models import Membership
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative
from vendors.tests.factories import VendorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(base + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")


def test_a_coalition_from_creation_to_a_vendor_answer(live_server, browser_page, reference_data):
    from vendors.models import ProductCategory

    association = OrganizationFactory(
        name="Vereniging Browsertest", slug="vereniging", type="user_association", sector=""
    )
    member(association, Membership.Role.COALITION_COORDINATOR, username="eva")
    hospital = OrganizationFactory(name="Ziekenhuis Browsertest", slug="zh-browser")
    member(hospital, username="bram")
    vendor = VendorFactory(name="Zorgsoft Browsertest", slug="zorgsoft")
    add_vendor_representative(vendor=vendor, user=UserFactory(username="gijs"))
    category = ProductCategory.objects.get(slug="epd-ziekenhuis")
    base, page = live_server.url, browser_page

    # The coordinator of the association starts a private coalition and invites a hospital.
    log_in(page, base, "eva")
    page.goto(base + reverse("coalition_create"))
    page.fill("#id_name", "Samen Sterk Browsertest")
    page.fill("#id_slug", "samen-sterk")
    page.fill("#id_goal", "Samen eisen stellen aan het EPD")
    page.select_option("#id_type", "demand_articulation")
    page.check(f"input[name=categories][value='{category.pk}']")
    page.select_option("#id_visibility", "private")
    page.select_option("#id_coordinator", str(association.pk))
    page.click("#coalition-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Samen Sterk Browsertest"
    page.fill("#id_organization", "Ziekenhuis Browsertest")
    page.click("#invite-form button[type=submit]")
    assert "Uitnodiging verstuurd" in page.locator("main").inner_text()

    # The hospital's procurement specialist accepts.
    log_in(page, base, "bram")
    page.goto(base + reverse("coalition_detail", args=["samen-sterk"]))
    page.click("text=Accepteren")
    assert "Ziekenhuis Browsertest" in page.locator("#members").inner_text()

    # The coordinator moves on, writes a requirement and asks the vendor.
    log_in(page, base, "eva")
    page.goto(base + reverse("coalition_detail", args=["samen-sterk"]))
    page.select_option("#stage-select", "requirements")
    page.click("#advance-form button[type=submit]")
    assert page.locator("#stage").inner_text() == "Eisen formuleren"
    page.click("#coalition-tabs >> text=Eisen")
    page.select_option("#id_priority", "must")
    page.fill("#id_text", "Exitplan met teruggave van alle gegevens")
    page.click("#requirement-form button[type=submit]")
    assert "Exitplan met teruggave" in page.locator("#requirements").inner_text()
    page.click("#coalition-tabs >> text=Antwoorden van leveranciers")
    page.select_option("#id_vendor", str(vendor.pk))
    page.click("#vendor-invite-form button[type=submit]")

    # The vendor sees the requirement, not the members, and answers.
    log_in(page, base, "gijs")
    page.goto(base + reverse("vendor_requests"))
    page.click("text=Samen Sterk Browsertest")
    assert "Ziekenhuis Browsertest" not in page.locator("main").inner_text()
    page.select_option("#answer-table select", "partly")
    page.fill("#answer-table textarea", "Datamodel op aanvraag")
    page.click("#answer-form button[type=submit]")
    assert "Uw antwoorden zijn naar de coalitie gestuurd" in page.locator("main").inner_text()

    # The hospital sees the answer side by side.
    log_in(page, base, "bram")
    page.goto(base + reverse("coalition_vendors", args=["samen-sterk"]))
    answers = page.locator("#answers").inner_text()
    assert "Zorgsoft Browsertest" in answers and "Gedeeltelijk" in answers
    page.screenshot(path=os.environ.get("SCREENSHOT_PATH", "/tmp/coalition-answers.png"))

    # With the answers in, the coordinator opens the market consultation.
    log_in(page, base, "eva")
    page.goto(base + reverse("coalition_detail", args=["samen-sterk"]))
    page.select_option("#stage-select", "consultation")
    page.click("#advance-form button[type=submit]")
    assert page.locator("#stage").inner_text() == "Marktconsultatie"
    assert "Marktconsultatie" in page.locator("#history").inner_text()
