"""Site-wide pages that are not Wagtail pages."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from portal.choices import Sector
from portal.models import Organization
from portal.permissions import has_perm


@require_safe
def organization_list(request):
    sector = request.GET.get("sector", "")
    organizations = Organization.objects.all()
    if sector in Sector.values:
        organizations = organizations.filter(sector=sector)
    page = Paginator(organizations.order_by("name"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/organization_list.html",
        {"page": page, "sector": sector, "sectors": Sector.choices},
    )


@require_safe
def organization_detail(request, slug):
    """Public facts only: name, type, sector, province. Never contracts or sizes."""
    organization = get_object_or_404(Organization, slug=slug)
    administered = has_perm(request.user, "portal.administer_organization", organization)
    return render(
        request,
        "portal/organization_detail.html",
        {"organization": organization, "administered": administered},
    )
