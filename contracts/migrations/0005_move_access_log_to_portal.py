"""The access log moves to the portal core (portal.AccessLogEntry): the table is renamed
and keeps its rows; the content type (and so its permissions) moves along."""

from django.db import migrations


def _move_content_type(apps, from_app, to_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A type made for the new app before this ran (post_migrate) would block the move.
    ContentType.objects.filter(app_label=to_app, model="accesslogentry").delete()
    ContentType.objects.filter(app_label=from_app, model="accesslogentry").update(
        app_label=to_app
    )


def to_portal(apps, schema_editor):
    _move_content_type(apps, "contracts", "portal")


def back_to_contracts(apps, schema_editor):
    _move_content_type(apps, "portal", "contracts")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("contracts", "0004_access_log_client_address"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="accesslogentry", table="portal_accesslogentry")
            ],
            state_operations=[migrations.DeleteModel(name="AccessLogEntry")],
        ),
        migrations.RunPython(to_portal, back_to_contracts),
    ]
