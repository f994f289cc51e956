from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PricesConfig(AppConfig):
    name = "prices"
    verbose_name = _("Price benchmarks")

    def ready(self):
        from disclosure.releases import register
        from portal.start import register_panel
        from prices import releases, start_panels

        register(releases.TOPIC, releases.produce)
        register_panel(20, start_panels.largest_savings)
