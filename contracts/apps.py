from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Contracts")

    def ready(self):
        from contracts import figures, lockin, selectors, start_panels
        from disclosure.releases import register
        from portal.home import register_figures
        from portal.start import register_panel
        from vendors import customers

        register(figures.FIGURES_TOPIC, figures.produce_figures)
        register(lockin.TOPIC, lockin.produce)
        register_figures(figures.released_figures)
        customers.register_source(selectors.running_customers)
        register_panel(10, start_panels.notice_deadlines)
