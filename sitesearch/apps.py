from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    """The public search: one document per page or place and language, kept up to date."""

    name = "sitesearch"
    verbose_name = _("Site search")

    def ready(self):
        from sitesearch import signal_handlers

        signal_handlers.connect()
