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


# --- Scale up together: what care providers see of each other's shared applications ---


def may_find_shared(user):
    """Members of care providers find the applications other care providers share; other
    roles (vendors, policy staff, associations) and visitors do not, as for the register."""
    return may_see_register(user)


def shared_applications():
    return AIApplication.objects.filter(shared=True)


def shared_application_for(user, pk):
    """The shared application ``pk`` for a care provider's member; a 404 when it is not
    shared (unmarking hides it at once) or the user may not find shared applications."""
    if not may_find_shared(user):
        raise Http404
    return get_object_or_404(
        shared_applications().select_related("organization", "vendor", "product", "coalition"),
        pk=pk,
    )


def application_with_own_interest(user, pk):
    """The application ``pk`` in which one of the user's organisations showed interest,
    shared or no longer: interest can be withdrawn after the owner unshared it. A 404
    otherwise (nothing about an unshared application is revealed)."""
    if not may_find_shared(user) or not str(pk).isdigit():  # the API's pk is any text
        raise Http404
    return get_object_or_404(
        AIApplication.objects.filter(interests__organization__in=editable_organizations(user))
        .select_related("organization")
        .distinct(),
        pk=pk,
    )


def interested_organizations_for(user, application):
    """The care providers for which ``user`` may express interest in ``application``: those
    the user keeps the register of (procurement specialists, admins), not its owner."""
    return editable_organizations(user).exclude(pk=application.organization_id)
