from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Downloads of the pairings, the public API and the open-data metadata."""

    name = "opendata"
    verbose_name = _("Open data")
