from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Purchasing coalitions")

    def ready(self):
        from coalitions import demand, organisation_data
        from disclosure.releases import register
        from portal.organisation_data import register_holder

        register(demand.TOPIC, demand.produce)
        register_holder(organisation_data.HOLDER)
