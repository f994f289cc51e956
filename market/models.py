from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.page_text import EnglishText, bilingual_edit_handler


class MarketBalancePage(EnglishText, Page):
    """The public market-balance page: concentration per category (by number of
    customers, the measure anyone may see, per vendor group) with its largest group and
    the ten-year trend, below an editor's introduction."""

    intro = RichTextField(_("introduction"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = bilingual_edit_handler(content_panels, [FieldPanel("intro_en")])
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("intro_en")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("market balance page")

    def get_context(self, request, *args, **kwargs):
        from market.charts import balance_figure
        from market.compute import public_overview
        from market.tables import band_label, members_text, percent

        context = super().get_context(request, *args, **kwargs)
        rows = public_overview()
        for row in rows:
            row["band_label"] = band_label(row["eu_band"])
            row["cr4_percent"] = percent(row["cr4"])
            if row.get("largest"):
                largest = row["largest"]
                largest["percent"] = percent(largest["share"])
                largest["members_text"] = members_text(largest["members"])
        context["categories"] = rows
        main = [row for row in rows if row["main"]]
        context["chart"] = balance_figure(main)
        # The chart's text alternative: the same HHI per main category and year.
        context["chart_years"] = [t["year"] for t in main[0]["trend"]] if main else []
        context["chart_rows"] = [
            {"name": r["name"], "hhi": [t["hhi"] for t in r["trend"]]} for r in main
        ]
        return context
