"""Releases: every protected figure computed at once, stored, and served unchanged
until the next release.

Apps register a producer per topic in their AppConfig.ready():
``register("prices", produce)``, where ``produce(context)`` yields (key, value) pairs;
values are pickled. A producer may read the previous release's parts
(``context.previous(topic, key)``) to check its figures against what people may still
have (differencing over time)."""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from threading import Lock

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from disclosure.models import Release, ReleasePart
from disclosure.rules import Rules

_producers = {}
_parts = OrderedDict()  # (release id, topic, key) -> unpacked value, most recent last
_lock = Lock()
CURRENT = "disclosure:current-release"
_MISSING = object()


def register(topic, producer):
    _producers[topic] = producer


@dataclass
class Context:
    as_of: date
    rules: Rules
    previous_release: Release | None
    number: int = 1  # the number the new release will have

    def previous(self, topic, key, default=None):
        if self.previous_release is None:
            return default
        return part(self.previous_release, topic, key, default)


def publish(*, as_of=None, topics=None, progress=None) -> Release:
    """Compute and store a new release. Readers keep seeing the previous one until this
    one is committed."""
    as_of = as_of or timezone.localdate()
    previous = Release.objects.order_by("-number").first()
    number = (previous.number if previous else 0) + 1
    context = Context(
        as_of=as_of, rules=Rules.from_settings(), previous_release=previous, number=number
    )
    with transaction.atomic():
        release = Release.objects.create(number=number, as_of=as_of)
        summary = {}
        for topic, producer in _producers.items():
            if topics and topic not in topics:
                continue
            count = 0
            for key, value in producer(context):
                ReleasePart.objects.create(
                    release=release, topic=topic, key=str(key), payload=ReleasePart.pack(value)
                )
                count += 1
            summary[topic] = count
            if progress:
                progress(topic, count)
        release.summary = summary
        release.save(update_fields=["summary"])
        _prune(release)
        transaction.on_commit(lambda: cache.delete(CURRENT))
    cache.delete(CURRENT)
    return release


def _prune(release):
    """Keep the payloads of the releases that the next one is checked against."""
    kept = settings.DISCLOSURE_RELEASES_KEPT
    old = Release.objects.filter(number__lte=release.number - kept)
    ReleasePart.objects.filter(release__in=old).delete()


def current() -> Release | None:
    """The latest release (looked up at most every few seconds per process)."""
    found = cache.get(CURRENT, _MISSING)
    if found is _MISSING:
        found = Release.objects.order_by("-number").first()
        cache.set(CURRENT, found, timeout=settings.DISCLOSURE_CURRENT_CACHE_SECONDS)
    return found


def part(release, topic, key, default=None):
    """One part of ``release`` (None: the current release), unpacked once per process."""
    release = release or current()
    if release is None:
        return default
    cache_key = (release.pk, topic, str(key))
    with _lock:
        if cache_key in _parts:
            _parts.move_to_end(cache_key)
            return _parts[cache_key]
    row = ReleasePart.objects.filter(release=release, topic=topic, key=str(key)).first()
    value = default if row is None else row.unpack()
    with _lock:
        _parts[cache_key] = value
        while len(_parts) > settings.DISCLOSURE_PARTS_IN_MEMORY:
            _parts.popitem(last=False)
    return value


def is_due(today=None) -> bool:
    latest = current()
    today = today or timezone.localdate()
    interval = timedelta(days=settings.DISCLOSURE_RELEASE_INTERVAL_DAYS)
    return latest is None or today - latest.as_of >= interval


def forget():
    """Drop what this process remembers (tests; after a release in the same process)."""
    cache.delete(CURRENT)
    with _lock:
        _parts.clear()
