from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PricesConfig(AppConfig):
    name = "prices"
    verbose_name = _("Price benchmarks")

    def ready(self):
        from disclosure.releases import register
        from prices import releases
        from prices.monitor import releases as market_releases

        register(releases.TOPIC, releases.produce)
        register(market_releases.TOPIC, market_releases.produce)
