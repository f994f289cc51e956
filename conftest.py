"""Shared fixtures. The reference catalogues are loaded where a test asks for them."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def reference_data(db):
    from contracts.services import load_lock_in_clauses
    from vendors.services import load_product_taxonomy, load_standards_catalogue

    load_product_taxonomy()
    load_standards_catalogue()
    load_lock_in_clauses()


def _unavailable(item, reason):
    """Skip locally; in CI a missing real component is a failure, not a skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_addoption(parser):
    parser.addoption(
        "--database-only",
        action="store_true",
        help="only the tests that use the database, without the browser journeys: CI's "
        "second run, on PostgreSQL (the first, on SQLite, runs everything)",
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-only"):
        return
    kept, left_out = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        on_page_only = item.get_closest_marker("browser")
        (kept if uses_database and not on_page_only else left_out).append(item)
    config.hook.pytest_deselected(items=left_out)
    items[:] = kept


def pytest_runtest_setup(item):
    if item.get_closest_marker("search_engine"):
        from search.client import engine_status

        if engine_status()["status"] != "ok":
            _unavailable(item, "no search engine reachable at ELASTICSEARCH_URL")
    if item.get_closest_marker("browser") and not os.path.exists(CHROMIUM):
        _unavailable(item, f"{CHROMIUM} is not installed")


@pytest.fixture(autouse=True)
def _fresh_benchmark_cache():
    """Cached publications are keyed by data versions, which restart with each test's
    database; start every test with empty caches."""
    from django.core.cache import cache

    from disclosure.releases import forget
    from market.data import clear_local as clear_market

    forget()
    clear_market()
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in English leaves English active in the thread (the middleware
    activates, nothing deactivates); the next test starts in the default language."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _force_login_passes_both_factors(monkeypatch):
    """``force_login`` stands for a complete log-in: for users who need a second factor
    it also verifies the session with their authenticator app. The real flow (password,
    then code) is tested through the pages in portal/tests/test_two_factor.py and the
    browser journeys."""
    from django.test.client import ClientMixin
    from django_otp import DEVICE_ID_SESSION_KEY

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from portal.tests.factories import authenticator_for
        from portal.two_factor.policy import requires_two_factor

        fresh = type(user).objects.get(pk=user.pk)  # no permission cache left on ``user``
        if requires_two_factor(fresh):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = authenticator_for(fresh).persistent_id
            session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture
def browser_page():
    """A Chromium page (Debian's /usr/bin/chromium; nothing is downloaded)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        yield page
        browser.close()
