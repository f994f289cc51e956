from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Fictional organisations, vendors, contracts and log-ins for trying the portal
    (`manage.py seed_demo`); on top of every other app, which know nothing of it."""

    name = "demo"
    verbose_name = _("Demo data")
