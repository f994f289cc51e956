"""The key pages (tests/key_pages.py) on the seeded demo market, as the roles that use
them, checked in one pass because seeding and indexing the demo is the slow part:

- one language per page: in Dutch no English words, in English no Dutch ones
  (tests/language.py), reference data and editorial pages included; search finds a
  category by either name and names it in the page's language;
- axe-core finds nothing at 1366 and 390 px in a real Chromium (axe injected from
  node_modules, never served by the portal);
- every page reflows at 320 px without scrolling sideways (WCAG 2.2, 1.4.10) and fits
  1366 px.

Screenshots at 1366 and 390 px go to var/screenshots/ (git-ignored)."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from search.tests.conftest import search_index  # noqa: F401 - the real engine
from tests.axe import AXE, drawn, violations_on
from tests.key_pages import DEMO_PASSWORD, key_pages, seed_demo_market, shown_as_written
from tests.language import foreign_words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.search_engine,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
AXE_WIDTHS = (1366, 390)
REFLOW_WIDTHS = (320, 1366)


def words_of_the_other_language(pages, language):
    """Each key page in ``language`` as its user, with the other language's words on it."""
    written = shown_as_written()
    clients, mixed = {}, []
    for who, name, path in pages:
        if who not in clients:
            clients[who] = Client()
            clients[who].cookies["django_language"] = language
            if who:
                clients[who].force_login(get_user_model().objects.get(username=who))
        response = clients[who].get(path)
        assert response.status_code == 200, (language, who, path, response.status_code)
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        mixed += [f"{name} ({path}): {found}" for found in foreign_words(html, language, written)]
    return mixed


def search_result_names(language, query):
    client = Client()
    client.cookies["django_language"] = language
    html = client.get("/zoeken/", {"q": query, "type": "category"}).content.decode()
    return html.replace("<mark>", "").replace("</mark>", "")


def open_as(browser, base, who, width):
    # The portal's content security policy allows no inline scripts; axe is added by
    # the test, so only where axe runs does the test's browser bypass it.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=width in AXE_WIDTHS
    )
    page = context.new_page()
    if who:
        page.goto(base + "/inloggen/")
        page.fill("#id_username", who)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/inloggen/" not in url)
    return context, page


def test_key_pages_speak_one_language_pass_axe_and_reflow(
    live_server,
    browser_page,
    reference_data,
    search_index,  # noqa: F811
):
    assert AXE.exists(), "axe-core is missing: run `make install` (npm ci)"
    seed_demo_market()
    pages = key_pages()

    for language in ("nl", "en"):
        mixed = words_of_the_other_language(pages, language)
        assert not mixed, f"{language}:\n" + "\n".join(mixed)
    for query in ("ziekenhuis epd", "hospital ehr"):
        dutch, english = search_result_names("nl", query), search_result_names("en", query)
        assert "Ziekenhuis-EPD/ZIS" in dutch and "Hospital EHR/HIS" not in dutch, query
        assert "Hospital EHR/HIS" in english and "Ziekenhuis-EPD/ZIS" not in english, query

    browser = browser_page.context.browser
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    violations, too_wide = [], []
    for width in sorted(set(AXE_WIDTHS) | set(REFLOW_WIDTHS)):
        for who in dict.fromkeys(who for who, _name, _path in pages):
            context, page = open_as(browser, live_server.url, who, width)
            for _who, name, path in (p for p in pages if p[0] == who):
                response = page.goto(live_server.url + path)
                assert response.status == 200, (path, who, response.status)
                drawn(page)
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if width in REFLOW_WIDTHS and scroll_width > width:
                    too_wide.append((path, who, width, scroll_width))
                if width in AXE_WIDTHS:
                    violations += [(name, width, v) for v in violations_on(page)]
                    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
            context.close()
    assert not too_wide, f"wider than the screen (path, user, screen, page width): {too_wide}"
    assert not violations, "\n".join(f"{n} at {w} px: {json.dumps(v)}" for n, w, v in violations)
