"""Price benchmarks in releases: every category's publication is computed when a
release is made (disclosure.releases) and read from the current release after that.
Writes made since the release change nothing anyone is shown until the next one; an
organisation's own contract pages show its own data live."""

from django.conf import settings

from disclosure import releases
from disclosure.history import ShownSets
from disclosure.rules import Rules
from disclosure.statistics import Quantiles
from prices.facts import Sources
from prices.publication import build_publication, default_years, empty_publication
from vendors.models import ProductCategory

TOPIC = "prices"


# How far apart a main category's set and a subcategory's set may be and still clash.
SUBCATEGORY_REACH = 2


def produce(context):
    """(category id, publication) for every category, the contracts read once.

    A main category's figures are the sum of its subcategories', so the two can be
    subtracted: subcategories are published first, and a main category is checked
    against the sets its subcategories show now and showed in the window (``related``),
    as well as its own (dominant cells, shown to their contributors only, last: a
    subcategory's yield to its main category's). Against a subcategory the check is for
    sets that differ by one
    or two organisations (SUBCATEGORY_REACH): there the main category's values differ
    from the subcategory's for every organisation that also buys elsewhere in it, so
    only a group one organisation apart (two for that organisation itself, which sees
    figures without its own data) could isolate one organisation's value; the full
    distance would withhold most main-category cells of small groups."""

    rules = context.rules
    years = default_years(context.as_of, settings.PRICE_YEARS_BACK)
    # Subcategories before main categories (parent_id None sorts last).
    categories = sorted(ProductCategory.objects.all(), key=lambda c: c.parent_id is None)
    sources = Sources.load(
        [c.pk for c in categories], years, today=context.as_of, min_age_days=rules.min_age_days
    )
    histories = context.previous(TOPIC, "history") or {}
    kept = {}
    children = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.pk)
    publications = {}
    for category in categories:
        history = histories.get(category.pk, ShownSets()).within(context.window)
        related = [kept[child] for child in children.get(category.pk, ()) if child in kept]
        publications[category.pk] = build_publication(
            category,
            today=context.as_of,
            rules=rules,
            years=years,
            sources=sources,
            history=history,
            related=ShownSets.merged(related) if related else None,
            related_reach=SUBCATEGORY_REACH,
        )
        _record(history, publications[category.pk].shown_sets(), context.number)
        kept[category.pk] = history
    # Dominant cells are decided last across categories too: a subcategory's dominant
    # cell (shown to its contributors only) yields to its main category's cells.
    for category in categories:
        publication = publications[category.pk]
        parent = publications.get(category.parent_id)
        if parent is not None:
            near = parent.shown_sets(reasons=("", "dominant"))
            publication.withhold_dominant_near(near, SUBCATEGORY_REACH)
        _record(kept[category.pk], publication.shown_sets(reasons=("dominant",)), context.number)
        yield category.pk, publication
    yield "history", kept


def _record(history, shown, number):
    for group, found in shown.items():
        for members in found.values():
            history.add(group, number, members)


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
        rules=Rules.from_settings(),
        years=default_years(release.as_of, settings.PRICE_YEARS_BACK),
    )


class _NoRelease:
    """Before the first release every cell says so."""

    as_of = None

    def cell(self, key, viewer_organization=None):
        return Quantiles(code="no_release")

    def keys(self, *, published=True):
        return []


_EMPTY = _NoRelease()
