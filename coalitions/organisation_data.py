"""An organisation's coalition memberships, in its data download and its deletion
(portal.organisation_data)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from coalitions.models import CoalitionMember
from coalitions.services import revoke_access
from portal.organisation_data import DataHolder

ACTIVE = CoalitionMember.Status.ACTIVE


def export(organization):
    return list(
        organization.coalition_memberships.values(
            "coalition__name", "coalition__slug", "role", "status", "created_at"
        )
    )


def count(organization):
    return organization.coalition_memberships.count()


def blocking(organization):
    """A coalition the organisation coordinates alone keeps it from leaving."""
    coordinator = CoalitionMember.Role.COORDINATOR
    names = []
    for membership in organization.coalition_memberships.filter(
        status=ACTIVE, role=coordinator
    ).select_related("coalition"):
        others = membership.coalition.members.filter(status=ACTIVE).exclude(pk=membership.pk)
        if others.exists() and not others.filter(role=coordinator).exists():
            names.append(membership.coalition.name)
    if not names:
        return []
    return [_("Hand over the coordination of %(names)s first.") % {"names": ", ".join(names)}]


def counted_in_release(organization, release):
    """An active (not observing) membership decided before the release was published."""
    joined = Q(decided_at__lt=release.published_at) | Q(
        decided_at__isnull=True, created_at__lt=release.published_at
    )
    return (
        organization.coalition_memberships.filter(joined, status=ACTIVE)
        .exclude(role=CoalitionMember.Role.OBSERVER)
        .exists()
    )


def delete(organization):
    for membership in organization.coalition_memberships.select_related("coalition"):
        revoke_access(membership)
    organization.coalition_memberships.all().delete()


HOLDER = DataHolder(
    key="coalition_memberships",
    export=export,
    count=count,
    delete=delete,
    blocking=blocking,
    counted_in_release=counted_in_release,
)
