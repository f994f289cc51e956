"""A visitor, not logged in, opens the AI monitor from the menu in a real Chromium: the
charts draw, the figures read in Dutch, a sector filter works, the page fits a
320 px wide screen, and axe-core finds no violation at 1366 and 390 px."""

import os

import pytest

from airegister.tests.test_monitor import balanced_world
from disclosure.releases import publish
from tests.axe import AXE, violations_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_a_visitor_reads_the_ai_monitor(live_server, browser_page, settings):
    settings.DISCLOSURE_SUM_NOISE = 0.0  # exact figures to read back
    balanced_world(n=6)
    publish()

    page = browser_page
    page.goto(live_server.url + "/leveranciers/")
    page.click("header >> text=AI-monitor")
    page.wait_for_selector("#origin-chart .main-svg")  # plotly drew it (offline)
    page.wait_for_selector("#years-chart .main-svg")
    assert page.locator("#applications").inner_text() == "24"
    assert "50%" in page.locator("#origin").inner_text()
    page.screenshot(path="/tmp/ai-monitor-main.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 900})
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    page.select_option("#f-sector", "mental_health")
    page.click("#ai-monitor-filters button[type=submit]")
    assert "sector=mental_health" in page.url
    assert "minder dan 5 organisaties" in page.locator("#selection-withheld").inner_text()
    page.screenshot(path=os.environ.get("SCREENSHOT_PATH", "/tmp/ai-monitor.png"))

    # axe-core, every rule (tests/axe.py), at both widths
    assert AXE.exists(), "axe-core is missing: run `make install` (npm ci)"
    found = []
    for width in (1366, 390):
        context = page.context.browser.new_context(
            viewport={"width": width, "height": 900}, bypass_csp=True
        )
        checked = context.new_page()
        checked.goto(live_server.url + "/ai-monitor/")
        found += [(width, v) for v in violations_on(checked)]
        context.close()
    assert not found, found
