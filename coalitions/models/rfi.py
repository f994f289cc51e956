"""Requests for information: a coalition's coordinators invite vendors to answer its
requirements. A vendor sees the requirements and its own answers, nothing else."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalitions.models.core import Coalition
from coalitions.models.work import Requirement
from vendors.models import Vendor


class VendorRequest(models.Model):
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="vendor_requests"
    )
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="coalition_requests")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["coalition", "vendor__name"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "vendor"], name="one_request_per_vendor")
        ]
        verbose_name = _("vendor request")
        verbose_name_plural = _("vendor requests")

    def __str__(self):
        return f"{self.coalition} → {self.vendor}"


class VendorAnswer(models.Model):
    class Answer(models.TextChoices):
        COMPLIES = "complies", _("Complies")
        PARTLY = "partly", _("Partly")
        NO = "no", _("Does not comply")

    request = models.ForeignKey(VendorRequest, on_delete=models.CASCADE, related_name="answers")
    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="vendor_answers"
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    comment = models.TextField(_("comment"), max_length=3000, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "requirement"], name="one_answer_per_requirement"
            )
        ]

    def __str__(self):
        return f"{self.request}: {self.requirement_id} {self.answer}"
