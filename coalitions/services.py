"""Coalition lifecycle and membership. Object permissions (guardian) follow
membership: every active member organisation's group may view the coalition. Callers
check who may act (coalitions.access); these functions keep the state
consistent and atomic."""

from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from coalitions import notifications
from coalitions.checklist import require_checklist
from coalitions.history import StageStep
from coalitions.models import Coalition, CoalitionMember
from portal import audit
from portal.models import OrganizationSize

Stage = Coalition.Stage
Status = CoalitionMember.Status
Role = CoalitionMember.Role

# Allowed moves; any stage before "contracted" may also be abandoned.
TRANSITIONS = {
    Stage.FORMING: {Stage.REQUIREMENTS, Stage.ABANDONED},
    Stage.REQUIREMENTS: {Stage.CONSULTATION, Stage.ABANDONED},
    Stage.CONSULTATION: {Stage.NEGOTIATING, Stage.ABANDONED},
    Stage.NEGOTIATING: {Stage.CONTRACTED, Stage.ABANDONED},
    Stage.CONTRACTED: {Stage.CLOSED},
    Stage.CLOSED: set(),
    Stage.ABANDONED: set(),
}


def _grant(membership):
    assign_perm("coalitions.view_coalition", membership.organization.group, membership.coalition)


def revoke_access(membership):
    remove_perm("coalitions.view_coalition", membership.organization.group, membership.coalition)


@transaction.atomic
def create_coalition(*, coordinator, user, categories, target_vendors=(), **fields):
    """A new coalition in stage "forming" with ``coordinator`` (an organisation) as its
    first, active coordinator."""
    coalition = Coalition(created_by=user, **fields)
    coalition.full_clean()
    coalition.save()
    coalition.categories.set(categories)
    coalition.target_vendors.set(target_vendors)
    membership = CoalitionMember.objects.create(
        coalition=coalition,
        organization=coordinator,
        role=Role.COORDINATOR,
        status=Status.ACTIVE,
        decided_at=timezone.now(),
    )
    _grant(membership)
    audit.record(user, audit.Action.CREATE, coalition, after={"stage": coalition.stage})
    return coalition


@transaction.atomic
def advance(coalition, to_stage, *, user, note=""):
    if to_stage not in Stage.values:
        raise ValidationError(_("Choose the stage to move to."))
    if to_stage not in TRANSITIONS[coalition.stage]:
        raise ValidationError(
            _("A coalition in stage “%(from)s” cannot move to “%(to)s”.")
            % {"from": coalition.get_stage_display(), "to": Stage(to_stage).label}
        )
    if to_stage == Stage.CONSULTATION:
        require_checklist(coalition)
    event = audit.record(
        user,
        audit.Action.UPDATE,
        coalition,
        before={"stage": coalition.stage},
        after={"stage": to_stage},
        note=note,
    )
    coalition.stage = to_stage
    coalition.save(update_fields=["stage"])
    step = StageStep.of(event)
    notifications.stage_changed(coalition, step)
    return step


def _audit_membership(user, action, membership, before, after):
    """A membership's change in the audit trail, readable by the member organisation's
    admins."""
    audit.record(
        user,
        action,
        membership,
        before=before,
        after=after,
        organization=membership.organization,
        label=f"{membership.organization} @ {membership.coalition}",
    )


def _record_membership(user, membership, before_status, action=audit.Action.UPDATE):
    """A change of the membership's status (``before_status`` None: a new membership)."""
    before = {} if before_status is None else {"status": before_status}
    after = {"status": membership.status, "role": membership.role}
    _audit_membership(user, action, membership, before, after)


def _existing(coalition, organization):
    return CoalitionMember.objects.filter(coalition=coalition, organization=organization).first()


@transaction.atomic
def invite(coalition, organization, *, role=Role.MEMBER, user=None):
    """``user``: who acts (None: the system, e.g. seeding), as for every write below."""
    current = _existing(coalition, organization)
    if current and current.status in (Status.ACTIVE, Status.INVITED):
        raise ValidationError(_("This organisation is already a member or invited."))
    membership = current or CoalitionMember(coalition=coalition, organization=organization)
    before = current.status if current else None
    membership.role, membership.status, membership.decided_at = role, Status.INVITED, None
    membership.save()
    _record_membership(
        user, membership, before, audit.Action.UPDATE if current else audit.Action.CREATE
    )
    notifications.invited(membership)
    return membership


@transaction.atomic
def request_to_join(coalition, organization, *, user=None):
    if coalition.visibility != Coalition.Visibility.PUBLIC:
        raise ValidationError(_("Only public coalitions take requests to join."))
    if coalition.stage in (Stage.CLOSED, Stage.ABANDONED):
        raise ValidationError(_("This coalition has ended."))
    current = _existing(coalition, organization)
    if current and current.status in (Status.ACTIVE, Status.INVITED, Status.REQUESTED):
        raise ValidationError(_("This organisation is already a member, invited or waiting."))
    membership = current or CoalitionMember(coalition=coalition, organization=organization)
    before = current.status if current else None
    membership.role, membership.status, membership.decided_at = Role.MEMBER, Status.REQUESTED, None
    membership.save()
    _record_membership(
        user, membership, before, audit.Action.UPDATE if current else audit.Action.CREATE
    )
    notifications.join_requested(membership)
    return membership


def _decide(membership, expected, status, user):
    if membership.status != expected:
        raise ValidationError(_("There is nothing to decide for this organisation."))
    membership.status, membership.decided_at = status, timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    _record_membership(user, membership, expected)
    if status == Status.ACTIVE:
        _grant(membership)
    return membership


@transaction.atomic
def accept_invitation(membership, *, user=None):
    return _decide(membership, Status.INVITED, Status.ACTIVE, user)


@transaction.atomic
def decline_invitation(membership, *, user=None):
    return _decide(membership, Status.INVITED, Status.DECLINED, user)


@transaction.atomic
def approve_request(membership, *, user=None):
    membership = _decide(membership, Status.REQUESTED, Status.ACTIVE, user)
    notifications.request_decided(membership)
    return membership


@transaction.atomic
def decline_request(membership, *, user=None):
    membership = _decide(membership, Status.REQUESTED, Status.DECLINED, user)
    notifications.request_decided(membership)
    return membership


@transaction.atomic
def leave(membership, *, user=None):
    if membership.status != Status.ACTIVE:
        raise ValidationError(_("Only members can leave."))
    coordinators = membership.coalition.members.filter(role=Role.COORDINATOR, status=Status.ACTIVE)
    if membership.role == Role.COORDINATOR and coordinators.count() == 1:
        raise ValidationError(_("The last coordinator cannot leave; hand over first."))
    revoke_access(membership)
    membership.status, membership.decided_at = Status.LEFT, timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    _record_membership(user, membership, Status.ACTIVE)
    return membership


# A decision on a membership, as the API names it: the service that takes it and who
# decides (the coalition's coordinators, or the member organisation itself). The
# coalition page offers the same decisions under Dutch addresses.
MEMBER_DECISIONS = {
    "approve": (approve_request, "coordinator"),
    "decline": (decline_request, "coordinator"),
    "accept": (accept_invitation, "organisation"),
    "refuse": (decline_invitation, "organisation"),
    "leave": (leave, "organisation"),
}


# --- cost sharing ----------------------------------------------------------------------

CENT = Decimal("0.01")


def cost_shares(total, weights):
    """Split ``total`` (Decimal euros) by ``weights`` ({key: Decimal >= 0}) into cents
    that add up exactly: each share rounded down, the remaining cents to the largest
    remainders (ties by key). Equal weights when all are zero."""
    if not weights:
        return {}
    weights = {k: Decimal(w) for k, w in weights.items()}
    if sum(weights.values()) == 0:
        weights = dict.fromkeys(weights, Decimal(1))
    whole = sum(weights.values())
    exact = {k: total * w / whole for k, w in weights.items()}
    shares = {k: v.quantize(CENT, rounding=ROUND_DOWN) for k, v in exact.items()}
    left = int((total - sum(shares.values())) / CENT)
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - shares[k]), str(k)))
    for key in by_remainder[:left]:
        shares[key] += CENT
    return shares


def member_weights(coalition, *, year=None):
    """Each active member's (not observers') exact weight under the coalition's
    cost-sharing model, from its size in ``year`` (default: its latest); without the
    figure it weighs 0. By size these are other organisations' confidential figures:
    never show a split by size computed from them (coalitions.costs divides a member's
    own size by the released total instead)."""
    members = coalition.members.filter(status=Status.ACTIVE).exclude(role=Role.OBSERVER)
    model = coalition.cost_sharing
    if model == Coalition.CostSharing.FLAT:
        return {m.organization_id: Decimal(1) for m in members}
    if model == Coalition.CostSharing.VOLUME:
        return {m.organization_id: m.volume or Decimal(0) for m in members}
    column = {"fte": "fte", "beds": "beds", "revenue": "revenue_eur"}[model]
    sizes = OrganizationSize.objects.filter(
        organization__in=[m.organization_id for m in members]
    ).order_by("organization_id", "year")
    if year is not None:
        sizes = sizes.filter(year=year)
    latest = dict(sizes.values_list("organization_id", column))  # the last year wins
    return {m.organization_id: Decimal(latest.get(m.organization_id) or 0) for m in members}


@transaction.atomic
def set_volume(membership, volume, *, user=None):
    if volume is not None and volume < 0:
        raise ValidationError(_("The volume cannot be negative."))
    before = membership.volume
    membership.volume = volume
    membership.save(update_fields=["volume"])
    _audit_membership(
        user,
        audit.Action.UPDATE,
        membership,
        {"volume": None if before is None else str(before)},
        {"volume": None if volume is None else str(volume)},
    )
    return membership
