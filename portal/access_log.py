"""Logging sensitive reads for the organisation's admins (the access log page), and
forgetting them after ACCESS_LOG_RETENTION_DAYS (the log holds personal data: who read
what, when)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from portal.client_address import UNKNOWN, client_address
from portal.models import AccessLogEntry, Organization

Kind = AccessLogEntry.Kind


def _label(user):
    if not getattr(user, "is_authenticated", False):
        return "?"
    return user.get_username()


def log_read(request, organization, kind, subject=""):
    user = request.user if getattr(request.user, "pk", None) else None
    AccessLogEntry.objects.create(
        organization=organization,
        user=user if hasattr(user, "_meta") else None,
        actor_label=_label(request.user)[:150],
        kind=kind,
        subject=str(subject)[:200],
        path=request.get_full_path()[:500],
        client_address=None if (address := client_address(request)) == UNKNOWN else address,
    )


def log_read_for_user(request, kind, subject="", organization=None):
    """Log under ``organization`` or else every organisation the user belongs to (a
    policy analyst's policy body, say)."""
    if organization is not None:
        log_read(request, organization, kind, subject)
        return
    for own in Organization.objects.filter(memberships__user_id=request.user.pk):
        log_read(request, own, kind, subject)


def purge_old_entries(*, now=None, batch_size=10_000):
    """Delete entries older than the retention period, in batches so that no single
    statement holds the table for long. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    old = AccessLogEntry.objects.filter(at__lt=cutoff).order_by()
    deleted = 0
    while ids := list(old.values_list("pk", flat=True)[:batch_size]):
        deleted += AccessLogEntry.objects.filter(pk__in=ids).delete()[0]
    return deleted
