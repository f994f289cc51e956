"""Links from where users need help to the page that explains it. The explanations are
Wagtail pages of a higher app (knowledge); the apps below it (contracts) ask here, and
the knowledge app fills the registry in its AppConfig.ready (the pattern of
portal.start), so no lower app imports a higher one."""

_clause_help = []


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
