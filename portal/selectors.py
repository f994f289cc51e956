"""Reads for the current user's organisations."""

from django.http import Http404

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


def administered_organization(user, slug):
    """The organisation ``slug`` if ``user`` administers it; a 404 otherwise (its admin
    pages do not tell others that it exists)."""
    organization = (
        organizations_for(user, "portal.administer_organization").filter(slug=slug).first()
    )
    if organization is None:
        raise Http404
    return organization


def is_policy_staff(user):
    """Whether ``user`` is a member of a policy body."""
    return bool(
        user.is_authenticated
        and Membership.objects.filter(
            user_id=getattr(user, "pk", None), organization__type=Organization.Type.POLICY_BODY
        ).exists()
    )
