"""StreamField blocks for editorial pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"))

    class Meta:
        icon = "warning"
        template = "portal/blocks/callout.html"


class ContentBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"), form_classname="title", template="portal/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("paragraph"))
    callout = CalloutBlock(label=_("callout"))
