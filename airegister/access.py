"""Who may see and keep which part of the AI register: the one access check the pages,
the API, the export and the menu use."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from airegister.models import AIApplication
from portal.models import Organization
from portal.permissions import has_perm, objects_for_user, organizations_for

VIEW = "airegister.view_aiapplication"
CHANGE = "airegister.change_aiapplication"
DELETE = "airegister.delete_aiapplication"


def register_organizations(user):
    """The care providers whose register ``user`` reads: those the user is a member of."""
    return organizations_for(user, "portal.view_organization_contracts").filter(
        type=Organization.Type.CARE_PROVIDER
    )


def editable_organizations(user):
    """The care providers whose register ``user`` keeps (procurement specialists and
    organisation admins)."""
    return organizations_for(user, "portal.manage_organization_contracts").filter(
        type=Organization.Type.CARE_PROVIDER
    )


def may_see_register(user):
    return register_organizations(user).exists()


def visible_applications(user, queryset=None):
    """The applications of ``queryset`` (all by default) that ``user`` may read."""
    queryset = AIApplication.objects.all() if queryset is None else queryset
    return objects_for_user(user, VIEW, queryset)


def application_for(user, pk, perm=VIEW):
    """The application ``pk`` if ``user`` holds ``perm`` on it; a 404 otherwise, so its
    existence is not revealed."""
    application = get_object_or_404(
        AIApplication.objects.select_related("organization", "vendor", "product"), pk=pk
    )
    if not has_perm(user, VIEW, application) or (
        perm != VIEW and not has_perm(user, perm, application)
    ):
        raise Http404
    return application
