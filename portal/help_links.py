"""Links from where users need help to the page that explains it. The explanations are
Wagtail pages of a higher app (knowledge); the apps below it (contracts) ask here, and
the knowledge app fills the registry in its AppConfig.ready (the pattern of
portal.start), so no lower app imports a higher one."""

from django.utils.translation import gettext_lazy as _

_clause_help = []
_guide_help = []

# The places that link a guide, by topic; an editor picks a guide's topic in the CMS.
GUIDE_TOPICS = [
    ("joint_purchase", _("Buying together (coalition pages)")),
    ("benchmark", _("Reading a benchmark (price pages)")),
    ("exit_plan", _("An exit plan (contract pages)")),
]


def register_clause_help(lookup):
    """``lookup()`` returns {clause code: URL of its live explanation page}."""
    if all(existing is not lookup for existing in _clause_help):
        _clause_help.append(lookup)


def clause_help_urls():
    """{clause code: URL} of every clause that has a live explanation page."""
    urls = {}
    for lookup in _clause_help:
        for code, url in lookup().items():
            urls.setdefault(code, url)
    return urls


def clause_help_url(code):
    """The URL of the clause's explanation page, or "" when it has none (yet)."""
    return clause_help_urls().get(code, "")


def register_guide_help(lookup):
    """``lookup()`` returns {topic: (title, URL)} of the live guide for each topic."""
    if all(existing is not lookup for existing in _guide_help):
        _guide_help.append(lookup)


def guide_for(topic):
    """(title, URL) of the live guide on ``topic`` (GUIDE_TOPICS), or None."""
    for lookup in _guide_help:
        if found := lookup().get(topic):
            return found
    return None
