"""Hold a password-only log-in at the second factor until it is passed."""

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.two_factor.policy import must_verify
from portal.two_factor.services import confirmed_app_device

# Paths a held log-in may still use: leaving, switching language, the CMS's own log-in.
OPEN_PREFIXES = ("/cms/login/", "/cms/logout/", "/i18n/", "/healthz")
OPEN_URL_NAMES = ("login", "logout", "two_factor_setup", "two_factor_verify")


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: users who must verify are sent to enter a code
    (or to set up an app first); the API answers 403 for such sessions. Token-
    authenticated API calls are not sessions and are not affected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._is_open(request.path) or not must_verify(request.user):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = _("Confirm your log-in with your second factor first.")
            return JsonResponse({"detail": message}, status=403)
        target = "two_factor_verify" if confirmed_app_device(request.user) else "two_factor_setup"
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(target)}?{query}")

    @staticmethod
    def _is_open(path):
        if path.startswith(OPEN_PREFIXES) or path.startswith(settings.STATIC_URL):
            return True
        return path in _open_paths()


@functools.cache
def _open_paths():
    return frozenset(reverse(name) for name in OPEN_URL_NAMES)
