"""Who must use a second factor. Asked on every request of a session that has not
passed one, so the answer is one query, cached per user for a minute and forgotten at
once when a role, group, permission, staff flag or device of the user changes
(portal.two_factor.signals)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import Membership

FACTS_SECONDS = 60


def _cache_key(user_id):
    return f"two-factor-facts:v1:{user_id}"


def forget(*user_ids):
    """Now, and again after the change commits (a request in between may have cached
    the old facts)."""
    keys = [_cache_key(user_id) for user_id in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _facts(user):
    return cache.get_or_set(_cache_key(user.pk), lambda: _query(user), FACTS_SECONDS)


def _query(user):
    cms_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values("is_staff", "is_superuser")
        .annotate(
            organisation_admin=Exists(
                Membership.objects.filter(
                    user=OuterRef("pk"), role=Membership.Role.ORGANIZATION_ADMIN
                )
            ),
            cms_through_group=Exists(cms_access.filter(group__user=OuterRef("pk"))),
            cms_direct=Exists(cms_access.filter(user=OuterRef("pk"))),
            has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .first()
        or {}
    )


def _required(facts):
    return any(
        facts.get(key)
        for key in (
            "is_staff",
            "is_superuser",
            "organisation_admin",
            "cms_through_group",
            "cms_direct",
        )
    )


def requires_two_factor(user):
    """Organisation admins, CMS editors (anyone who may enter /cms/) and staff."""
    return user.is_authenticated and _required(_facts(user))


def second_factor_on(user):
    """The second factor is required for the user, or the user switched it on."""
    facts = _facts(user)
    return _required(facts) or bool(facts.get("has_app"))


def must_verify(user):
    """True when this log-in must still pass the second factor: it is required, or the
    user switched it on."""
    if not user.is_authenticated or user.is_verified():
        return False
    return second_factor_on(user)
