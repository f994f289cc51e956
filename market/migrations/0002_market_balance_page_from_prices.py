"""MarketBalancePage moved from prices: its table gets this app's name, and its content
type (which its pages, revisions and permissions point to) moves to this app, so
existing pages keep their rows, content, place in the tree and ``specific``."""

from django.db import migrations

MODEL = "marketbalancepage"


def _move_content_type(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    moving = types.filter(app_label=source, model=MODEL).first()
    if moving is None:  # a fresh database: post_migrate creates it in this app
        return
    # One in ``target`` exists only if a migrate stopped between the two apps'
    # migrations and made content types for that state: no page can use it yet, and
    # the moving one brings its own permissions.
    types.filter(app_label=target, model=MODEL).delete()
    moving.app_label = target
    moving.save(update_fields=["app_label"])


def to_market(apps, schema_editor):
    _move_content_type(apps, schema_editor, "prices", "market")


def to_prices(apps, schema_editor):
    _move_content_type(apps, schema_editor, "market", "prices")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('market', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='marketbalancepage', table=None),
        migrations.RunPython(to_market, to_prices),
    ]
