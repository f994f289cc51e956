"""The user's own account: organisations and roles, password, second factor."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.two_factor import services as two_factor
from portal.two_factor.policy import requires_two_factor


@login_required
@require_safe
def account(request):
    user = request.user
    return render(
        request,
        "portal/account.html",
        {
            "memberships": user.memberships.select_related("organization"),
            "app_device": two_factor.confirmed_app_device(user),
            "backup_codes_left": two_factor.backup_codes_left(user),
            "two_factor_required": requires_two_factor(user),
        },
    )
