"""Writes for the AI register. Every application's object permissions are granted here,
to the owning organisation's groups: members view, editors (procurement specialists and
organisation admins) change and delete. Every write is recorded in the audit trail in
its own transaction."""

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from airegister.models import AIApplication, AIApplicationGroupObjectPermission
from portal.audit import SYSTEM, Action, changed_fields, record

MEMBER_PERMISSIONS = ("view_aiapplication",)
EDITOR_PERMISSIONS = ("change_aiapplication", "delete_aiapplication")
# The fields a person or system enters; partners (many-to-many) are passed apart.
APPLICATION_FIELDS = (
    "name",
    "purpose",
    "purpose_description",
    "department",
    "origin",
    "vendor",
    "product",
    "phase",
    "kind",
    "risk_class",
    "risk_reason",
    "mdr_class",
    "ce_marking",
    "owner",
    "last_reviewed_on",
    "shared",
)


def grant_application_permissions(applications):
    """Grant the owning organisations' groups their permissions on ``applications``
    (saved, with ``organization`` loaded), in bulk."""
    perm_ids = dict(
        Permission.objects.filter(
            content_type__app_label="airegister",
            codename__in=MEMBER_PERMISSIONS + EDITOR_PERMISSIONS,
        ).values_list("codename", "pk")
    )
    rows = []
    for application in applications:
        organization = application.organization
        for codenames, group_id in (
            (MEMBER_PERMISSIONS, organization.group_id),
            (EDITOR_PERMISSIONS, organization.editors_group_id),
        ):
            rows += [
                AIApplicationGroupObjectPermission(
                    content_object_id=application.pk,
                    group_id=group_id,
                    permission_id=perm_ids[codename],
                )
                for codename in codenames
            ]
    AIApplicationGroupObjectPermission.objects.bulk_create(rows)


def snapshot(application, partner_ids=None):
    """The audited state of an application as plain strings."""
    state = {}
    for field in APPLICATION_FIELDS:
        value = getattr(application, f"{field}_id" if field in ("vendor", "product") else field)
        state[field] = None if value is None else str(value)
    if partner_ids is not None:
        state["partners"] = sorted(str(pk) for pk in partner_ids)
    return state


def _current_snapshot(application):
    return snapshot(application, application.partners.values_list("pk", flat=True))


def _check_partners(application, partners):
    if application.origin == AIApplication.Origin.CO_CREATED and not partners:
        raise ValidationError(
            {"partners": _("A co-created application needs at least one partner organisation.")}
        )
    if application.origin != AIApplication.Origin.CO_CREATED and partners:
        raise ValidationError(
            {"partners": _("Only a co-created application has partner organisations.")}
        )
    if any(partner.pk == application.organization_id for partner in partners):
        raise ValidationError({"partners": _("Your own organisation cannot be its own partner.")})


def _record(actor, action, application, **changes):
    record(
        actor,
        action,
        application,
        organization=application.organization,
        label=application.name,
        **changes,
    )


def _check_fields(fields):
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Not AI application fields: {sorted(unknown)}")


@transaction.atomic
def create_application(*, organization, actor=SYSTEM, partners=(), **fields):
    """Register an AI application of ``organization``, validated as a whole."""
    _check_fields(fields)
    partners = list(partners)
    application = AIApplication(organization=organization, **fields)
    application.full_clean()
    _check_partners(application, partners)
    application.save()
    application.partners.set(partners)
    grant_application_permissions([application])
    _record(actor, Action.CREATE, application, after=_current_snapshot(application))
    return application


@transaction.atomic
def update_application(*, application, actor=SYSTEM, partners=None, **fields):
    """Change an application's fields; ``partners`` (if given) replace its partners."""
    _check_fields(fields)
    before = _current_snapshot(application)
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean()
    partners = list(application.partners.all() if partners is None else partners)
    _check_partners(application, partners)
    application.save()
    application.partners.set(partners)
    old, new = changed_fields(before, _current_snapshot(application))
    if new:
        _record(actor, Action.UPDATE, application, before=old, after=new)
    return application


@transaction.atomic
def delete_application(*, application, actor=SYSTEM):
    _record(actor, Action.DELETE, application, before=_current_snapshot(application))
    application.delete()
