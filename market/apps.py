from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "market"
    verbose_name = _("Market monitor")

    def ready(self):
        from disclosure.releases import register
        from market import releases, start_panels
        from portal.start import register_panel

        register(releases.TOPIC, releases.produce)
        register_panel(40, start_panels.market_headlines)
