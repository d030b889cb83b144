"""The second step counts in django-axes' login throttle, as a wrong password does.

A wrong or replayed code, a recovery code used twice, an expired set-up page and a
passkey answer that fails (another user's, a bad signature) are failed logins of the
editor, from that address: after AXES_FAILURE_LIMIT of them, passwords and codes alike,
the pair is locked out for AXES_COOLOFF_TIME and the session is logged out. The count
is reset only when a login is complete (AXES_RESET_ON_SUCCESS is off): after the
password for an editor who needs no second step, otherwise after the second step.
"""

from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed

from axes.handlers.proxy import AxesProxyHandler

from iurc_site.accounts.policy import second_step_required
from iurc_site.web.client_address import client_address


def _credentials(user):
    return {"username": user.get_username()}


def is_locked_out(request, user) -> bool:
    return not AxesProxyHandler.is_allowed(request, _credentials(user))


def count_failure(request, user) -> bool:
    """Record a failed second step; True when it locked the editor out (logged out)."""
    user_login_failed.send(
        sender=__name__, credentials=_credentials(user), request=request
    )
    if getattr(request, "axes_locked_out", False):
        logout(request)
        return True
    return False


def login_complete(request, user) -> None:
    """Forget the failed attempts of this editor from this address."""
    address = client_address(request)
    if address:  # without one, django-axes would forget them from every address
        AxesProxyHandler.reset_attempts(
            ip_address=address, username=user.get_username()
        )


def password_login_succeeded(sender, request, user, **kwargs):
    """user_logged_in receiver: a password alone completes the login of some editors."""
    if request is not None and not second_step_required(user):
        login_complete(request, user)
