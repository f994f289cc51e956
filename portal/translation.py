"""Pick the Dutch or English text of bilingual reference data."""

from django.utils.translation import get_language


def localized(dutch, english):
    """The English text when the active language is English and one exists, else Dutch."""
    if english and (get_language() or "nl").startswith("en"):
        return english
    return dutch
