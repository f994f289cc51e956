"""The one place where permission checks are made.

An organisation's confidential data (its contracts, audit trail and API tokens) is for
its own members only: for models that set ``MEMBERS_ONLY = True`` and for the
organisation-level permissions below, the object permission must be granted to one of
the user's groups, and a superuser does not bypass it."""

from guardian.shortcuts import get_objects_for_user

MEMBERS_ONLY_PERMISSIONS = frozenset(
    {
        "portal.view_organization_contracts",
        "portal.manage_organization_contracts",
        "portal.administer_organization",
    }
)


def _members_only(perm, model):
    return perm in MEMBERS_ONLY_PERMISSIONS or getattr(model, "MEMBERS_ONLY", False)


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def has_perm(user, perm, obj=None):
    if not _active(user):
        return False
    if obj is not None and _members_only(perm, type(obj)):
        return get_objects_for_user(
            user,
            perm,
            klass=type(obj).objects.filter(pk=obj.pk),
            with_superuser=False,
            accept_global_perms=False,
        ).exists()
    return user.has_perm(perm, obj)


def objects_for_user(user, perm, queryset):
    """The objects of ``queryset`` on which ``user`` holds ``perm``."""
    if not _active(user):
        return queryset.none()
    return get_objects_for_user(
        user,
        perm,
        klass=queryset,
        with_superuser=not _members_only(perm, queryset.model),
        accept_global_perms=False,
    )


def organizations_for(user, perm):
    """Organisations on which ``user`` holds an organisation-level ``perm``."""
    from portal.models import Organization

    return objects_for_user(user, perm, Organization.objects.order_by("name"))
