from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Shared reference data: places, organisations, themes; pairing imports."""

    name = "partners"
    verbose_name = _("Partners and reference data")
