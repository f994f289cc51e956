"""CMS screen for the lock-in clause catalogue (site administrators only: the default
model permissions are not given to editors)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from contracts.models import LockInClause


class LockInClauseViewSet(SnippetViewSet):
    model = LockInClause
    icon = "list-ul"
    menu_label = _("Lock-in clauses")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "name_en", "sort_order"]


register_snippet(LockInClauseViewSet)
