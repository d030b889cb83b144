"""System checks of the two-factor setting (`manage.py check`, `check --deploy`)."""

from django.core.checks import Error, Warning

from iurc_site.accounts.policy import ALL, CHOICES, NONE, policy


def check_policy_value(app_configs, **kwargs):
    if policy() in CHOICES:
        return []
    return [
        Error(
            f"ADMIN_2FA_REQUIRED_FOR is {policy()!r}.",
            hint=f"Use one of: {', '.join(CHOICES)}.",
            id="iurc_accounts.E001",
        )
    ]


def check_two_factor_on(app_configs, **kwargs):
    """Deployment: every editor should pass a second step after the password."""
    if policy() == NONE:
        return [
            Warning(
                "Two-factor login of the admin is off (ADMIN_2FA_REQUIRED_FOR=none): "
                "a stolen password opens the admin.",
                hint="Set ADMIN_2FA_REQUIRED_FOR=all (docs/two-factor.md).",
                id="iurc_accounts.W001",
            )
        ]
    if policy() != ALL:
        return [
            Warning(
                f"Two-factor login is required of superusers and Communications "
                f"only (ADMIN_2FA_REQUIRED_FOR={policy()}): a coordinator's "
                "stolen password opens the admin.",
                hint="Set ADMIN_2FA_REQUIRED_FOR=all (docs/two-factor.md).",
                id="iurc_accounts.W002",
            )
        ]
    return []
