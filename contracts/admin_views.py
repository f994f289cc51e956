"""Pages for an organisation's admins: the contract audit trail, the access log, API
tokens, and downloading or deleting all of the organisation's data."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from contracts import ownership
from contracts.forms import ApiTokenForm
from contracts.models import OrganizationApiToken
from contracts.services import issue_api_token, revoke_api_token
from portal.access_log import Kind, log_read
from portal.audit import Actor
from portal.models import AccessLogEntry, AuditEvent
from portal.selectors import administered_organization


@login_required
@require_safe
def audit_trail(request, slug):
    organization = administered_organization(request.user, slug)
    # The target is prefetched to link only to contracts that still exist.
    events = AuditEvent.objects.filter(organization=organization).prefetch_related("target")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "contracts/audit_trail.html", {"organization": organization, "page": page}
    )


@login_required
@require_safe
def access_log(request, slug):
    organization = administered_organization(request.user, slug)
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
            "retention_days": settings.ACCESS_LOG_RETENTION_DAYS,
        },
    )


@login_required
def organisation_data(request, slug):
    """The admin's page to download or delete all of the organisation's data."""
    organization = administered_organization(request.user, slug)
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() != organization.name:
            messages.error(request, _("Type the organisation's name exactly to confirm."))
        else:
            try:
                counts = ownership.delete_organisation_data(
                    organization, actor=Actor.of_user(request.user)
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _(
                        "Deleted: %(contracts)s contracts, %(imports)s imports, %(coalitions)s "
                        "coalition memberships."
                    )
                    % {
                        "contracts": counts["contracts"],
                        "imports": counts["imports"],
                        "coalitions": counts["coalition_memberships"],
                    },
                )
        return redirect("organisation_data", slug=slug)
    return render(
        request,
        "contracts/organisation_data.html",
        {
            "organization": organization,
            "contracts": organization.contracts.count(),
            "imports": organization.contract_imports.count(),
            "memberships": organization.coalition_memberships.count(),
        },
    )


@login_required
@require_safe
def organisation_data_export(request, slug):
    organization = administered_organization(request.user, slug)
    log_read(request, organization, Kind.EXPORT, "alle-gegevens.zip")
    response = HttpResponse(ownership.export_archive(organization), content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="gegevens-{organization.slug}-{stamp}.zip"'
    )
    return response


@login_required
def api_tokens(request, slug):
    organization = administered_organization(request.user, slug)
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
    organization = administered_organization(request.user, slug)
    token = get_object_or_404(OrganizationApiToken, pk=pk, organization=organization)
    revoke_api_token(token=token)
    messages.success(request, _("Token %s revoked.") % token.name)
    return redirect("api_tokens", slug=slug)
