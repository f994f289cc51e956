"""Releases made before the market monitor moved out of prices hold its market table
(topic "market", key "table") pickled as prices.monitor.data.MarketData, a module that
no longer exists: store those tables again as market.data.MarketData, so the current
release stays readable (it would otherwise stay unreadable until the next release).
Nothing else changes: same topic, key and content."""

import io
import pickle
import zlib

from django.db import migrations

OLD_MODULE = "prices.monitor.data"
NEW_MODULE = "market.data"


class _Moved(pickle.Unpickler):
    def find_class(self, module, name):
        return super().find_class(NEW_MODULE if module == OLD_MODULE else module, name)


def move_tables(apps, schema_editor):
    ReleasePart = apps.get_model("disclosure", "ReleasePart")
    parts = ReleasePart.objects.using(schema_editor.connection.alias).filter(
        topic="market", key="table"
    )
    for pk in parts.values_list("pk", flat=True):
        part = ReleasePart.objects.using(schema_editor.connection.alias).get(pk=pk)
        raw = zlib.decompress(bytes(part.payload))
        if OLD_MODULE.encode() not in raw:
            continue
        table = _Moved(io.BytesIO(raw)).load()  # written by the portal only
        # As disclosure.models.ReleasePart.pack.
        part.payload = zlib.compress(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL), 3)
        part.save(update_fields=["payload"])


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure', '0002_release_request'),
        ('market', '0002_market_balance_page_from_prices'),
    ]

    operations = [
        # Backwards the tables stay as they are: the code from before the move cannot
        # read those of releases made after it either (the next release is readable).
        migrations.RunPython(move_tables, migrations.RunPython.noop),
    ]
