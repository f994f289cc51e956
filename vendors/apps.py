from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = _("Vendors and products")

    def ready(self):
        from portal.home import register_figures
        from portal.start import register_panel
        from vendors import start_panels
        from vendors.selectors import directory_counts

        register_figures(directory_counts)
        register_panel(6, start_panels.expiring_evidence)
