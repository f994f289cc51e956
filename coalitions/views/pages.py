"""Coalition pages. A private coalition does not exist for non-members (404); a
public one shows its summary to anyone and its members and history to members only."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalitions import access, costs, services
from coalitions.demand import WARNING, aggregated_demand, competition_check, own_figures
from coalitions.forms import CoalitionForm, InviteForm
from coalitions.history import stage_history
from coalitions.models import Coalition, CoalitionMember
from coalitions.rfi import answer_summary
from portal.models import Organization


def _coalition(user, slug):
    coalition = get_object_or_404(Coalition, slug=slug)
    if not access.may_see_summary(user, coalition):
        raise Http404  # a private coalition does not exist for outsiders
    return coalition, access.is_member(user, coalition)


def member_coalition(user, slug):
    """The coalition when ``user`` belongs to an active member organisation, else 404."""
    coalition = get_object_or_404(Coalition, slug=slug)
    if not access.is_member(user, coalition):
        raise Http404
    return coalition


def member_context(user, coalition, tab):
    """What every members' page of a coalition shows: the tabs and the competition-law
    warning when the members exceed the market-share limit."""
    check = competition_check(coalition, _organization_ids(user))
    return {
        "coalition": coalition,
        "tab": tab,
        "coordinator": access.is_coordinator(user, coalition),
        "acting": access.acting_membership(user, coalition),
        "check": check,
        "warning": WARNING % {"limit": f"{check.limit:.0%}"} if check.exceeded else "",
    }


def _organization_ids(user):
    """The viewer's organisations: coalition figures are shown to it without their data
    in the protected part (coalitions.demand.figures_for)."""
    return set(organizations_of(user).values_list("pk", flat=True))


def organizations_of(user):
    """The organisations ``user`` belongs to, whatever the role."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user)


def coordinator_only(user, coalition):
    if not access.is_coordinator(user, coalition):
        raise Http404
    return coalition


def report(request, action):
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    return True


@require_safe
def coalition_list(request):
    coalitions = access.visible_coalitions(request.user).prefetch_related("categories")
    return render(
        request,
        "coalitions/coalition_list.html",
        {"coalitions": coalitions, "may_start": access.may_start_coalition(request.user)},
    )


@login_required
def coalition_create(request):
    if not access.may_start_coalition(request.user):
        raise Http404
    coordinators = access.editable_organizations(request.user)
    form = CoalitionForm(request.POST or None, coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        coordinator, categories = data.pop("coordinator"), data.pop("categories")
        coalition = services.create_coalition(
            coordinator=coordinator, user=request.user, categories=categories, **data
        )
        return redirect("coalition_detail", slug=coalition.slug)
    return render(request, "coalitions/coalition_form.html", {"form": form})


@require_safe
def coalition_detail(request, slug):
    coalition, member = _coalition(request.user, slug)
    editable = access.editable_organizations(request.user)
    memberships = coalition.members.select_related("organization")
    context = {
        "coalition": coalition,
        "member": member,
        "categories": coalition.categories.all(),
        "my_invitations": memberships.filter(
            organization__in=editable, status=CoalitionMember.Status.INVITED
        ),
        "can_request": coalition.visibility == Coalition.Visibility.PUBLIC
        and editable.exclude(pk__in=memberships.values("organization")).exists(),
    }
    if member:
        context.update(member_context(request.user, coalition, "overview"))
        visible = access.visible_memberships(request.user, coalition)
        members = list(visible.order_by("organization__name"))
        # Equal and volume shares are exact and shown for every member; shares by FTE,
        # beds or revenue come from the release and each organisation sees its own only.
        own_ids = _organization_ids(request.user)
        split = costs.split_for(coalition, own_ids)
        for membership in members:
            membership.cost_share = split.shares.get(membership.organization_id)
        acting = context["acting"]
        own = None
        if acting and acting.organization.type == Organization.Type.CARE_PROVIDER:
            own = own_figures(coalition, acting.organization)
        context.update(
            members=members,
            own_membership_ids=set(
                memberships.filter(
                    organization__in=editable, status=CoalitionMember.Status.ACTIVE
                ).values_list("pk", flat=True)
            ),
            split=split,
            history=stage_history(coalition),
            next_stages=[Coalition.Stage(s) for s in services.TRANSITIONS[coalition.stage]],
            demand=aggregated_demand(coalition, own_ids),
            own=own,
            vendor_answers=answer_summary(coalition),
            requirement_count=coalition.requirements.count(),
            invite_form=InviteForm(),
        )
    return render(request, "coalitions/coalition_detail.html", context)


@login_required
@require_POST
def coalition_advance(request, slug):
    coalition = coordinator_only(request.user, get_object_or_404(Coalition, slug=slug))
    if report(
        request,
        lambda: services.advance(
            coalition,
            request.POST.get("stage", ""),
            user=request.user,
            note=request.POST.get("note", ""),
        ),
    ):
        messages.success(request, _("The coalition moved to its next stage."))
    return redirect("coalition_detail", slug=slug)


@login_required
@require_POST
def coalition_invite(request, slug):
    coalition = coordinator_only(request.user, get_object_or_404(Coalition, slug=slug))
    form = InviteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    elif report(
        request,
        lambda: services.invite(
            coalition,
            form.cleaned_data["organization"],
            role=form.cleaned_data["role"],
            user=request.user,
        ),
    ):
        messages.success(request, _("Invitation sent."))
    return redirect("coalition_detail", slug=slug)


@login_required
@require_POST
def coalition_request(request, slug):
    coalition, _member = _coalition(request.user, slug)
    editable = access.editable_organizations(request.user)
    organization = editable.filter(slug=request.POST.get("organisatie", "")).first()
    if organization is None:
        raise Http404
    if report(
        request, lambda: services.request_to_join(coalition, organization, user=request.user)
    ):
        messages.success(request, _("Your request to join was sent to the coordinators."))
    return redirect("coalition_detail", slug=slug)


# The page's addresses for services.MEMBER_DECISIONS.
MEMBER_ACTIONS = {
    "goedkeuren": "approve",
    "afwijzen": "decline",
    "accepteren": "accept",
    "weigeren": "refuse",
    "vertrekken": "leave",
}


@login_required
@require_POST
def membership_action(request, slug, pk, action):
    if action not in MEMBER_ACTIONS:
        raise Http404
    coalition = get_object_or_404(Coalition, slug=slug)
    membership = get_object_or_404(coalition.members.select_related("organization"), pk=pk)
    service, decider = services.MEMBER_DECISIONS[MEMBER_ACTIONS[action]]
    if decider == "coordinator":
        coordinator_only(request.user, coalition)
    elif (
        not access.editable_organizations(request.user)
        .filter(pk=membership.organization_id)
        .exists()
    ):
        raise Http404
    if report(request, lambda: service(membership, user=request.user)):
        messages.success(request, _("Done."))
    if action == "vertrekken" or not access.is_member(request.user, coalition):
        if coalition.visibility == Coalition.Visibility.PRIVATE:
            return redirect("coalition_list")
    return redirect("coalition_detail", slug=slug)


@login_required
@require_POST
def membership_volume(request, slug, pk):
    coalition = coordinator_only(request.user, get_object_or_404(Coalition, slug=slug))
    membership = get_object_or_404(coalition.members, pk=pk)
    raw = request.POST.get("volume", "").strip().replace(",", ".")
    try:
        volume = Decimal(raw) if raw else None
    except InvalidOperation:
        messages.error(request, _("Enter the volume as a number."))
    else:
        if report(request, lambda: services.set_volume(membership, volume, user=request.user)):
            messages.success(request, _("Volume saved."))
    return redirect("coalition_detail", slug=slug)
