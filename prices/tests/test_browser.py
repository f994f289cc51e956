"""A procurement specialist opens the benchmark explorer, changes the metric, downloads
the table and checks where the hospital stands, in a real Chromium."""

import os

import pytest

from portal.tests.factories import member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_explorer_and_where_do_i_stand(live_server, browser_page, market, tmp_path, exact_figures):
    for n in range(8):
        market.hospital(100_000 + 10_000 * n)
    market.release()
    hospital = market.organizations[7]  # pays 170k; the others' median is 130k
    member(hospital, username="inkoper")

    page = browser_page
    page.goto(live_server.url + "/inloggen/")
    page.fill("#id_username", "inkoper")
    page.fill("#id_password", "secret-password")
    page.click("form.form button[type=submit]")
    page.click("text=Prijsbenchmarks")
    page.select_option("#id_jaar", "2025")
    page.click("#benchmark-form button[type=submit]")
    table = page.locator("#benchmark-table").inner_text()
    assert "Algemeen ziekenhuis\t7" in table and "130.000" in table
    assert "Cijfers van publicatie 1" in page.locator("#release-note").inner_text()
    page.wait_for_selector("#benchmark-chart .main-svg")  # plotly drew the bands, offline
    titles = page.eval_on_selector_all(
        "#benchmark-chart .modebar-btn", "buttons => buttons.map(b => b.dataset.title)"
    )
    assert "Grafiek downloaden als PNG" in titles and "Download plot as a PNG" not in titles

    page.select_option("#id_maatstaf", "per_fte")
    page.click("#benchmark-form button[type=submit]")
    assert "130" in page.locator("#benchmark-table").inner_text()  # 130k / 1,000 FTE
    with page.expect_download() as download:
        page.click("text=Download CSV")
    saved = tmp_path / "benchmark.csv"
    download.value.save_as(saved)
    assert "Algemeen ziekenhuis;7;" in saved.read_text(encoding="utf-8-sig")

    page.click("text=Waar sta ik?")
    page.select_option("#id_jaar", "2025")
    page.click("form.filters button[type=submit]")
    row = page.locator("#standing-table tbody tr").first.inner_text()
    assert "boven P75" in row
    assert "40.000" in page.locator("#total-saving").inner_text()
    for width in (1366, 320):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=os.environ.get("SCREENSHOT_PATH", "/tmp/where-do-i-stand.png"))
