"""Site-wide pages that are not Wagtail pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from portal.choices import Sector
from portal.models import Organization
from portal.permissions import has_perm
from portal.selectors import memberships_of
from portal.start import panels_for


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


@require_safe
def switch_language(request, code):
    """The header's language link: remember the chosen language in Django's language
    cookie (what ChosenLanguageMiddleware reads) and go back to the page. A GET because
    it is a plain link; it changes only the visitor's own display preference."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_required
@require_safe
def start(request):
    """The page after log-in: what needs the user's attention, by role."""
    return render(
        request,
        "portal/start.html",
        {
            "panels": panels_for(request, timezone.localdate()),
            "memberships": memberships_of(request.user),
        },
    )
