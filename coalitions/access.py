"""Who sees and does what in a coalition. Organisations are members: the view
permission (guardian) goes to every active member organisation's group; a user acts for
an organisation in coalitions when their role there is procurement specialist,
organisation admin or coalition coordinator (Membership.COALITION_ROLES), and
coordinates when that organisation is an active coordinator. Private coalitions do not
exist for anyone else."""

from django.db.models import Q

from coalitions.models import Coalition, CoalitionMember
from portal.models import Membership, Organization
from portal.permissions import has_perm, objects_for_user, organizations_for

Status = CoalitionMember.Status
Role = CoalitionMember.Role


def public_coalitions():
    return (
        Coalition.objects.filter(visibility=Coalition.Visibility.PUBLIC)
        .prefetch_related("categories")
        .order_by("name")
    )


def visible_coalitions(user):
    own = objects_for_user(user, "coalitions.view_coalition", Coalition.objects.all())
    return Coalition.objects.filter(
        Q(visibility=Coalition.Visibility.PUBLIC) | Q(pk__in=own.values("pk"))
    ).order_by("name")


def is_member(user, coalition):
    return has_perm(user, "coalitions.view_coalition", coalition)


def editable_organizations(user):
    """Organisations for which ``user`` acts in coalitions, by their membership role."""
    if not (user.is_authenticated and user.is_active):
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user=user, memberships__role__in=Membership.COALITION_ROLES
    ).order_by("name")


def may_start_coalition(user):
    """Whether ``user`` may start a coalition: they act for an organisation in coalitions."""
    return editable_organizations(user).exists()


def is_coordinator(user, coalition):
    """Whether ``user`` acts for one of the coalition's active coordinating members."""
    return coalition.members.filter(
        role=Role.COORDINATOR,
        status=Status.ACTIVE,
        organization__in=editable_organizations(user),
    ).exists()


def visible_memberships(user, coalition):
    """The memberships ``user`` sees: a coordinator all of them (they invite and decide);
    other members the active members and their own organisation's invitation, request
    or departure, so no one learns whom else the coordinators invited or who declined
    (an AI-register coalition invites every organisation that showed interest)."""
    memberships = coalition.members.select_related("organization")
    if is_coordinator(user, coalition):
        return memberships
    own = Organization.objects.filter(memberships__user=user) if user.is_authenticated else []
    return memberships.filter(Q(status=Status.ACTIVE) | Q(organization__in=own))


def acting_membership(user, coalition):
    """The active membership through which ``user`` acts in ``coalition``, or None."""
    return (
        coalition.members.filter(
            status=Status.ACTIVE, organization__in=editable_organizations(user)
        )
        .select_related("organization")
        .order_by("role", "organization__name")  # a coordinating organisation first
        .first()
    )


def is_invited(user, coalition):
    return coalition.members.filter(
        status=Status.INVITED,
        organization__in=organizations_for(user, "portal.view_organization_contracts"),
    ).exists()


def may_see_summary(user, coalition):
    return (
        coalition.visibility == Coalition.Visibility.PUBLIC
        or is_member(user, coalition)
        or is_invited(user, coalition)
    )
