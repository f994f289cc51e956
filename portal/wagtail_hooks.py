"""CMS screens for organisations, memberships and log-in lock-outs (site administrators
only: the default model permissions are not given to editors)."""

from axes.models import AccessAttempt
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.models import Membership, Organization, OrganizationSize
from portal.services import (
    drop_member_groups,
    grant_organization_permissions,
    sync_member_groups,
)


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "site"
    list_display = ["name", "type", "sector", "province"]
    list_filter = ["type", "sector", "province"]
    search_fields = ["name", "kvk_number", "agb_code"]


class FigureColumn(Column):
    """A size figure formatted as the portal's pages format figures (Django's localize
    with thousands grouped): FTE "2.984,5", beds "3.160", revenue "250.000.000"."""

    def __init__(self, name, decimals=0):
        label = capfirst(OrganizationSize._meta.get_field(name).verbose_name)
        super().__init__(name, label=label, sort_key=name)
        self.decimals = decimals

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return "–"
        return number_format(value, decimal_pos=self.decimals, force_grouping=True)


class OrganizationSizeViewSet(SnippetViewSet):
    model = OrganizationSize
    icon = "table"
    list_display = [
        "organization",
        "year",
        FigureColumn("revenue_eur"),
        FigureColumn("fte", decimals=1),
        FigureColumn("beds"),
    ]
    list_filter = ["year"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]


class ParticipantsGroup(SnippetViewSetGroup):
    menu_label = _("Participants")
    menu_icon = "group"
    menu_order = 210
    items = (OrganizationViewSet, OrganizationSizeViewSet, MembershipViewSet)


register_snippet(ParticipantsGroup)


# Memberships edited in the CMS must give (or take away) the same group access as the
# services do.
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sync_groups_after_membership_saved(request, instance):
    if isinstance(instance, Membership):
        sync_member_groups(instance)
    if isinstance(instance, Organization):
        grant_organization_permissions([instance])


@hooks.register("before_delete_snippet")
def drop_groups_before_membership_deleted(request, instances):
    for instance in instances:
        if isinstance(instance, Membership):
            drop_member_groups(instance)


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Lock-outs are seen and lifted (deleted), never made or edited by hand."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutViewSet(ModelViewSet):
    """django-axes' failed log-ins per user name and address (portal/login.py): a row
    with as many failures as AXES_FAILURE_LIMIT within the cool-off is a lock-out;
    deleting the row lifts it. Site administrators only (editors lack the permissions)."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Log-in lock-outs")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_display = [
        Column("username", label=_("User name")),
        Column("ip_address", label=_("Client address")),
        Column("failures_since_start", label=_("Failed log-ins")),
        DateColumn("attempt_time", label=_("Last attempt")),
    ]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    form_fields = ["username"]  # required by ModelViewSet; no one may add or edit

    @property
    def permission_policy(self):
        return LockoutPermissionPolicy(self.model)


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet("login_lockouts")
