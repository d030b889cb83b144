from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """The thematic networks: places and organisations working together on a theme."""

    name = "networks"
    verbose_name = _("Thematic networks")
