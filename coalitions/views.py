"""Coalition pages. A private coalition does not exist for non-members (404); a
public one shows its summary to anyone and its members and history to members only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalitions import services
from coalitions.forms import CoalitionForm
from coalitions.models import Coalition, CoalitionMember
from portal.models import Organization
from portal.permissions import has_perm, objects_for_user, organizations_for


def visible_coalitions(user):
    public = Coalition.objects.filter(visibility=Coalition.Visibility.PUBLIC)
    own = objects_for_user(user, "coalitions.view_coalition", Coalition.objects.all())
    return Coalition.objects.filter(Q(pk__in=public) | Q(pk__in=own)).order_by("name")


def _coalition(user, slug):
    coalition = get_object_or_404(Coalition, slug=slug)
    member = has_perm(user, "coalitions.view_coalition", coalition)
    if coalition.visibility == Coalition.Visibility.PRIVATE and not member:
        # An invited organisation sees the summary, to decide.
        invited = coalition.members.filter(
            status=CoalitionMember.Status.INVITED,
            organization__in=organizations_for(user, "portal.view_organization_contracts"),
        )
        if not invited.exists():
            raise Http404
    return coalition, member


def _coordinator(user, coalition):
    if not has_perm(user, "coalitions.coordinate_coalition", coalition):
        raise Http404
    return coalition


def _report(request, action):
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    return True


def coalition_list(request):
    return render(
        request, "coalitions/coalition_list.html", {"coalitions": visible_coalitions(request.user)}
    )


@login_required
def coalition_create(request):
    coordinators = organizations_for(request.user, "portal.manage_organization_contracts")
    if not coordinators.exists():
        raise Http404
    form = CoalitionForm(request.POST or None, coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        coordinator, categories = data.pop("coordinator"), data.pop("categories")
        coalition = services.create_coalition(
            coordinator=coordinator, user=request.user, categories=categories, **data
        )
        return redirect("coalition_detail", slug=coalition.slug)
    return render(request, "coalitions/coalition_form.html", {"form": form})


def coalition_detail(request, slug):
    coalition, member = _coalition(request.user, slug)
    coordinator = has_perm(request.user, "coalitions.coordinate_coalition", coalition)
    editable = (
        organizations_for(request.user, "portal.manage_organization_contracts")
        if request.user.is_authenticated
        else Organization.objects.none()
    )
    memberships = coalition.members.select_related("organization")
    context = {
        "coalition": coalition,
        "member": member,
        "coordinator": coordinator,
        "members": memberships if member else memberships.none(),
        "history": coalition.stage_changes.all() if member else [],
        "next_stages": [Coalition.Stage(s) for s in services.TRANSITIONS[coalition.stage]],
        "my_invitations": memberships.filter(
            organization__in=editable, status=CoalitionMember.Status.INVITED
        ),
        "can_request": coalition.visibility == Coalition.Visibility.PUBLIC
        and editable.exclude(pk__in=memberships.values("organization")).exists(),
        "my_memberships": memberships.filter(
            organization__in=editable, status=CoalitionMember.Status.ACTIVE
        ),
    }
    return render(request, "coalitions/coalition_detail.html", context)


@login_required
@require_POST
def coalition_advance(request, slug):
    coalition = _coordinator(request.user, get_object_or_404(Coalition, slug=slug))
    if _report(
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
    coalition = _coordinator(request.user, get_object_or_404(Coalition, slug=slug))
    organization = Organization.objects.filter(slug=request.POST.get("organisatie", "")).first()
    if organization is None:
        messages.error(request, _("No organisation with that name was found."))
    elif _report(request, lambda: services.invite(coalition, organization)):
        messages.success(request, _("Invitation sent."))
    return redirect("coalition_detail", slug=slug)


@login_required
@require_POST
def coalition_request(request, slug):
    coalition, _member = _coalition(request.user, slug)
    editable = organizations_for(request.user, "portal.manage_organization_contracts")
    organization = editable.filter(slug=request.POST.get("organisatie", "")).first()
    if organization is None:
        raise Http404
    if _report(request, lambda: services.request_to_join(coalition, organization)):
        messages.success(request, _("Your request to join was sent to the coordinators."))
    return redirect("coalition_detail", slug=slug)


MEMBER_ACTIONS = {
    # action: (service, who decides: the coordinators or the member organisation itself)
    "goedkeuren": (services.approve_request, "coordinator"),
    "afwijzen": (services.decline_request, "coordinator"),
    "accepteren": (services.accept_invitation, "organisation"),
    "weigeren": (services.decline_invitation, "organisation"),
    "vertrekken": (services.leave, "organisation"),
}


@login_required
@require_POST
def membership_action(request, slug, pk, action):
    if action not in MEMBER_ACTIONS:
        raise Http404
    coalition = get_object_or_404(Coalition, slug=slug)
    membership = get_object_or_404(coalition.members.select_related("organization"), pk=pk)
    service, decider = MEMBER_ACTIONS[action]
    if decider == "coordinator":
        _coordinator(request.user, coalition)
    elif not has_perm(
        request.user, "portal.manage_organization_contracts", membership.organization
    ):
        raise Http404
    if _report(request, lambda: service(membership)):
        messages.success(request, _("Done."))
    if action == "vertrekken" or not has_perm(request.user, "coalitions.view_coalition", coalition):
        if coalition.visibility == Coalition.Visibility.PRIVATE:
            return redirect("coalition_list")
    return redirect("coalition_detail", slug=slug)
