from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from knowledge import links
        from portal.help_links import register_clause_help, register_guide_help

        register_clause_help(links.clause_page_urls)
        register_guide_help(links.guide_links)
        links.connect()
