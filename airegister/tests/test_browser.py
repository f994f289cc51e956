"""A procurement specialist keeps the hospital's AI register in a real Chromium: from
the menu to a new co-created application, the list's filters and the AI Act export;
the register's pages fit a 320 px wide screen."""

import os

import pytest

from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def fits(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_keep_the_register_and_export_it(live_server, browser_page, tmp_path):
    hospital = OrganizationFactory(name="Ziekenhuis Noord", slug="zh-noord")
    OrganizationFactory(name="Ziekenhuis Zuid", slug="zh-zuid")
    member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper")

    page = browser_page
    page.goto(live_server.url + "/inloggen/")
    page.fill("#id_username", "inkoper")
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")
    page.goto(live_server.url + "/leveranciers/")
    page.click("header >> text=AI-register")
    page.click("text=Nieuwe AI-toepassing")
    assert fits(page, 320), "the form scrolls sideways at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("#id_name", "Sepsis-vroegsignalering")
    page.select_option("#id_purpose", "prediction")
    page.select_option("#id_origin", "co_created")
    page.check("text=Ziekenhuis Zuid")
    page.select_option("#id_phase", "pilot")
    page.select_option("#id_kind", "traditional")
    page.select_option("#id_risk_class", "high")
    page.click("form.form button[type=submit]")
    # A high risk needs its reason: the form says so and keeps what was typed.
    assert "Leg uit waarom" in page.locator("main").inner_text()
    page.fill("#id_risk_reason", "Medisch hulpmiddel, AI-verordening art. 6")
    page.click("form.form button[type=submit]")
    assert "Sepsis-vroegsignalering is toegevoegd" in page.locator("main").inner_text()
    assert "Ziekenhuis Zuid" in page.locator("dl.facts").inner_text()
    assert fits(page, 320), "the detail page scrolls sideways at 320 px"

    page.click("text=Terug naar het AI-register")
    assert fits(page, 320), "the register scrolls sideways at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})
    assert "Pilot\t1" in page.locator("#phase-counts").inner_text()
    page.select_option("#risico", "minimal")
    page.click("form.filters button[type=submit]")
    assert "Sepsis-vroegsignalering" not in page.locator("#applications").inner_text()
    page.select_option("#risico", "high")
    page.click("form.filters button[type=submit]")
    assert "Sepsis-vroegsignalering" in page.locator("#applications").inner_text()

    with page.expect_download() as download:
        page.click("a:text-is('CSV')")
    saved = tmp_path / "ai-register.csv"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert "Sepsis-vroegsignalering;Voorspelling en vroegsignalering" in text
    assert "Hoog risico" in text


def no_axe_violations(page):
    """axe-core (every rule but the experimental ones) finds nothing on the page."""
    from tests.axe import AXE, violations_on

    assert AXE.exists(), "axe-core is missing: run `make install` (npm ci)"
    found = violations_on(page)
    assert not found, found
    return True


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")


def test_scale_up_together_from_sharing_to_a_coalition(live_server, browser_page):
    """Hospital A shares an application; B finds it through the facets and expresses
    interest, C too; A starts the coalition with one click and B sees the invitation."""
    from airegister.tests.factories import application
    from vendors.tests.factories import ProductFactory

    hospitals = {
        code: OrganizationFactory(name=f"Ziekenhuis {code}", slug=f"zh-{code.lower()}")
        for code in ("Noord", "Oost", "West")
    }
    for code, username in (("Noord", "inkoper-a"), ("Oost", "inkoper-b"), ("West", "inkoper-c")):
        member(hospitals[code], Membership.Role.PROCUREMENT_SPECIALIST, username=username)
    product = ProductFactory(name="Sepsisradar")
    app = application(
        hospitals["Noord"],
        name="Sepsis-vroegsignalering",
        purpose="prediction",
        origin="bought",
        vendor=product.vendor,
        product=product,
        owner="Dr. Intern",
    )
    application(hospitals["Oost"], name="Spraakverslag", purpose="documentation", shared=True)

    # axe-core is injected by the test, so only this browser bypasses the portal's CSP
    context = browser_page.context.browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    log_in(page, live_server, "inkoper-a")
    page.goto(live_server.url + app.get_absolute_url())
    page.click("#toggle-shared")
    assert "staat nu open voor overname" in page.locator("main").inner_text()

    for username, kind in (("inkoper-b", "Overnemen"), ("inkoper-c", "Samen doorontwikkelen")):
        log_in(page, live_server, username)
        page.goto(live_server.url + "/ai-register/")
        page.click("#shared-link")
        assert "Verslaglegging en administratie (1)" in page.locator("#facet-doel").inner_text()
        page.click("#facet-doel >> text=Voorspelling en vroegsignalering (1)")
        listed = page.locator("#shared-applications").inner_text()
        assert "Sepsis-vroegsignalering" in listed and "Spraakverslag" not in listed
        if username == "inkoper-b":
            assert no_axe_violations(page)
        page.click("#shared-applications >> text=Sepsis-vroegsignalering")
        assert "Dr. Intern" not in page.locator("main").inner_text()
        if username == "inkoper-b":
            assert no_axe_violations(page)
        page.check(f"#interest-form >> text={kind}")
        page.fill("#id_note", "Graag samen")
        page.click("#interest-form button[type=submit]")
        assert "op de hoogte gebracht" in page.locator("main").inner_text()

    log_in(page, live_server, "inkoper-a")
    page.goto(live_server.url + app.get_absolute_url())
    interested = page.locator("#interests").inner_text()
    assert "Ziekenhuis Oost" in interested and "Ziekenhuis West" in interested
    assert no_axe_violations(page)
    page.click("#start-coalition")
    assert page.input_value("#id_name") == "Opschalen van Sepsis-vroegsignalering"
    assert no_axe_violations(page)
    page.click("form.form button[type=submit]")
    assert "2 organisaties zijn uitgenodigd" in page.locator("main").inner_text()

    log_in(page, live_server, "inkoper-b")
    page.goto(live_server.url + "/mijn-portaal/")
    page.click("text=Opschalen van Sepsis-vroegsignalering")
    assert "Ziekenhuis Oost is uitgenodigd" in page.locator("main").inner_text()
    context.close()
