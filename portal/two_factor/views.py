"""Pages to set up, pass and manage the second factor."""

import io
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from portal.two_factor import services
from portal.two_factor.forms import CodeForm
from portal.two_factor.policy import requires_two_factor

WRONG = gettext_lazy("This code is not right. Enter the code your app shows now.")
TOO_MANY = gettext_lazy("Too many wrong codes. Wait a minute and try again.")


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _pass(request, device):
    """Mark this session as verified with ``device``; a new session key, as after the
    password."""
    django_otp.login(request, device)
    request.session.cycle_key()


def _qr_svg(url):
    out = io.BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    svg = out.getvalue().decode()
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 - our own generated SVG


@login_required
def setup(request):
    user, next_url = request.user, _next_url(request)
    if services.confirmed_app_device(user) and not user.is_verified():
        # Someone with only the password must not be able to add their own app.
        return redirect(_with_next("two_factor_verify", next_url))
    device = services.pending_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", TOO_MANY)
        elif codes := services.confirm_app_device(
            user=user, device=device, token=form.cleaned_data["code"]
        ):
            _pass(request, device)
            return render(
                request, "two_factor/backup_codes.html", {"codes": codes, "next": next_url}
            )
        else:
            form.add_error("code", WRONG)
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": requires_two_factor(user),
        },
    )


@login_required
def verify(request):
    user, next_url = request.user, _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not services.confirmed_app_device(user):
        return redirect(_with_next("two_factor_setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.throttled(user):
            form.add_error("code", TOO_MANY)
        elif device := services.verified_device(user, form.cleaned_data["code"]):
            _pass(request, device)
            return redirect(next_url)
        else:
            form.add_error("code", WRONG)
    return render(request, "two_factor/verify.html", {"form": form, "next": next_url})


@login_required
@require_POST
def renew_backup_codes(request):
    """Only reached by verified sessions (the middleware holds the others)."""
    if not user_has_device(request.user):
        return redirect("two_factor_setup")
    codes = services.new_backup_codes(user=request.user)
    return render(
        request,
        "two_factor/backup_codes.html",
        {"codes": codes, "next": reverse("account")},
    )


@login_required
@require_POST
def switch_off(request):
    if requires_two_factor(request.user):
        messages.error(request, _("Your role requires two-factor authentication."))
    else:
        services.reset_two_factor(user=request.user)
        messages.success(request, _("Two-factor authentication is switched off."))
    return redirect("account")
