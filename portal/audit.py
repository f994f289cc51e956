"""The one audit trail of writes: every service that changes data calls ``record`` inside
its own transaction, so the event commits with the write or not at all."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from portal.models import AuditEvent

Action = AuditEvent.Action


@dataclass(frozen=True)
class Actor:
    """Who performs a write: a person, an organisation's API token, or the system
    (seeding, commands). The trail keeps the label after the user or token is gone."""

    user: object = None  # a User, or None for tokens and the system
    label: str = "systeem"
    token: object = None  # the OrganizationApiToken a system wrote through

    @classmethod
    def of_user(cls, user):
        return cls(user=user, label=user.get_username())

    @classmethod
    def of_token(cls, token):
        return cls(label=f"API-token {token.name} ({token.key_prefix}…)", token=token)

    @classmethod
    def of_principal(cls, principal):
        """The actor of an API request: a person, or the organisation token that
        contracts.api_auth.OrganizationPrincipal stands in for."""
        token = getattr(principal, "token", None)
        return cls.of_token(token) if token is not None else cls.of_user(principal)


SYSTEM = Actor()


def as_actor(who):
    """An Actor from an Actor, a user, or None (the system)."""
    if isinstance(who, Actor):
        return who
    return SYSTEM if who is None else Actor.of_user(who)


def changed_fields(before, after):
    """The old and new values of the keys whose value differs between two snapshots
    (dicts of field name to plain value), as a pair of dicts."""
    names = [name for name in after if before.get(name) != after.get(name)]
    return {name: before.get(name) for name in names}, {name: after.get(name) for name in names}


def build(
    actor,
    action,
    obj=None,
    *,
    before=None,
    after=None,
    organization=None,
    vendor=None,
    label="",
    note="",
):
    """An unsaved event (for ``bulk_create``); ``record`` saves one."""
    actor = as_actor(actor)
    return AuditEvent(
        actor=actor.user,
        actor_label=actor.label[:150],
        api_token=actor.token,
        action=action,
        content_type=None if obj is None else ContentType.objects.get_for_model(obj),
        object_id=None if obj is None else obj.pk,
        object_label=str(label or ("" if obj is None else obj))[:200],
        organization=organization,
        vendor=vendor,
        before=before or {},
        after=after or {},
        note=note[:300],
    )


def record(actor, action, obj=None, **fields):
    """Record one write by ``actor`` (an Actor, a user or None) on ``obj``; see ``build``
    for the fields."""
    event = build(actor, action, obj, **fields)
    event.save()
    return event
