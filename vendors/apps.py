from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = _("Vendors and products")

    def ready(self):
        from disclosure.releases import register
        from vendors import lockin_published

        register(lockin_published.TOPIC, lockin_published.produce)
