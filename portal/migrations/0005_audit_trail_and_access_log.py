"""The one audit trail of writes (AuditEvent; contracts, vendors and coalitions copy
their old tables into it) and the access log, whose table contracts already renamed
(contracts 0005): here the model only enters the portal's state."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("contracts", "0005_move_access_log_to_portal"),
        ("portal", "0004_organization_findable_for_coalitions"),
        ("vendors", "0005_editors_add_scoring_methods"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccessLogEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("actor_label", models.CharField(max_length=150, verbose_name="by")),
                        ("kind", models.CharField(choices=[("contract", "Contract page"), ("contract_api", "Contracts through the API"), ("export", "Export"), ("benchmark", "Price benchmarks"), ("market", "Market monitor")], max_length=20, verbose_name="what")),
                        ("subject", models.CharField(blank=True, max_length=200, verbose_name="subject")),
                        ("path", models.CharField(max_length=500, verbose_name="address")),
                        ("client_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="from")),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="at")),
                        ("organization", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="access_log", to="portal.organization")),
                        ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "access log entry",
                        "verbose_name_plural": "access log",
                        "ordering": ["-at", "-id"],
                    },
                ),
            ],
        ),
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="at")),
                ("actor_label", models.CharField(max_length=150, verbose_name="by")),
                ("action", models.CharField(choices=[("create", "Created"), ("update", "Changed"), ("delete", "Deleted"), ("import", "Imported"), ("export", "Exported")], max_length=10, verbose_name="action")),
                ("object_id", models.PositiveBigIntegerField(blank=True, null=True)),
                ("object_label", models.CharField(blank=True, max_length=200, verbose_name="object")),
                ("before", models.JSONField(blank=True, default=dict, verbose_name="before")),
                ("after", models.JSONField(blank=True, default=dict, verbose_name="after")),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="user")),
                ("api_token", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="audit_events", to="contracts.organizationapitoken", verbose_name="API token")),
                ("content_type", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="contenttypes.contenttype")),
                ("organization", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="audit_events", to="portal.organization", verbose_name="organisation")),
                ("vendor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="audit_events", to="vendors.vendor", verbose_name="vendor")),
            ],
            options={
                "verbose_name": "audit event",
                "verbose_name_plural": "audit trail",
                "ordering": ["-at", "-id"],
                "get_latest_by": "at",
                "indexes": [models.Index(fields=["content_type", "object_id"], name="audit_event_object")],
            },
        ),
    ]
