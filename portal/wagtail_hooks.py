"""CMS screens for organisations and memberships (site administrators only: the
default model permissions are not given to editors)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from contracts.models import LockInClause
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


class OrganizationSizeViewSet(SnippetViewSet):
    model = OrganizationSize
    icon = "table"
    list_display = ["organization", "year", "revenue_eur", "fte", "beds"]
    list_filter = ["year"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    list_display = ["user", "organization", "role"]
    list_filter = ["role"]


class LockInClauseViewSet(SnippetViewSet):
    model = LockInClause
    icon = "list-ul"
    list_display = ["name", "name_en", "sort_order"]


class ParticipantsGroup(SnippetViewSetGroup):
    menu_label = _("Participants")
    menu_icon = "group"
    menu_order = 210
    items = (OrganizationViewSet, OrganizationSizeViewSet, MembershipViewSet, LockInClauseViewSet)


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
