from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "market"
    verbose_name = _("Market monitor")

    def ready(self):
        from disclosure.releases import register
        from market import releases

        register(releases.TOPIC, releases.produce)
