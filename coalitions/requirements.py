"""Demand articulation: a coalition's shared, numbered list of requirements with MoSCoW
priorities, links to standards and lock-in clauses, members' comments and one vote per
member organisation. Callers check who may act (coalitions.access)."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from coalitions.models import Coalition, Requirement, RequirementComment, RequirementVote
from portal import audit
from portal.translation import localized

Stage = Coalition.Stage
# Requirements are settled once the negotiation starts: vendors answered these.
OPEN_STAGES = (Stage.FORMING, Stage.REQUIREMENTS, Stage.CONSULTATION)


def _snapshot(requirement):
    return {
        "number": requirement.number,
        "text": requirement.text,
        "priority": requirement.priority,
        "standards": sorted(requirement.standards.values_list("code", flat=True)),
        "clauses": sorted(requirement.clauses.values_list("code", flat=True)),
    }


def _record(user, action, requirement, before=None, after=None):
    """A requirement's change in the audit trail, readable by the admins of the
    organisation that proposed it."""
    audit.record(
        user,
        action,
        requirement,
        before=before,
        after=after,
        organization=requirement.proposed_by,
        label=f"{requirement.coalition}: {requirement}",
    )


def _require_open(coalition):
    if coalition.stage not in OPEN_STAGES:
        raise ValidationError(
            _("The requirements can no longer change in stage “%(stage)s”.")
            % {"stage": coalition.get_stage_display()}
        )


@transaction.atomic
def add_requirement(
    coalition, *, organization, text, priority, standards=(), clauses=(), user=None
):
    """``user``: who acts (None: the system), as for every write below."""
    _require_open(coalition)
    # Lock the coalition row so two members adding at once get distinct numbers.
    Coalition.objects.select_for_update().filter(pk=coalition.pk).first()
    last = coalition.requirements.aggregate(last=Max("number"))["last"] or 0
    requirement = Requirement(
        coalition=coalition,
        number=last + 1,
        text=text.strip(),
        priority=priority,
        proposed_by=organization,
    )
    requirement.full_clean()
    requirement.save()
    requirement.standards.set(standards)
    requirement.clauses.set(clauses)
    _record(user, audit.Action.CREATE, requirement, after=_snapshot(requirement))
    return requirement


@transaction.atomic
def update_requirement(requirement, *, text, priority, standards=(), clauses=(), user=None):
    _require_open(requirement.coalition)
    before = _snapshot(requirement)
    requirement.text, requirement.priority = text.strip(), priority
    requirement.full_clean()
    requirement.save(update_fields=["text", "priority"])
    requirement.standards.set(standards)
    requirement.clauses.set(clauses)
    before, after = audit.changed_fields(before, _snapshot(requirement))
    _record(user, audit.Action.UPDATE, requirement, before, after)
    return requirement


@transaction.atomic
def delete_requirement(requirement, *, user=None):
    _require_open(requirement.coalition)
    _record(user, audit.Action.DELETE, requirement, before=_snapshot(requirement))
    requirement.delete()


def comment(requirement, *, organization, user, text):
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a comment first."))
    return RequirementComment.objects.create(
        requirement=requirement, organization=organization, author=user, text=text[:3000]
    )


def vote(requirement, *, organization, choice):
    if choice not in RequirementVote.Choice.values:
        raise ValidationError(_("Vote for or against."))
    _require_open(requirement.coalition)
    found, _created = RequirementVote.objects.update_or_create(
        requirement=requirement, organization=organization, defaults={"choice": choice}
    )
    return found


def _names(through, coalition, fields, label):
    """{requirement id: "name, name"} for a requirement's linked standards or clauses,
    read as plain values (no model instances: a list may hold hundreds)."""
    names = {}
    for requirement_id, *parts in (
        through.objects.filter(requirement__coalition=coalition)
        .order_by(*fields)
        .values_list("requirement_id", *fields)
    ):
        name = label(*parts)
        names[requirement_id] = (
            f"{names[requirement_id]}, {name}" if requirement_id in names else name
        )
    return names


def requirement_list(coalition):
    """The requirements with the names of their standards and clauses and their vote
    and comment counts, in a fixed number of queries whatever their number (counts are
    grouped separately: a join of votes and comments would multiply rows)."""
    found = list(coalition.requirements.order_by("number"))
    standards = _names(
        Requirement.standards.through,
        coalition,
        ["standard__name", "standard__version"],
        lambda name, version: f"{name} {version}".strip(),  # as Standard.__str__
    )
    clauses = _names(
        Requirement.clauses.through,
        coalition,
        ["lockinclause__sort_order", "lockinclause__name", "lockinclause__name_en"],
        lambda _order, dutch, english: localized(dutch, english),  # as display_name
    )
    votes = Counter()
    for requirement_id, choice, n in (
        RequirementVote.objects.filter(requirement__coalition=coalition)
        .values_list("requirement_id", "choice")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        votes[requirement_id, choice] = n
    comments = dict(
        RequirementComment.objects.filter(requirement__coalition=coalition)
        .values_list("requirement_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for requirement in found:
        requirement.standard_names = standards.get(requirement.pk, "")
        requirement.clause_names = clauses.get(requirement.pk, "")
        requirement.votes_for = votes[requirement.pk, RequirementVote.Choice.FOR]
        requirement.votes_against = votes[requirement.pk, RequirementVote.Choice.AGAINST]
        requirement.comment_count = comments.get(requirement.pk, 0)
    return found


def export_rows(coalition):
    """Headers and rows for the requirements sheet sent to vendors (no member data)."""
    headers = [_("No."), _("Priority"), _("Requirement"), _("Standards"), _("Lock-in clauses")]
    rows = [
        [r.number, r.get_priority_display(), r.text, r.standard_names, r.clause_names]
        for r in requirement_list(coalition)
    ]
    return headers, rows
