"""Forget a user's cached second-factor facts (policy._facts) as soon as an input changes:
a promotion to organisation admin or CMS editor asks for the code on the next request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import Membership
from portal.two_factor.policy import forget


def _owner_changed(sender, instance, **kwargs):
    forget(instance.user_id)


def _user_saved(sender, instance, **kwargs):
    forget(instance.pk)


def _user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("post_"):
        if isinstance(instance, Group):  # group.user_set.add(...)
            forget(*(pk_set or instance.user_set.values_list("pk", flat=True)))
        else:
            forget(instance.pk)


def _group_permissions_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Group):
        forget(*instance.user_set.values_list("pk", flat=True))


def connect():
    User = get_user_model()
    for model in (Membership, TOTPDevice):
        post_save.connect(_owner_changed, sender=model, dispatch_uid=f"2fa-save-{model}")
        post_delete.connect(_owner_changed, sender=model, dispatch_uid=f"2fa-delete-{model}")
    post_save.connect(_user_saved, sender=User, dispatch_uid="2fa-user")
    m2m_changed.connect(_user_groups_changed, sender=User.groups.through, dispatch_uid="2fa-g")
    m2m_changed.connect(
        _user_groups_changed, sender=User.user_permissions.through, dispatch_uid="2fa-p"
    )
    m2m_changed.connect(
        _group_permissions_changed, sender=Group.permissions.through, dispatch_uid="2fa-gp"
    )
