from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Purchasing coalitions")

    def ready(self):
        from coalitions import demand
        from disclosure.releases import register

        register(demand.TOPIC, demand.produce)
