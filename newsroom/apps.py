from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """News ("Reads") of the programme and its regions, with their feeds."""

    name = "newsroom"
    verbose_name = _("Newsroom")
