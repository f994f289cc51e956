from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Organization
from vendors.models import ProductCategory, Vendor


class VendorSwitch(models.Model):
    """A care provider moved a category to another vendor: a contract followed by one
    with a different vendor. Feeds the market monitor's switching rate."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="vendor_switches"
    )
    category = models.ForeignKey(ProductCategory, on_delete=models.PROTECT, related_name="+")
    from_vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="+")
    to_vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="+")
    from_contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_contract = models.OneToOneField(
        "contracts.Contract", on_delete=models.CASCADE, related_name="switch"
    )
    switch_date = models.DateField(_("switch date"))
    migration_cost = models.DecimalField(
        _("migration cost (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    migration_months = models.PositiveSmallIntegerField(
        _("migration duration (months)"), null=True, blank=True
    )

    class Meta:
        ordering = ["-switch_date"]
        verbose_name = _("vendor switch")
        verbose_name_plural = _("vendor switches")

    def __str__(self):
        return f"{self.organization}: {self.from_vendor} → {self.to_vendor} ({self.category})"
