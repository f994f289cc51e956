from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Purchasing coalitions")

    def ready(self):
        from coalitions import demand, organisation_data, start_panels
        from disclosure.releases import register
        from portal.organisation_data import register_holder
        from portal.start import register_panel

        register(demand.TOPIC, demand.produce)
        register_holder(organisation_data.HOLDER)
        register_panel(5, start_panels.vendor_requests)
        register_panel(30, start_panels.own_coalitions)
