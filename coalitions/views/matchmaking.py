"""Partners for one of the organisation's contracts, and the organisation admin's
setting to be findable by others."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from coalitions import matchmaking
from coalitions.access import may_start_coalition
from contracts.views import contract_for
from portal.choices import Province, Sector
from portal.selectors import administered_organization


@login_required
@require_safe
def contract_partners(request, pk):
    contract = contract_for(request.user, pk)
    sector = request.GET.get("sector", "")
    province = request.GET.get("provincie", "")
    sector = sector if sector in Sector.values else ""
    province = province if province in Province.values else ""
    return render(
        request,
        "coalitions/partners.html",
        {
            "contract": contract,
            "coalitions": matchmaking.open_coalitions(request.user, contract),
            "partners": matchmaking.partners(contract, sector=sector, province=province),
            "sector": sector,
            "province": province,
            "sectors": Sector.choices,
            "provinces": Province.choices,
            "own_findable": contract.organization.findable_for_coalitions,
            "may_start": may_start_coalition(request.user),
        },
    )


@login_required
def organization_settings(request, slug):
    organization = administered_organization(request.user, slug)
    if request.method == "POST":
        organization.findable_for_coalitions = request.POST.get("findable") == "on"
        organization.save(update_fields=["findable_for_coalitions"])
        messages.success(request, _("Settings saved."))
        return redirect("organization_settings", slug=slug)
    return render(request, "coalitions/organization_settings.html", {"organization": organization})
