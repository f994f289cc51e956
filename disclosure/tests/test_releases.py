"""Releases out of turn and the differencing window."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from disclosure import releases
from disclosure.models import Release

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def fresh():
    releases.forget()
    yield
    releases.forget()


def test_a_release_out_of_turn_waits_for_the_minimum_gap(monkeypatch, settings):
    """Asked for three days after the latest release, a release out of turn waits;
    the daily ``publish_release --if-due`` makes it once seven days have passed, and a
    second request in between makes no second release."""
    settings.DISCLOSURE_MIN_RELEASE_GAP_DAYS = 7
    releases.publish(as_of=DAY, topics=[])
    monkeypatch.setattr(timezone, "localdate", lambda *a: DAY + timedelta(days=3))
    assert releases.request("deleted") is None
    assert releases.request("deleted again") is None
    call_command("publish_release", "--if-due")
    assert Release.objects.count() == 1
    monkeypatch.setattr(timezone, "localdate", lambda *a: DAY + timedelta(days=7))
    call_command("publish_release", "--if-due")
    assert Release.objects.count() == 2
    call_command("publish_release", "--if-due")  # the request was served
    assert Release.objects.count() == 2


def test_a_request_after_the_gap_is_served_at_once(settings):
    settings.DISCLOSURE_MIN_RELEASE_GAP_DAYS = 7
    releases.publish(as_of=timezone.localdate() - timedelta(days=8), topics=[])
    made = releases.request("deleted")
    assert made is not None and made.number == 2


def test_the_window_is_a_span_of_time_not_a_number_of_releases(settings):
    """Every release of the last DISCLOSURE_DIFFERENCING_DAYS days is in the window,
    however many there were; older ones are not."""
    settings.DISCLOSURE_DIFFERENCING_DAYS = 365
    releases.publish(as_of=DAY - timedelta(days=400), topics=[])
    for _ in range(20):
        releases.publish(as_of=DAY - timedelta(days=2), topics=[])
    window = releases.window_of(DAY, 22)
    assert window == frozenset(range(2, 23))
