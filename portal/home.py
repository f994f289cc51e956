"""The home page's figures. The directory's counts are the portal's own; the apps that
own other data add theirs (``register_figures`` in their AppConfig.ready), so the
portal core imports none of them."""

from django.db.models import Count

from portal.models import Organization

_sources = []


def register_figures(source):
    """``source()`` returns a dict of figures for the home page."""
    if source not in _sources:
        _sources.append(source)


def home_figures():
    by_type = dict(
        Organization.objects.values_list("type").annotate(n=Count("id")).values_list("type", "n")
    )
    figures = {
        "care_providers": by_type.get(Organization.Type.CARE_PROVIDER, 0),
        "organizations": sum(by_type.values()),
    }
    for source in _sources:
        figures.update(source())
    return figures
