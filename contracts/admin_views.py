"""Pages for an organisation's admins: the contract audit trail and API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracts.forms import ApiTokenForm
from contracts.models import AccessLogEntry, ContractAuditEvent, OrganizationApiToken
from contracts.services import issue_api_token, revoke_api_token
from portal.permissions import organizations_for


def _administered(user, slug):
    organization = (
        organizations_for(user, "portal.administer_organization").filter(slug=slug).first()
    )
    if organization is None:
        raise Http404
    return organization


@login_required
def audit_trail(request, slug):
    organization = _administered(request.user, slug)
    events = ContractAuditEvent.objects.filter(organization=organization).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "contracts/audit_trail.html", {"organization": organization, "page": page}
    )


@login_required
def access_log(request, slug):
    organization = _administered(request.user, slug)
    entries = AccessLogEntry.objects.filter(organization=organization)
    kind = request.GET.get("soort", "")
    if kind in AccessLogEntry.Kind.values:
        entries = entries.filter(kind=kind)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "contracts/access_log.html",
        {
            "organization": organization,
            "page": page,
            "kind": kind,
            "kinds": AccessLogEntry.Kind.choices,
        },
    )


@login_required
def api_tokens(request, slug):
    organization = _administered(request.user, slug)
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = issue_api_token(
            organization=organization,
            name=form.cleaned_data["name"],
            can_write=form.cleaned_data["can_write"],
            created_by=request.user,
        )
        form = ApiTokenForm()
    tokens = organization.api_tokens.all()
    return render(
        request,
        "contracts/api_tokens.html",
        {
            "organization": organization,
            "form": form,
            "tokens": tokens,
            "new_key": new_key,
        },
    )


@login_required
@require_POST
def api_token_revoke(request, slug, pk):
    organization = _administered(request.user, slug)
    token = get_object_or_404(OrganizationApiToken, pk=pk, organization=organization)
    revoke_api_token(token=token)
    messages.success(request, _("Token %s revoked.") % token.name)
    return redirect("api_tokens", slug=slug)
