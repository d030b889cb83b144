from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IurcSiteConfig(AppConfig):
    """The programme app: home, standard and phase pages, site settings, shared blocks."""

    name = "iurc_site"
    verbose_name = _("IURC programme")
