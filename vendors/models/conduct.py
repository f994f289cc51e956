"""What a vendor says and signs: replies to its scores and signatures under the code of
conduct. (Changes its representatives make are in the audit trail, portal.AuditEvent.)"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vendors.models.catalogue import Vendor


class VendorReply(models.Model):
    """The vendor's right of reply to its scores, shown beside them with its date. The
    latest one is shown; earlier ones are kept."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="replies", verbose_name=_("vendor")
    )
    text = models.TextField(_("reply"), max_length=3000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        verbose_name = _("reply to scores")
        verbose_name_plural = _("replies to scores")

    def __str__(self):
        return f"{self.vendor} ({self.published_at:%Y-%m-%d})"


class CodeOfConductSignature(models.Model):
    """A vendor's signature under the code of conduct (a Wagtail page): who and when,
    and which revision of the text was signed."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("vendor")
    )
    page = models.ForeignKey(
        "portal.CodeOfConductPage", on_delete=models.PROTECT, related_name="signatures"
    )
    revision_id = models.PositiveIntegerField(_("revision signed"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signer_name = models.CharField(_("signed by"), max_length=200)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "page"], name="one_signature_per_code")
        ]
        verbose_name = _("code of conduct signature")
        verbose_name_plural = _("code of conduct signatures")

    def __str__(self):
        return f"{self.vendor} ({self.signed_at:%Y-%m-%d})"
