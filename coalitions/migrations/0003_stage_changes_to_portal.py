"""Copy every StageChange into the portal's one audit trail (portal.AuditEvent) as an
event on its coalition: the first step (no from-stage) a creation, later ones changes of
"stage" from one value to the next, with the note. Then drop the old table."""

from django.db import migrations


def copy_stage_changes(apps, schema_editor):
    Old = apps.get_model("coalitions", "StageChange")
    AuditEvent = apps.get_model("portal", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not Old.objects.exists():
        return
    coalition_type, _ = ContentType.objects.get_or_create(
        app_label="coalitions", model="coalition"
    )
    changes = Old.objects.select_related("coalition", "changed_by").order_by("pk")
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=change.changed_at,
                actor_id=change.changed_by_id,
                actor_label=change.changed_by.username if change.changed_by else "systeem",
                action="update" if change.from_stage else "create",
                content_type=coalition_type,
                object_id=change.coalition_id,
                object_label=change.coalition.name[:200],
                before={"stage": change.from_stage} if change.from_stage else {},
                after={"stage": change.to_stage},
                note=change.note,
            )
            for change in changes.iterator(chunk_size=2000)
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0002_requirements_rfi_workspace_directory"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0005_audit_trail_and_access_log"),
    ]

    operations = [
        # Going back recreates the old table empty; the copy is not undone.
        migrations.RunPython(copy_stage_changes, migrations.RunPython.noop),
        migrations.DeleteModel(name="StageChange"),
    ]
