"""Releases: every protected figure computed at once, stored, and served unchanged
until the next release.

Apps register a producer per topic in their AppConfig.ready():
``register("prices", produce)``, where ``produce(context)`` yields (key, value) pairs;
values are pickled. A producer may read the previous release's parts
(``context.previous(topic, key)``) to check its figures against what people may still
have (differencing over time)."""

import logging
import pickle
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from threading import Lock

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from disclosure.models import Release, ReleasePart, ReleaseRequest
from disclosure.rules import Rules

log = logging.getLogger(__name__)
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
    # The numbers of the releases in the differencing window: those of the last
    # DISCLOSURE_DIFFERENCING_DAYS days, this one included (disclosure.history).
    window: frozenset = frozenset({1})

    def previous(self, topic, key, default=None):
        """A part of the previous release; ``default`` when there is none, or when this
        version cannot read it (a class renamed since: the window starts afresh)."""
        if self.previous_release is None:
            return default
        try:
            return part(self.previous_release, topic, key, default)
        except (AttributeError, ImportError, pickle.UnpicklingError) as error:
            log.warning(
                "Release %s part %s/%s unreadable: %s", self.previous_release, topic, key, error
            )
            return default


def window_of(as_of, number):
    """The release numbers of the differencing window for release ``number`` of
    ``as_of``: every release of the last DISCLOSURE_DIFFERENCING_DAYS days, and it."""
    start = as_of - timedelta(days=settings.DISCLOSURE_DIFFERENCING_DAYS)
    earlier = Release.objects.filter(as_of__gt=start).values_list("number", flat=True)
    return frozenset(earlier) | {number}


def publish(*, as_of=None, topics=None, progress=None) -> Release:
    """Compute and store a new release. Readers keep seeing the previous one until this
    one is committed."""
    as_of = as_of or timezone.localdate()
    previous = Release.objects.order_by("-number").first()
    number = (previous.number if previous else 0) + 1
    context = Context(
        as_of=as_of,
        rules=Rules.from_settings(),
        previous_release=previous,
        number=number,
        window=window_of(as_of, number),
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


def parts(release, topic, keys, default=None):
    """{key: part} for many keys of one topic (as ``part``), in at most one query."""
    release = release or current()
    if release is None:
        return dict.fromkeys(keys, default)
    found, wanted = {}, []
    with _lock:
        for key in keys:
            cache_key = (release.pk, topic, str(key))
            if cache_key in _parts:
                found[key] = _parts[cache_key]
            else:
                wanted.append(key)
    if wanted:
        rows = ReleasePart.objects.filter(
            release=release, topic=topic, key__in=[str(key) for key in wanted]
        )
        unpacked = {row.key: row.unpack() for row in rows}
        with _lock:
            for key in wanted:
                found[key] = unpacked.get(str(key), default)
                _parts[(release.pk, topic, str(key))] = found[key]
            while len(_parts) > settings.DISCLOSURE_PARTS_IN_MEMORY:
                _parts.popitem(last=False)
    return found


def describe(release):
    """The release as pages and APIs name it (number, data date, publication time), or
    None before the first."""
    if release is None:
        return None
    return {
        "number": release.number,
        "as_of": release.as_of.isoformat(),
        "published_at": release.published_at.isoformat(),
    }


def is_due(today=None) -> bool:
    """Whether a release is due: none yet, the latest is DISCLOSURE_RELEASE_INTERVAL_DAYS
    old, or one was requested out of turn since the latest and the latest is at least
    DISCLOSURE_MIN_RELEASE_GAP_DAYS old."""
    latest = current()
    if latest is None:
        return True
    age = (today or timezone.localdate()) - latest.as_of
    if age >= timedelta(days=settings.DISCLOSURE_RELEASE_INTERVAL_DAYS):
        return True
    requested = ReleaseRequest.objects.filter(requested_at__gt=latest.published_at).exists()
    return requested and age >= timedelta(days=settings.DISCLOSURE_MIN_RELEASE_GAP_DAYS)


def request(reason) -> Release | None:
    """Ask for a release out of turn: made now when due (is_due), else by the next
    ``publish_release --if-due`` that finds it due. The new release, or None."""
    ReleaseRequest.objects.create(reason=reason[:200])
    cache.delete(CURRENT)
    return publish() if is_due() else None


def forget():
    """Drop what this process remembers (tests; after a release in the same process)."""
    cache.delete(CURRENT)
    with _lock:
        _parts.clear()
