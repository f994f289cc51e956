"""Copy every VendorChange into the portal's one audit trail (portal.AuditEvent) under
its vendor, then drop the old table. The old free-text action names what was written:
it becomes an action on the object's type; [old, new] pairs become before/after."""

from django.db import migrations

# Old action -> (new action, the written object's model). A product or the vendor
# itself is found again for profile and product changes; other objects by label only.
ACTIONS = {
    "profile": ("update", "vendor"),
    "product": ("update", "product"),
    "claim added": ("create", "standardclaim"),
    "claim removed": ("delete", "standardclaim"),
    "capability statement": ("create", "capabilitystatementversion"),
    "certificate": ("create", "certificate"),
    "reply": ("create", "vendorreply"),
    "code of conduct signed": ("create", "codeofconductsignature"),
}


def _object_id(apps, model, change):
    if model == "vendor":
        return change.vendor_id
    if model == "product":
        Product = apps.get_model("vendors", "Product")
        found = Product.objects.filter(vendor_id=change.vendor_id, name=change.subject)
        return found.values_list("pk", flat=True).first()
    return None


def _content_type(ContentType, found, model):
    if model is not None and model not in found:
        found[model] = ContentType.objects.get_or_create(app_label="vendors", model=model)[0]
    return found.get(model)


def copy_changes(apps, schema_editor):
    Old = apps.get_model("vendors", "VendorChange")
    AuditEvent = apps.get_model("portal", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = {}
    events = []
    for change in Old.objects.select_related("user").order_by("pk").iterator(chunk_size=2000):
        action, model = ACTIONS.get(change.action, ("update", None))
        pairs = {
            name: value
            for name, value in (change.changes or {}).items()
            if isinstance(value, list) and len(value) == 2
        }
        events.append(
            AuditEvent(
                at=change.at,
                actor_id=change.user_id,
                actor_label=change.user.username if change.user else "systeem",
                action=action,
                content_type=_content_type(ContentType, types, model),
                object_id=_object_id(apps, model, change),
                object_label=change.subject,
                vendor_id=change.vendor_id,
                before={name: old for name, (old, _new) in pairs.items()},
                after={name: new for name, (_old, new) in pairs.items()},
                # An action this migration does not know keeps its name.
                note="" if change.action in ACTIONS else change.action[:300],
            )
        )
    AuditEvent.objects.bulk_create(events, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0005_audit_trail_and_access_log"),
        ("vendors", "0005_editors_add_scoring_methods"),
    ]

    operations = [
        # Going back recreates the old table empty; the copy is not undone.
        migrations.RunPython(copy_changes, migrations.RunPython.noop),
        migrations.DeleteModel(name="VendorChange"),
    ]
