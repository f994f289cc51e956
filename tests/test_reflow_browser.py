"""The menu on a phone: at 320 px a Menu button opens and closes the navigation, with
scripts switched off too (the key pages' reflow: tests/test_key_pages_browser.py).
A screenshot goes to var/screenshots/ (git-ignored)."""

import os
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def test_menu_opens_and_closes_on_a_phone_without_javascript(live_server, browser_page):
    """At 320 px the header shows a Menu button; it opens and closes the navigation, with
    scripts switched off too."""
    browser = browser_page.context.browser
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 320, "height": 700}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    menu_button = page.get_by_text("Menu", exact=True)
    vendors = page.locator("nav.site-nav").get_by_role("link", name="Leveranciers")
    assert menu_button.is_visible()
    assert not vendors.is_visible()
    menu_button.click()
    assert vendors.is_visible()
    assert page.get_by_role("link", name="English").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "menu-320.png"))
    menu_button.click()
    assert not vendors.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()

    wide = browser.new_context(viewport={"width": 1366, "height": 700})
    page = wide.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("nav.site-nav").get_by_role("link", name="Leveranciers").is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()
    wide.close()
