"""Authentication with an organisation's API token: `Authorization: Bearer <key>`.

The token acts as a principal of portal.permissions: it holds the grants of its
organisation's members' group, and of its editors' group if it may write. A read-only
token is refused any write (ReadOnlyTokenScope) before permissions are looked at."""

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from contracts.models import OrganizationApiToken


class OrganizationPrincipal:
    """Stands in for a user when an organisation's system calls the API. It has no
    grants of its own and no global permissions: only its groups' object permissions."""

    pk = None
    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_superuser = False
    is_staff = False

    def __init__(self, token):
        self.token = token
        self.organization = token.organization
        granted = [self.organization.group_id]
        if token.can_write:
            granted.append(self.organization.editors_group_id)
        self.groups = Group.objects.filter(pk__in=granted)

    def get_username(self):
        return f"token:{self.token.key_prefix}"

    def has_perm(self, perm, obj=None):
        return False


class ReadOnlyTokenScope(permissions.BasePermission):
    """An organisation token that may not write is refused every write."""

    message = "This token may only read."

    def has_permission(self, request, view):
        token = request.auth if isinstance(request.auth, OrganizationApiToken) else None
        return request.method in permissions.SAFE_METHODS or token is None or token.can_write


class OrganizationTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode().lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        key = header[1].decode()
        token = (
            OrganizationApiToken.objects.select_related("organization")
            .filter(key_hash=OrganizationApiToken.hash_key(key), revoked_at__isnull=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        OrganizationApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return OrganizationPrincipal(token), token

    def authenticate_header(self, request):
        return self.keyword


class OrganizationTokenScheme(OpenApiAuthenticationExtension):
    target_class = "contracts.api_auth.OrganizationTokenAuthentication"
    name = "organisationToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An organisation's API token (issued by its admin).",
        }
