"""axe-core finds nothing on any key page, in Dutch, at 1366 and 390 px, as the roles
that use the pages, in a real Chromium on the seeded demo market. The tests inject
axe-core from node_modules (npm, package.json; the portal never serves it) and save a
screenshot of each page into var/screenshots/ (git-ignored)."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from search.rebuild import documents, rebuild
from search.tests.conftest import search_index  # noqa: F401 - the real engine
from tests.key_pages import DEMO_PASSWORD, SEARCHED_INDICES, key_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDTHS = (1366, 390)
# Every rule axe-core has, those it leaves off by default too (AAA contrast 7:1 among
# them), but the experimental ones: axe marks those as not ready and they flag every
# keyboard-scrollable table box (.table-scroll, focus-order-semantics).
RUN_ALL_RULES = """() => axe.run(document, {
  runOnly: {type: "rule", values: axe.getRules()
    .filter((rule) => !rule.tags.includes("experimental")).map((rule) => rule.ruleId)},
  resultTypes: ["violations"],
}).then((results) => results.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
})))"""


@pytest.fixture
def demo_market(reference_data, search_index):  # noqa: F811 - the fixture above
    call_command("seed_demo", scale="small", seed=1, verbosity=0)
    call_command("publish_release", verbosity=0)
    # What the key pages' searches show, in small chunks (the engine shares two cores).
    for document in documents(only=SEARCHED_INDICES):
        rebuild(document, chunk_size=200)


def open_as(browser, base, who, width):
    # The portal's content security policy allows no inline scripts; axe is added
    # by the test, so only the test's browser bypasses it.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    if who:
        page.goto(base + "/inloggen/")
        page.fill("#id_username", who)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/inloggen/" not in url)
    return context, page


def violations_on(page):
    page.wait_for_load_state("load")
    if page.locator(".chart").count():
        page.wait_for_selector(".chart .main-svg")  # plotly has drawn
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_ALL_RULES)


def test_key_pages_have_no_axe_violations_at_1366_and_390_px(
    live_server, browser_page, demo_market
):
    assert AXE.exists(), "axe-core is missing: run `make install` (npm ci)"
    browser = browser_page.context.browser
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = key_pages()
    found = []
    for width in WIDTHS:
        for who in dict.fromkeys(who for who, _name, _path in pages):
            context, page = open_as(browser, live_server.url, who, width)
            for _who, name, path in (p for p in pages if p[0] == who):
                response = page.goto(live_server.url + path)
                assert response.status == 200, (path, who, response.status)
                found += [(name, width, v) for v in violations_on(page)]
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
            context.close()
    assert not found, "\n".join(f"{n} at {w} px: {json.dumps(v)}" for n, w, v in found)
