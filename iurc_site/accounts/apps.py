from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The admin's second login step: enrolment, verification, recovery, reset."""

    name = "iurc_site.accounts"
    label = "iurc_accounts"
    verbose_name = _("Editors' accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from iurc_site.accounts import checks as account_checks
        from iurc_site.accounts.throttle import password_login_succeeded

        user_logged_in.connect(
            password_login_succeeded, dispatch_uid="iurc_accounts.password_login"
        )
        checks.register(account_checks.check_policy_value)
        checks.register(account_checks.check_two_factor_on, deploy=True)
