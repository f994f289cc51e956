"""Every key page fits a 320 px wide screen without scrolling sideways (WCAG 2.2, 1.4.10
Reflow) and a 1366 px one, with the fictional demo market seeded, in a real Chromium.
Screenshots at 1366 and 390 px go to var/screenshots/ (git-ignored)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from search.rebuild import documents, rebuild
from search.tests.conftest import search_index  # noqa: F401 - the real engine

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
DEMO_PASSWORD = "demo-portaal-2026"  # demo/ users, dev and test settings only
WIDTHS = (320, 1366)
SCREENSHOT_WIDTHS = (1366, 390)
PUBLIC_INDICES = ["vendors", "products", "categories", "standards", "organizations"]


def key_pages():
    """(who, name, path): each page as the role that uses it; None is a visitor."""
    from vendors.models import Product, Vendor

    vendor = Vendor.objects.annotate(n=Count("products")).order_by("-n", "name").first()
    # the product with the most evidence, and two to compare found by a search
    product = Product.objects.annotate(n=Count("claims")).order_by("-n", "name").first()
    other = Product.objects.exclude(pk=product.pk).order_by("name").first()
    compare = f"/vergelijken/?product={product.slug}&product={other.slug}&zoek={product.name[:3]}"
    return [
        (None, "home", "/"),
        (None, "search", "/zoeken/?q=epd"),
        (None, "vendors", "/leveranciers/"),
        (None, "vendor", vendor.get_absolute_url()),
        (None, "product", product.get_absolute_url()),
        (None, "compare", compare),
        (None, "coalitions", "/coalities/"),
        ("inkoper.a", "prices", "/prijzen/"),
        ("inkoper.a", "my-position", "/prijzen/mijn-positie/"),
        ("inkoper.a", "contracts", "/contracten/"),
        ("inkoper.a", "coalitions-member", "/coalities/"),
        ("analist", "market", "/markt/"),
    ]


@pytest.fixture
def demo_market(reference_data, search_index):  # noqa: F811 - the fixture above
    call_command("seed_demo", scale="small", seed=1, verbosity=0)
    call_command("publish_release", verbosity=0)
    # Index what a visitor's search finds, in small chunks (the engine shares two cores).
    for document in documents(only=PUBLIC_INDICES):
        rebuild(document, chunk_size=200)


def open_as(browser, base, who, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    if who:
        page.goto(base + "/inloggen/")
        page.fill("#id_username", who)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/inloggen/" not in url)
    return context, page


def page_width(page):
    page.wait_for_load_state("load")
    if page.locator(".chart").count():
        page.wait_for_selector(".chart .main-svg")  # plotly has drawn
    return page.evaluate("document.documentElement.scrollWidth")


def test_key_pages_reflow_at_320_px_and_fit_at_1366(live_server, browser_page, demo_market):
    browser = browser_page.context.browser
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = key_pages()
    too_wide = []
    for width in sorted(set(WIDTHS) | set(SCREENSHOT_WIDTHS)):
        for who in dict.fromkeys(who for who, _name, _path in pages):
            context, page = open_as(browser, live_server.url, who, width)
            for _who, name, path in (p for p in pages if p[0] == who):
                response = page.goto(live_server.url + path)
                assert response.status == 200, (path, who, response.status)
                scroll_width = page_width(page)
                if width in WIDTHS and scroll_width > width:
                    too_wide.append((path, who, width, scroll_width))
                if width in SCREENSHOT_WIDTHS:
                    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
            context.close()
    assert not too_wide, f"wider than the screen (path, user, screen, page width): {too_wide}"


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
