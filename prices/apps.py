from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PricesConfig(AppConfig):
    name = "prices"
    verbose_name = _("Price benchmarks")

    def ready(self):
        from disclosure.releases import register
        from prices import releases

        register(releases.TOPIC, releases.produce)
