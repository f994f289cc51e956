"""The portal's error responses (handler403/404/500 in portal.urls): the pages in
portal/templates/ (403.html, 404.html, 500.html) in the site layout and the user's
language; under /api/ JSON in DRF's shape, as the API's own errors are."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def _for_api(request):
    return request.path.startswith(API_PREFIX)


def permission_denied(request, exception):
    if _for_api(request):
        return JsonResponse(
            {"detail": _("You do not have permission to perform this action.")}, status=403
        )
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _for_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """No database, no request context: the plain 500.html (or JSON for the API)."""
    if _for_api(request):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return defaults.server_error(request)
