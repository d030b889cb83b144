from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IurcSiteConfig(AppConfig):
    """The programme app: home, standard and phase pages, site settings, shared blocks."""

    name = "iurc_site"
    verbose_name = _("IURC programme")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from iurc_site import private_apis
        from iurc_site.caching import content_version, invalidation
        from iurc_site.editorial import redirects
        from iurc_site.editorial.permission_audit import group_membership_changed

        m2m_changed.connect(
            group_membership_changed,
            sender=get_user_model().groups.through,
            dispatch_uid="iurc_site.group_membership_changed",
        )
        redirects.connect_signal_handlers()
        invalidation.connect()
        content_version.connect()
        # After wagtail-modeltranslation's own patches, which ours replace in part.
        private_apis.install()
