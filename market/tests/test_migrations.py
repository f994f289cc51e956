"""The move of the market monitor out of prices keeps what the database holds:

- a MarketBalancePage made before the move (prices/migrations/0002) is served after it
  (market/migrations/0001-0002, prices/migrations/0004) at the same address, with the
  same content and place in the tree, and is a market.models.MarketBalancePage;
- a release's market table pickled before the move (as prices.monitor.data.MarketData)
  is read after it (market/migrations/0003).

Each test migrates back to before the move, writes what the old code wrote, and
migrates forward again (also when it fails: the next tests need the current schema)."""

import pickle
import sys
import types
import zlib
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [("prices", "0003_delete_data_versions"), ("market", None)]
BEFORE_THE_TABLES = [("market", "0002_market_balance_page_from_prices")]
INTRO = "<p>Hoe geconcentreerd is de markt voor zorg-ICT? Voorbeeldtekst.</p>"


def migrate(targets):
    """Migrate to ``targets``; returns the apps of that state."""
    return MigrationExecutor(connection).migrate(targets).apps


def migrate_to_the_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def child_path(Page, parent):
    """The tree path of a new last child of ``parent`` (treebeard: 4 base-36 digits per
    level)."""
    children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-4:], 36) + 1 if last else 1
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    step = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        step = digits[digit] + step
    return parent.path + step


def make_page_before_the_move(apps):
    """A live MarketBalancePage under the site's root page, as prices held it."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    OldPage = apps.get_model("prices", "MarketBalancePage")
    home = Site.objects.get(is_default_site=True).root_page
    content_type, _ = ContentType.objects.get_or_create(
        app_label="prices", model="marketbalancepage"
    )
    page = OldPage.objects.create(
        title="Marktbalans",
        draft_title="Marktbalans",
        slug="marktbalans",
        content_type=content_type,
        path=child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}marktbalans/",
        locale_id=home.locale_id,
        live=True,
        intro=INTRO,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    return page.pk, page.path, home.pk, content_type.pk


def test_a_market_balance_page_made_before_the_move_is_served_after_it(client):
    try:
        pk, path, home_pk, content_type_pk = make_page_before_the_move(migrate(BEFORE_THE_MOVE))
    finally:
        migrate_to_the_latest()

    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from market.models import MarketBalancePage

    page = Page.objects.get(pk=pk)
    assert isinstance(page.specific, MarketBalancePage)
    assert page.specific.intro == INTRO
    assert (page.path, page.get_parent().pk, page.live) == (path, home_pk, True)
    moved = ContentType.objects.get(pk=content_type_pk)
    assert (moved.app_label, moved.model) == ("market", "marketbalancepage")
    assert moved.model_class() is MarketBalancePage
    assert not ContentType.objects.filter(app_label="prices", model="marketbalancepage").exists()
    assert MarketBalancePage._meta.db_table in connection.introspection.table_names()
    assert "prices_marketbalancepage" not in connection.introspection.table_names()

    response = client.get("/marktbalans/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Marktbalans</h1>" in html
    assert "Hoe geconcentreerd is de markt voor zorg-ICT? Voorbeeldtekst." in html
    assert 'id="balance"' in html  # the page's own template and context, from market


def test_a_release_table_pickled_before_the_move_is_read_after_it(monkeypatch):
    from disclosure.models import Release, ReleasePart
    from market.data import TABLE, TOPIC, market_data, no_release

    table = no_release(date(2026, 11, 22))
    table.vendor_names = {1: "Leverancier"}
    # What the old code stored: the same table as an instance of
    # prices.monitor.data.MarketData.
    with monkeypatch.context() as patch:
        old_module = types.ModuleType("prices.monitor.data")
        OldMarketData = type("MarketData", (), {"__module__": "prices.monitor.data"})
        old_module.MarketData = OldMarketData
        patch.setitem(sys.modules, "prices.monitor.data", old_module)
        old_table = OldMarketData.__new__(OldMarketData)
        old_table.__dict__.update(vars(table))
        payload = zlib.compress(pickle.dumps(old_table, protocol=pickle.HIGHEST_PROTOCOL), 3)
    assert b"prices.monitor.data" in zlib.decompress(payload)

    try:
        migrate(BEFORE_THE_TABLES)
        release = Release.objects.create(number=1, as_of=date(2026, 11, 22))
        ReleasePart.objects.create(release=release, topic=TOPIC, key=TABLE, payload=payload)
    finally:
        migrate_to_the_latest()

    stored = ReleasePart.objects.get(release=release, topic=TOPIC, key=TABLE)
    assert b"prices.monitor.data" not in zlib.decompress(bytes(stored.payload))
    data = market_data()
    assert data.released and data.release.pk == release.pk
    assert data.vendor_names == {1: "Leverancier"}
    assert data.years == table.years
