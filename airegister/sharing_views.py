"""Pages of "scale up together": care providers' members find the AI applications other
care providers share, read what the owner chose to share, and express interest; the
owner's editors mark an application shared and start a coalition from the interest.

What an outsider sees of a shared application: name, purpose (and its description),
department, phase, kind, risk class with its reason, MDR class and CE marking, vendor and
product, and the owning organisation. What stays internal: the owner (a person), review
dates, co-creation partners (other organisations that did not choose to be named), other
organisations' interest and the register's audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from airegister import sharing
from airegister.access import (
    CHANGE,
    application_for,
    application_with_own_interest,
    interested_organizations_for,
    may_find_shared,
    register_organizations,
    shared_application_for,
)
from airegister.finding import FACETS, search_shared, selection
from airegister.forms import CoalitionProposalForm, InterestForm
from airegister.models import AIApplicationInterest
from portal.audit import Actor


def _link(params, param, value):
    """The query string with ``param`` set to ``value`` (or removed) and the page reset."""
    query = params.copy()
    query.pop("page", None)
    query.pop(param, None)
    if value:
        query[param] = value
    return f"?{query.urlencode()}"


def facet_counts(q, chosen, params):
    """Per facet, each value with its count under the other facets' selection (so a
    value shows how many a click on it would give) and the link that chooses it."""
    facets = []
    for param, (field, choices) in FACETS.items():
        counted = dict(
            search_shared(q, chosen, skip=param)
            .order_by()
            .values_list(field)
            .annotate(n=Count("pk"))
        )
        values = [
            (value, label, counted.get(value, 0), _link(params, param, value))
            for value, label in choices.choices
        ]
        facets.append(
            (param, facet_label(param), values, chosen.get(param, ""), _link(params, param, ""))
        )
    return facets


def facet_label(param):
    return {
        "doel": _("Purpose"),
        "fase": _("Phase"),
        "risico": _("Risk class"),
        "herkomst": _("Origin"),
    }[param]


@login_required
@require_safe
def shared_list(request):
    if not may_find_shared(request.user):
        raise PermissionDenied
    chosen, q = selection(request.GET)
    found = search_shared(q, chosen).select_related("organization", "vendor", "product")
    page = Paginator(found.order_by("name", "pk"), 50).get_page(request.GET.get("page"))
    own = set(register_organizations(request.user).values_list("pk", flat=True))
    return render(
        request,
        "airegister/shared_list.html",
        {"page": page, "facets": facet_counts(q, chosen, request.GET), "q": q, "own": own},
    )


@login_required
@require_safe
def shared_detail(request, pk):
    application = shared_application_for(request.user, pk)
    may_express = interested_organizations_for(request.user, application)
    own_interests = application.interests.filter(
        organization__in=register_organizations(request.user)
    ).select_related("organization")
    return render(
        request,
        "airegister/shared_detail.html",
        {
            "application": application,
            "is_owner": register_organizations(request.user)
            .filter(pk=application.organization_id)
            .exists(),
            "own_interests": own_interests,
            "form": InterestForm(
                organizations=may_express.exclude(
                    pk__in=application.interests.values("organization")
                )
            ),
        },
    )


@login_required
@require_POST
def express_interest(request, pk):
    application = shared_application_for(request.user, pk)
    organizations = interested_organizations_for(request.user, application)
    if not organizations.exists():
        raise Http404  # viewers, and the owner itself, do not act for an organisation here
    form = InterestForm(request.POST, organizations=organizations)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("ai_shared_detail", pk=application.pk)
    try:
        sharing.express_interest(
            application=application,
            organization=form.cleaned_data["organization"],
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            user=request.user,
            actor=Actor.of_user(request.user),
        )
    except ValidationError as err:
        for message in err.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%s has been told of your interest.") % application.organization.name
        )
    return redirect("ai_shared_detail", pk=application.pk)


@login_required
@require_POST
def withdraw_interest(request, pk):
    application = application_with_own_interest(request.user, pk)
    interest = AIApplicationInterest.objects.filter(
        application=application,
        organization__in=interested_organizations_for(request.user, application),
        organization__slug=request.POST.get("organisatie", ""),
    ).first()
    if interest is None:
        raise Http404
    sharing.withdraw_interest(interest=interest, actor=Actor.of_user(request.user))
    messages.success(request, _("Your interest has been withdrawn."))
    if not application.shared:
        return redirect("ai_shared_list")
    return redirect("ai_shared_detail", pk=application.pk)


@login_required
@require_POST
def toggle_shared(request, pk):
    application = application_for(request.user, pk, CHANGE)
    shared = request.POST.get("shared") == "1"
    sharing.set_shared(application=application, shared=shared, actor=Actor.of_user(request.user))
    messages.success(
        request,
        _("%s is now open to adoption or co-creation by other care providers.") % application.name
        if shared
        else _("%s is no longer shared: other organisations no longer see it.") % application.name,
    )
    return redirect("ai_application_detail", pk=application.pk)


@login_required
def start_coalition(request, pk):
    """The confirm page, prefilled; its one button starts the coalition and invites every
    interested organisation."""
    application = application_for(request.user, pk, CHANGE)
    if application.coalition_id:
        return redirect(application.coalition)
    ready = sharing.may_start_coalition(application)
    form = CoalitionProposalForm(
        request.POST or None, initial=sharing.coalition_proposal(application)
    )
    if request.method == "POST" and ready and form.is_valid():
        try:
            coalition = sharing.start_coalition(
                application=application, user=request.user, **form.cleaned_data
            )
        except ValidationError as err:
            for message in err.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Coalition %(name)s started; %(count)s organisations are invited.")
                % {"name": coalition.name, "count": coalition.members.count() - 1},
            )
            return redirect(coalition)
    return render(
        request,
        "airegister/coalition_start.html",
        {
            "application": application,
            "form": form,
            "ready": ready,
            "interests": application.interests.select_related("organization"),
            "min_interest": sharing.min_interest(),
        },
    )
