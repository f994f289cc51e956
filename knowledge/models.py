"""The procurement knowledge base: guides, the lock-in clause library and a glossary,
written and translated by editors in Wagtail (Dutch and English on one page, as the
other editorial pages: portal.page_text)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from knowledge.blocks import GlossaryBlocks
from portal.blocks import ContentBlocks
from portal.help_links import GUIDE_TOPICS
from portal.page_text import EnglishText, bilingual_edit_handler

TEXT_FIELDS = ("intro", "body", "title_en", "intro_en", "body_en")


class KnowledgePage(EnglishText, Page):
    """What every knowledge-base page shares: an introduction, the English text and the
    text the site search takes beside the introduction and body (search_extra_text)."""

    class Meta:
        abstract = True

    @property
    def english(self):
        return self.text.lang == "en"

    def in_reader_language(self, name):
        """The field ``name`` in the reader's language (its ``_en`` twin for English
        readers, when filled in)."""
        if self.english and getattr(self, name + "_en", None):
            return getattr(self, name + "_en")
        return getattr(self, name)

    def search_extra_text(self, suffix):
        """Text beyond intro and body that the site search indexes (search.documents)."""
        return ""


class KnowledgeIndexPage(KnowledgePage):
    """The knowledge base's front page: the guides, the clause library and the glossary."""

    intro = RichTextField(_("introduction"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = bilingual_edit_handler(content_panels, [FieldPanel("intro_en")])
    search_fields = Page.search_fields + [
        index.SearchField(name) for name in ("intro", "title_en", "intro_en")
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.GuidePage", "knowledge.ClauseLibraryPage", "knowledge.GlossaryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        context["guides"] = [p for p in children if isinstance(p, GuidePage)]
        context["libraries"] = [p for p in children if isinstance(p, ClauseLibraryPage)]
        context["glossaries"] = [p for p in children if isinstance(p, GlossaryPage)]
        return context


class GuidePage(KnowledgePage):
    """A guide for procurement staff, e.g. how to buy together or read a benchmark."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))
    help_topic = models.CharField(
        _("linked from"),
        max_length=20,
        blank=True,
        choices=GUIDE_TOPICS,
        help_text=_("The portal links this guide from these pages while it is live."),
    )
    intro_en = models.CharField(_("introduction (English)"), max_length=300, blank=True)
    body_en = StreamField(ContentBlocks(), blank=True, verbose_name=_("body (English)"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("help_topic"),
    ]
    edit_handler = bilingual_edit_handler(
        content_panels, [FieldPanel("intro_en"), FieldPanel("body_en")]
    )
    search_fields = Page.search_fields + [index.SearchField(name) for name in TEXT_FIELDS]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")


class ClauseLibraryPage(KnowledgePage):
    """The lock-in clause library: one explanation page per clause below it."""

    intro = RichTextField(_("introduction"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = bilingual_edit_handler(content_panels, [FieldPanel("intro_en")])
    search_fields = Page.search_fields + [
        index.SearchField(name) for name in ("intro", "title_en", "intro_en")
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.ClausePage"]
    max_count = 1

    class Meta:
        verbose_name = _("clause library")

    def get_context(self, request, *args, **kwargs):
        from knowledge.shares import clause_shares

        context = super().get_context(request, *args, **kwargs)
        pages = self.get_children().live().public().specific()
        shares = clause_shares()
        context["shares"] = shares
        context["clause_pages"] = sorted(
            ((page, shares["by_code"].get(page.clause.code)) for page in pages),
            key=lambda entry: (entry[0].clause.sort_order, entry[0].clause.code),
        )
        return context


class ClausePage(KnowledgePage):
    """The explanation of one lock-in clause (contracts.LockInClause): why it matters, a
    model wording written for the portal, and how many contracts have it."""

    clause = models.ForeignKey(
        "contracts.LockInClause",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lock-in clause"),
    )
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("why it matters"))
    model_wording = RichTextField(
        _("model wording"),
        blank=True,
        help_text=_("The portal's own model text for the clause, to adapt to the contract."),
    )
    intro_en = models.CharField(_("introduction (English)"), max_length=300, blank=True)
    body_en = StreamField(ContentBlocks(), blank=True, verbose_name=_("why it matters (English)"))
    model_wording_en = RichTextField(_("model wording (English)"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("clause"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("model_wording"),
    ]
    edit_handler = bilingual_edit_handler(
        content_panels,
        [FieldPanel("intro_en"), FieldPanel("body_en"), FieldPanel("model_wording_en")],
    )
    search_fields = Page.search_fields + [
        index.SearchField(name) for name in (*TEXT_FIELDS, "model_wording", "model_wording_en")
    ]
    parent_page_types = ["knowledge.ClauseLibraryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("clause page")

    def clean(self):
        super().clean()
        if self.clause_id is None:
            return
        taken = ClausePage.objects.filter(clause_id=self.clause_id).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError({"clause": _("This clause already has its own page.")})

    def get_context(self, request, *args, **kwargs):
        from knowledge.shares import clause_shares

        context = super().get_context(request, *args, **kwargs)
        shares = clause_shares()
        context["shares"] = shares
        context["share"] = shares["by_code"].get(self.clause.code)
        return context

    @property
    def wording(self):
        """The model wording in the reader's language."""
        return self.in_reader_language("model_wording")

    def search_extra_text(self, suffix):
        wording = getattr(self, "model_wording" + suffix) or self.model_wording
        return strip_tags(wording)


class GlossaryPage(KnowledgePage):
    """Terms of care-ICT procurement with their meaning, in Dutch and English."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    terms = StreamField(GlossaryBlocks(), blank=True, verbose_name=_("terms"))
    intro_en = models.CharField(_("introduction (English)"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("terms")]
    edit_handler = bilingual_edit_handler(content_panels, [FieldPanel("intro_en")])
    search_fields = Page.search_fields + [
        index.SearchField(name) for name in ("intro", "terms", "title_en", "intro_en")
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("glossary")

    def entries(self):
        """(term, definition, lang) per term in the reader's language, by term."""
        found = []
        for block in self.terms:
            term = block.value
            english = self.english and term["term_en"] and term["definition_en"]
            if english:
                found.append((term["term_en"], term["definition_en"], "en"))
            else:
                found.append((term["term"], term["definition"], "nl"))
        return sorted(found, key=lambda entry: entry[0].casefold())

    def search_extra_text(self, suffix):
        parts = []
        for block in self.terms:
            term = block.value
            if suffix and term["term_en"]:
                parts += [term["term_en"], term["definition_en"]]
            else:
                parts += [term["term"], term["definition"]]
        return " ".join(parts)
