"""Data versions that key the cached benchmark publications.

Every write that can change a published figure bumps a version inside its own
transaction, so once the write commits no reader can use a publication computed
before it (see prices.versioning)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


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


class MarketBalancePage(Page):
    """The public market-balance page: concentration per category (by number of
    customers, the measure anyone may see) and its ten-year trend, below an editor's
    introduction."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("market balance page")

    def get_template(self, request, *args, **kwargs):
        return "prices/monitor/market_balance_page.html"

    def get_context(self, request, *args, **kwargs):
        from prices.monitor.compute import public_overview
        from prices.monitor.tables import band_label, percent

        context = super().get_context(request, *args, **kwargs)
        rows = public_overview()
        for row in rows:
            row["band_label"] = band_label(row["eu_band"])
            row["cr4_percent"] = percent(row["cr4"])
        context["categories"] = rows
        context["chart"] = [{"name": r["name"], "trend": r["trend"]} for r in rows if r["main"]]
        return context
