"""Logging sensitive reads for the organisation's admins (contracts/admin_views.py)."""

from contracts.models import AccessLogEntry
from portal.models import Organization

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
    )


def log_read_for_user(request, kind, subject="", organization=None):
    """Log under ``organization`` or else every organisation the user belongs to (a
    policy analyst's policy body, say)."""
    if organization is not None:
        log_read(request, organization, kind, subject)
        return
    for own in Organization.objects.filter(memberships__user_id=request.user.pk):
        log_read(request, own, kind, subject)
