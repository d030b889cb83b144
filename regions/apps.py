from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    """Regions, their sub-site roots and their pairings."""

    name = "regions"
    verbose_name = _("Regions and pairings")
