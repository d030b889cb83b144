from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    """Regions, their sub-site roots and their pairings."""

    name = "regions"
    verbose_name = _("Regions and pairings")

    def ready(self):
        from django.db.models.signals import post_save

        from regions.editorial_roles import region_saved
        from regions.models import RegionPage

        post_save.connect(
            region_saved, sender=RegionPage, dispatch_uid="regions.region_saved"
        )
