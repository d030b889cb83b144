from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    """The publications library: the programme's documents, with their type, languages,
    region, pairings and the text inside them."""

    name = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from publications import extraction

        extraction.connect()
