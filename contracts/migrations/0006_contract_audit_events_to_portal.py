"""Copy every ContractAuditEvent into the portal's one audit trail (portal.AuditEvent),
then drop the old table. Old "changes" become before/after: an update's (and a changed
import's) [old, new] pairs are split; a creation's (or new import's) snapshot is the
after, a deletion's the before; an export's details are kept as the after."""

import re

from django.db import migrations

TOKEN_LABEL = re.compile(r"^API-token .* \((?P<prefix>[^()]+)…\)$")


def _split(changes):
    before, after = {}, {}
    for name, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            before[name], after[name] = value
        else:
            after[name] = value
    return before, after


def _before_after(action, changes):
    if action == "update" or (action == "import" and "reference" not in changes):
        return _split(changes)
    if action == "delete":
        return changes, {}
    return {}, changes


def _token_id(tokens, organization_id, label):
    """The organisation's API token a write came through, from its label (no id was kept)."""
    match = TOKEN_LABEL.match(label)
    if match is None:
        return None
    return (
        tokens.filter(organization_id=organization_id, key_prefix=match["prefix"])
        .values_list("pk", flat=True)
        .first()
    )


def copy_events(apps, schema_editor):
    Old = apps.get_model("contracts", "ContractAuditEvent")
    AuditEvent = apps.get_model("portal", "AuditEvent")
    Token = apps.get_model("contracts", "OrganizationApiToken")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not Old.objects.exists():
        return
    contract_type, _ = ContentType.objects.get_or_create(app_label="contracts", model="contract")
    events = []
    for old in Old.objects.order_by("pk").iterator(chunk_size=2000):
        before, after = _before_after(old.action, old.changes or {})
        events.append(
            AuditEvent(
                at=old.created_at,
                actor_id=old.actor_id,
                actor_label=old.actor_label,
                api_token_id=_token_id(Token.objects, old.organization_id, old.actor_label),
                action=old.action,
                content_type=contract_type if old.contract_id else None,
                object_id=old.contract_id,
                object_label=old.contract_reference,
                organization_id=old.organization_id,
                before=before,
                after=after,
            )
        )
    AuditEvent.objects.bulk_create(events, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("contracts", "0005_move_access_log_to_portal"),
        ("portal", "0005_audit_trail_and_access_log"),
    ]

    operations = [
        # Going back recreates the old table empty; the copy is not undone.
        migrations.RunPython(copy_events, migrations.RunPython.noop),
        migrations.DeleteModel(name="ContractAuditEvent"),
    ]
