"""A member's own API token (`Authorization: Token <key>`, DRF's authtoken), for users
without a second factor only.

A user token stands for the password alone, so it must not open the API for a user who
has to pass a second factor (organisation admins, CMS editors, staff) or switched one
on: for them it is refused, whenever it was made. Their organisation's systems use an
organisation token (contracts.api_auth), their browser a verified session."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from portal.two_factor.policy import second_factor_on


class SecondFactorAwareTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if second_factor_on(user):
            raise exceptions.AuthenticationFailed(
                _(
                    "This account uses a second factor, so its user token is not accepted. "
                    "Use an organisation API token or log in."
                )
            )
        return user, token
