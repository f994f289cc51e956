"""Price benchmarks in releases: every category's publication is computed when a
release is made (disclosure.releases) and read from the current release after that.
Writes made since the release change nothing anyone is shown until the next one; an
organisation's own contract pages show its own data live."""

from django.conf import settings

from disclosure import releases
from prices.facts import Sources
from prices.publication import build_publication, default_years, empty_publication

TOPIC = "prices"


def produce(context):
    """(category id, publication) for every category, the contracts read once."""
    from vendors.models import ProductCategory

    rules = context.rules
    years = default_years(context.as_of, settings.PRICE_YEARS_BACK)
    categories = list(ProductCategory.objects.all())
    sources = Sources.load(
        [c.pk for c in categories], years, today=context.as_of, min_age_days=rules.min_age_days
    )
    for category in categories:
        yield category.pk, build_publication(
            category,
            today=context.as_of,
            rules=rules,
            years=years,
            sources=sources,
            previous=context.previous(TOPIC, category.pk),
        )


def publication_for(category):
    """The category's publication in the current release (empty before the first)."""
    found = releases.part(None, TOPIC, category.pk)
    if found is not None:
        return found
    release = releases.current()
    if release is None:
        return _EMPTY
    return empty_publication(
        category.pk,
        today=release.as_of,
        rules=found.rules if found else _rules(),
        years=default_years(release.as_of, settings.PRICE_YEARS_BACK),
    )


def _rules():
    from disclosure.rules import Rules

    return Rules.from_settings()


class _NoRelease:
    """Before the first release every cell says so."""

    as_of = None

    def cell(self, key, viewer_organization=None):
        from disclosure.statistics import Quantiles

        return Quantiles(code="no_release")

    def keys(self, *, published=True):
        return []


_EMPTY = _NoRelease()
