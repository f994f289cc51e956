"""Search documents for organisations (public facts only) and live Wagtail pages."""

from django.utils.html import strip_tags
from django_elasticsearch_dsl.registries import registry
from wagtail.models import Page

from portal.models import Organization
from search.documents.base import INDEX_SETTINGS, PortalDocument, index_name


@registry.register_document
class OrganizationDocument(PortalDocument):
    KIND = "organization"

    class Index:
        name = index_name("organizations")
        settings = INDEX_SETTINGS

    class Django:
        model = Organization
        queryset_pagination = 1000

    def prepare_title(self, organization):
        return organization.name

    def prepare_body(self, organization):
        return " ".join(
            str(label)
            for label in (
                organization.get_type_display(),
                organization.get_sector_display(),
                organization.get_province_display(),
            )
            if label
        )

    def prepare_sector(self, organization):
        return organization.sector or None

    def prepare_province(self, organization):
        return organization.province or None


@registry.register_document
class PageDocument(PortalDocument):
    KIND = "page"

    class Index:
        name = index_name("pages")
        settings = INDEX_SETTINGS

    class Django:
        model = Page

    def get_queryset(self):
        # Live, publicly visible pages only; the root page is no content.
        return Page.objects.live().public().filter(depth__gt=1).specific()

    def prepare_title(self, page):
        return page.title

    def prepare_body(self, page):
        return self._text(page, "")

    def prepare_title_en(self, page):
        return getattr(page.specific, "title_en", "") or page.title

    def prepare_body_en(self, page):
        """The English text once the page has one (portal.page_text), else the Dutch."""
        return self._text(page, "_en" if getattr(page.specific, "title_en", "") else "")

    def _text(self, page, suffix):
        page = page.specific
        parts = [getattr(page, "intro" + suffix, "") or "", page.search_description or ""]
        body = getattr(page, "body" + suffix, None)
        if body is not None:
            parts.append(" ".join(str(block.render_as_block()) for block in body))
        # Text a page keeps outside intro and body (knowledge base: model wordings,
        # glossary terms).
        if hasattr(page, "search_extra_text"):
            parts.append(page.search_extra_text(suffix))
        return strip_tags(" ".join(str(p) for p in parts))

    def prepare_url(self, page):
        return page.url or ""

    def prepare_date(self, page):
        return page.last_published_at
