"""Editorial pages in Dutch and English: each page holds its English text beside the
Dutch (Wagtail's own title and the page's fields), on an "English" tab of the editor.

The portal chooses the language by a cookie, not by URL, so one page with two sets of
fields is simpler for editors than Wagtail's translation trees (WAGTAIL_I18N_ENABLED,
a second tree per locale). A page shows its English text to English readers once it
has an English title; until then they see the Dutch text, marked ``lang="nl"``."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.models import Page


@dataclass
class PageText:
    title: str
    intro: object
    body: object
    lang: str


class EnglishText(models.Model):
    """Mixed into a Page model that declares ``intro_en`` (and ``body_en`` when it has
    a body) of the same kind as its Dutch ``intro`` and ``body``."""

    title_en = models.CharField(
        _("title (English)"),
        max_length=255,
        blank=True,
        help_text=_("English readers see the English text once this title is filled in."),
    )

    class Meta:
        abstract = True

    @property
    def text(self):
        """The title, introduction and body in the reader's language."""
        english = (get_language() or "nl").startswith("en") and self.title_en
        suffix, lang = ("_en", "en") if english else ("", "nl")
        return PageText(
            title=self.title_en if english else self.title,
            intro=getattr(self, "intro" + suffix, ""),
            body=getattr(self, "body" + suffix, None),
            lang=lang,
        )


def bilingual_edit_handler(dutch_panels, english_panels):
    """The editor's tabs: Dutch (Wagtail's title and the page's fields), English,
    then Wagtail's own promote and settings tabs."""
    return TabbedInterface(
        [
            ObjectList(dutch_panels, heading=_("Dutch")),
            ObjectList([FieldPanel("title_en"), *english_panels], heading=_("English")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
