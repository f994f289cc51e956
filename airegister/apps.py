from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AIRegisterConfig(AppConfig):
    name = "airegister"
    verbose_name = _("AI register")

    def ready(self):
        from airegister import monitor
        from disclosure.releases import register

        register(monitor.TOPIC, monitor.produce)
