"""The public coalition directory: an editor's introduction above the list of public
coalitions, each with its public summary."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.page_text import EnglishText, bilingual_edit_handler


class CoalitionDirectoryPage(EnglishText, Page):
    intro = RichTextField(_("introduction"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = bilingual_edit_handler(content_panels, [FieldPanel("intro_en")])
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("intro_en")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("coalition directory")

    def get_context(self, request, *args, **kwargs):
        from coalitions.access import may_start_coalition, public_coalitions

        context = super().get_context(request, *args, **kwargs)
        context["coalitions"] = public_coalitions()
        context["may_start"] = may_start_coalition(request.user)
        return context

    def get_template(self, request, *args, **kwargs):
        return "coalitions/coalition_directory_page.html"
