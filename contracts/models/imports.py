from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contracts.storage import private_storage
from portal.models import Organization


def import_upload_path(instance, filename):
    return f"contract-imports/{instance.organization_id}/{filename}"


class ContractImport(models.Model):
    """One uploaded spreadsheet of contracts: kept with who uploaded it and when, with
    its progress and, when it was refused, the report of every bad row."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Imported")
        CHECKED = "checked", _("Checked, nothing saved (trial run)")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Failed; nothing was saved")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contract_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file = models.FileField(_("file"), upload_to=import_upload_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("trial run"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row", "column", "message"}]
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("contract import")
        verbose_name_plural = _("contract imports")

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in (
            self.Status.SUCCEEDED,
            self.Status.CHECKED,
            self.Status.REFUSED,
            self.Status.FAILED,
        )

    @property
    def percent_done(self):
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0
