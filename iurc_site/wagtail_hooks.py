"""Admin hooks of the programme app: audit log actions and the translation status report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import policy_registry

from iurc_site.editorial.permission_audit import MEMBERSHIP_CHANGED, PERMISSIONS_CHANGED


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    @actions.register_action(PERMISSIONS_CHANGED)
    class PermissionsChanged(LogFormatter):
        label = _("Change permissions")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _(
                "Permissions changed. Granted: %(granted)s. Revoked: %(revoked)s."
            ) % {
                "granted": "; ".join(data.get("granted", [])) or "–",
                "revoked": "; ".join(data.get("revoked", [])) or "–",
            }

    @actions.register_action(MEMBERSHIP_CHANGED)
    class MembershipChanged(LogFormatter):
        label = _("Change group membership")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Groups changed. Joined: %(added)s. Left: %(removed)s.") % {
                "added": ", ".join(data.get("added", [])) or "–",
                "removed": ", ".join(data.get("removed", [])) or "–",
            }


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    from iurc_site.reports.views import TranslationStatusView

    return [
        path(
            "reports/translation-status/",
            TranslationStatusView.as_view(),
            name="translation_status",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusView.as_view(results_only=True),
            name="translation_status_results",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="globe",
        order=650,
    )
