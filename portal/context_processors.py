"""The site menu. Each entry is shown only to users its page lets in, decided by the
access function the page's own view uses, so a menu link never ends in a 403 or 404."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.selectors import memberships_of


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: str
    href: str = ""  # a Wagtail page's own URL instead of a named route

    @property
    def url(self):
        return self.href or reverse(self.url_name)


def menu_for(user):
    """The menu entries ``user`` may open, in menu order."""
    from airegister.access import may_see_register
    from knowledge.links import index_url
    from market.access import may_see_monitor
    from prices.access import viewer_for
    from vendors.access import represents_a_vendor

    anyone = True
    entries = [
        ("start", _("My portal"), lambda: user.is_authenticated),
        ("vendor_list", _("Vendors"), anyone),
        ("product_list", _("Products"), anyone),
        ("standard_list", _("Standards"), anyone),
        ("organization_list", _("Organisations"), anyone),
        # The list opens for every log-in, but without an organisation it stays empty.
        ("contract_list", _("My contracts"), lambda: memberships_of(user).exists()),
        ("ai_register", _("AI register"), lambda: may_see_register(user)),
        ("coalition_list", _("Coalitions"), anyone),
        ("price_explorer", _("Price benchmarks"), lambda: viewer_for(user) is not None),
        ("market_dashboard", _("Market monitor"), lambda: may_see_monitor(user)),
        ("ai_monitor", _("AI monitor"), anyone),
        ("vendor_self_service", _("Vendor self-service"), lambda: represents_a_vendor(user)),
    ]
    menu = [
        MenuEntry(name, label) for name, label, allowed in entries if allowed is anyone or allowed()
    ]
    # The knowledge base is a Wagtail page: shown once it is live (knowledge.links).
    if knowledge_url := index_url():
        menu.append(MenuEntry("knowledge_base", _("Knowledge base"), href=knowledge_url))
    return menu


def portal(request):
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    return {"menu": lambda: menu_for(user)}  # evaluated only when a template uses it
