"""Admin hooks: the reset in the audit log, the users list and the account page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from iurc_site.accounts.devices import TWO_FACTOR_RESET
from iurc_site.accounts.views import may_reset


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    @actions.register_action(TWO_FACTOR_RESET)
    class TwoFactorReset(LogFormatter):
        label = _("Reset two-factor login")

        def format_message(self, log_entry):
            removed = (log_entry.data or {}).get("removed", [])
            return _("Two-factor login reset. Devices removed: %(removed)s.") % {
                "removed": "; ".join(removed) or "–"
            }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if may_reset(request_user, user):
        yield Button(
            _("Reset two-factor login"),
            reverse("iurc_accounts:reset", args=[user.pk]),
            priority=50,
        )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("iurc_accounts:account"),
        "label": _("Two-factor login"),
        "help_text": _(
            "Your authenticator apps, passkeys and security keys, and recovery codes."
        ),
    }
