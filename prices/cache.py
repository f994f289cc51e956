"""Publications cached per category, keyed by the data versions they were built from,
the day (the age rule moves with the calendar) and the disclosure rules.

A write bumps a version in its own transaction (prices.versioning), so the first read
after it builds a new publication: nobody is shown a figure from data that has changed
or gone. Two layers: this process (no unpickling on the hot path) and Django's cache
(shared by the web processes when it is Redis, as in production)."""

from collections import OrderedDict
from threading import Lock

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from prices.disclosure import Rules
from prices.facts import Sources
from prices.publication import build_publication, default_years
from prices.versioning import versions

_local = OrderedDict()
_lock = Lock()


def _cache_key(category, today, rules):
    family, organisations = versions(category)
    return (
        f"prices:v1:{category.pk}:{family}:{organisations}:{today.isoformat()}:"
        f"{rules.min_organisations}:{rules.max_share}:{rules.min_for_tails}:{rules.min_age_days}"
    )


def publication_for(category, *, today=None, rules=None):
    today = today or timezone.localdate()
    rules = rules or Rules.from_settings()
    key = _cache_key(category, today, rules)
    with _lock:
        if key in _local:
            _local.move_to_end(key)
            return _local[key]
    publication = cache.get(key)
    if publication is None:
        years = default_years(today, settings.PRICE_YEARS_BACK)
        publication = build_publication(category, today=today, rules=rules, years=years)
        cache.set(key, publication, timeout=24 * 3600)
    with _lock:
        _local[key] = publication
        while len(_local) > settings.PRICE_PUBLICATIONS_IN_MEMORY:
            _local.popitem(last=False)
    return publication


def refresh_all(*, today=None, rules=None, progress=None):
    """Build (or find) the publication of every category, reading the contracts once;
    returns the number of publications built. For a nightly warm-up: the age rule moves
    the figures every day."""
    from vendors.models import ProductCategory

    today = today or timezone.localdate()
    rules = rules or Rules.from_settings()
    years = default_years(today, settings.PRICE_YEARS_BACK)
    categories = list(ProductCategory.objects.all())
    sources = None
    built = 0
    for done, category in enumerate(categories, start=1):
        key = _cache_key(category, today, rules)
        if cache.get(key) is None:
            if sources is None:
                sources = Sources.load(
                    [c.pk for c in categories], years, today=today, min_age_days=rules.min_age_days
                )
            publication = build_publication(
                category, today=today, rules=rules, years=years, sources=sources
            )
            cache.set(key, publication, timeout=24 * 3600)
            built += 1
        if progress:
            progress(done, len(categories))
    return built


def clear_local():
    with _lock:
        _local.clear()
