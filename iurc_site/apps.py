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
        # Cached routing, site lookup and site root paths (iurc_site.models.pages);
        # after wagtail-modeltranslation, which replaces the last on every page type.
        from wagtail.models import Page, Site

        from iurc_site.models.pages import (
            site_root_paths_per_language,
            with_cached_routes,
            with_cached_sites,
        )

        Page.route_for_request = staticmethod(
            with_cached_routes(Page.route_for_request)
        )
        Site._find_for_request = staticmethod(with_cached_sites(Site._find_for_request))
        _install_everywhere(Page, site_root_paths_per_language)
        slug_validation.install()


def _install_everywhere(page_type, site_root_paths):
    # Every page type and the types below it: wagtail-modeltranslation set its own
    # _get_site_root_paths on each translated type.
    page_type._get_site_root_paths = site_root_paths
    for subtype in page_type.__subclasses__():
        _install_everywhere(subtype, site_root_paths)
