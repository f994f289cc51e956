from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Organization


class ContractAuditEvent(models.Model):
    """Who did what to which contract, and when: shown to the organisation's admins."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        IMPORT = "import", _("Imported")
        EXPORT = "export", _("Exported")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contract_audit_events"
    )
    # Kept (as a reference string) after the contract itself is deleted.
    contract = models.ForeignKey(
        "contracts.Contract",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    contract_reference = models.CharField(_("contract"), max_length=80, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_label = models.CharField(_("by"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contract audit event")
        verbose_name_plural = _("contract audit events")

    def __str__(self):
        return f"{self.get_action_display()} {self.contract_reference} ({self.actor_label})"


class AccessLogEntry(models.Model):
    """A read of sensitive data (a contract, benchmarks, an export, the market monitor),
    logged for the organisation whose data it was or whose user read it; the
    organisation's admins read the log."""

    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Contract page")
        CONTRACT_API = "contract_api", _("Contracts through the API")
        EXPORT = "export", _("Export")
        BENCHMARK = "benchmark", _("Price benchmarks")
        MARKET = "market", _("Market monitor")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_label = models.CharField(_("by"), max_length=150)
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    path = models.CharField(_("address"), max_length=500)
    # The reader's address as portal.client_address sees it (behind a trusted proxy: the
    # client's, not the proxy's).
    client_address = models.GenericIPAddressField(_("from"), null=True, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.actor_label}: {self.get_kind_display()} {self.subject}"
