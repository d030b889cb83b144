"""Wagtail's users app with audited group screens, listed in INSTALLED_APPS instead of it."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with group screens that log every permission change.

    Listed in INSTALLED_APPS instead of "wagtail.users": Wagtail's documented way to
    customise its group views. (In its own module, so that iurc_site.apps keeps a single
    AppConfig for Django to pick.)
    """

    group_viewset = "iurc_site.editorial.groups.AuditedGroupViewSet"
