"""Protection against password guessing: after LOGIN_MAX_FAILURES failed log-ins for one
user name (or LOGIN_MAX_FAILURES_PER_ADDRESS from one address) log-in is refused for
LOGIN_LOCKOUT_SECONDS, even with the right password. Used by the portal's log-in page
and the CMS's."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


def _address(request):
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def _counters(request, username):
    return [
        (f"login-failures:user:{username.strip().lower()}", settings.LOGIN_MAX_FAILURES),
        (f"login-failures:addr:{_address(request)}", settings.LOGIN_MAX_FAILURES_PER_ADDRESS),
    ]


def is_locked(request, username):
    return any(cache.get(key, 0) >= limit for key, limit in _counters(request, username))


def record_failure(request, username):
    for key, _limit in _counters(request, username):
        cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def reset(request, username):
    cache.delete(_counters(request, username)[0][0])


LOCKED = _("Too many failed log-ins. Try again in %(minutes)s minutes.")


class ThrottledLoginMixin:
    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and is_locked(self.request, username):
            raise ValidationError(
                LOCKED % {"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60}, code="locked"
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                record_failure(self.request, username)
            raise
        reset(self.request, username)
        return cleaned


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledCmsLoginForm(ThrottledLoginMixin, LoginForm):
    pass
