"""Reads for the current user's organisations."""

from portal.models import Membership, Organization
from portal.permissions import organizations_for


def memberships_of(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organization")


def care_providers_for(user):
    """The care providers whose contracts ``user`` may view, as whose member the user
    sees published figures."""
    return organizations_for(user, "portal.view_organization_contracts").filter(
        type=Organization.Type.CARE_PROVIDER
    )
