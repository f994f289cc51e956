"""Protection against password guessing on the portal's and the CMS's log-in page, with
django-axes (settings: AXES_*). Failures are counted per user name *and* client address
(portal.client_address), so someone who knows a user name locks out only themselves, not
that user at their own desk. After AXES_FAILURE_LIMIT failures the pair is refused for
AXES_COOLOFF_TIME, even with the right password; an address that fails
LOGIN_MAX_FAILURES_PER_ADDRESS times on any names is refused for all of them. Site
administrators see and lift lock-outs in the CMS (portal/wagtail_hooks.py)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

LOCKED = _("Too many failed log-ins. Try again in %(minutes)s minutes.")


def _normalise(username):
    return (username or "").strip().lower()[:255]


def attempted_username(request, credentials=None):
    """The user name a log-in tried, case-blind (AXES_USERNAME_CALLABLE)."""
    if credentials:
        return _normalise(credentials.get("username"))
    return _normalise(getattr(request, "POST", {}).get("username"))


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler (lock-outs are rows the CMS lists), plus a limit on
    one address trying many user names."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        per_address = settings.LOGIN_MAX_FAILURES_PER_ADDRESS
        if per_address:
            from_address = AccessAttempt.objects.filter(
                ip_address=request.axes_ip_address,
                attempt_time__gte=get_cool_off_threshold(request),
            ).aggregate(total=Sum("failures_since_start"))["total"]
            if (from_address or 0) >= per_address:
                return max(failures, get_failure_limit(request, credentials))
        return failures


def locked_message():
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return LOCKED % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: keep the log-in page, which shows the lock-out message in
    its form (LockoutLoginMixin)."""
    if isinstance(original_response, HttpResponse):
        return original_response
    return HttpResponse(locked_message(), status=429, content_type="text/plain")


class LockoutLoginMixin:
    def clean(self):
        username = self.cleaned_data.get("username") or ""
        credentials = {"username": username}
        if username and AxesProxyHandler.is_locked(self.request, credentials):
            raise ValidationError(locked_message(), code="locked")
        try:
            return super().clean()
        except ValidationError:
            # This failure may have been the last one allowed: say so now.
            if username and AxesProxyHandler.is_locked(self.request, credentials):
                raise ValidationError(locked_message(), code="locked") from None
            raise


class ThrottledAuthenticationForm(LockoutLoginMixin, AuthenticationForm):
    pass


class ThrottledCmsLoginForm(LockoutLoginMixin, LoginForm):
    pass
