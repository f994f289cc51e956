"""Data versions that key the cached benchmark publications.

Every write that can change a published figure bumps a version inside its own
transaction, so once the write commits no reader can use a publication computed
before it (see prices.versioning)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """A counter per scope: one per main product category ("family:<id>") for contract
    data, and "organisations" for organisations' sectors, provinces and sizes."""

    scope = models.CharField(_("scope"), max_length=40, unique=True)
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("benchmark data version")
        verbose_name_plural = _("benchmark data versions")

    def __str__(self):
        return f"{self.scope} v{self.version}"
