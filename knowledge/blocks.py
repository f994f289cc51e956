"""StreamField blocks of the knowledge base."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class GlossaryTermBlock(blocks.StructBlock):
    """One term of the glossary, in Dutch and English."""

    term = blocks.CharBlock(label=_("term (Dutch)"))
    definition = blocks.TextBlock(label=_("definition (Dutch)"))
    term_en = blocks.CharBlock(label=_("term (English)"), required=False)
    definition_en = blocks.TextBlock(label=_("definition (English)"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("term")


class GlossaryBlocks(blocks.StreamBlock):
    term = GlossaryTermBlock()
