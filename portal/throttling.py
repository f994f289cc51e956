"""API rate limits: per token (an organisation's API token or a user's session) and per
client address for anonymous callers (portal.client_address: X-Forwarded-For counts only
from a trusted proxy). Rates are settings (REST_FRAMEWORK DEFAULT_THROTTLE_RATES); a
caller over the limit gets 429 with Retry-After."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from portal.client_address import client_address


class LiveRates:
    """Read the rate from the settings at each request (DRF reads them once), so a
    change of settings, in tests or at run time, applies."""

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]


class AnonymousAddressThrottle(LiveRates, AnonRateThrottle):
    scope = "anon"

    def get_ident(self, request):
        # DRF's own reads X-Forwarded-For unless NUM_PROXIES is set: a new header on
        # every request would be a new budget.
        return client_address(request)


class TokenThrottle(LiveRates, SimpleRateThrottle):
    """One budget per organisation token, else per user."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None  # the anonymous throttle applies
        token = getattr(request.user, "token", None)  # contracts.api_auth.OrganizationPrincipal
        ident = f"org-token-{token.pk}" if token is not None else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
