from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IurcSiteConfig(AppConfig):
    """The programme app: home, standard and phase pages, site settings, shared blocks."""

    name = "iurc_site"
    verbose_name = _("IURC programme")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from iurc_site import content_version, redirects, slug_validation
        from iurc_site.page_cache import invalidation as page_cache_invalidation
        from iurc_site.permission_audit import group_membership_changed

        m2m_changed.connect(
            group_membership_changed,
            sender=get_user_model().groups.through,
            dispatch_uid="iurc_site.group_membership_changed",
        )
        redirects.connect_signal_handlers()
        page_cache_invalidation.connect()
        content_version.connect()
        # After wagtail-modeltranslation, which replaces every page type's route().
        from iurc_site.models import HomePage
        from iurc_site.models.pages import with_cached_routes

        HomePage.route = with_cached_routes(HomePage.route)
        slug_validation.install()
