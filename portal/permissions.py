"""The one place where permission checks are made.

Models that set ``MEMBERS_ONLY = True`` (contracts) are confidential to the owning
organisation: there the object permission must be granted to one of the user's groups
(or the user), and a superuser does not bypass it."""

from guardian.shortcuts import get_objects_for_user


def has_perm(user, perm, obj=None):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if obj is not None and getattr(obj, "MEMBERS_ONLY", False):
        return get_objects_for_user(
            user, perm, klass=type(obj).objects.filter(pk=obj.pk), with_superuser=False
        ).exists()
    return user.has_perm(perm, obj)


def objects_for_user(user, perm, queryset):
    """The objects of ``queryset`` on which ``user`` holds ``perm``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    members_only = getattr(queryset.model, "MEMBERS_ONLY", False)
    return get_objects_for_user(
        user, perm, klass=queryset, with_superuser=not members_only, accept_global_perms=False
    )
