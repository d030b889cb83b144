"""Passkeys and security keys (WebAuthn, django-otp-webauthn) as the second step.

The relying party is the host the admin was opened on, which Django has checked
against ALLOWED_HOSTS (or WEBAUTHN_RP_ID); the origin a browser reports must be that
host's own (or one of WEBAUTHN_ORIGINS). A phishing site cannot pass either: its
browser will not sign for our relying party, and its origin is not ours.

The package's views are used with three changes: a passkey is only ever a second step
(OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is off), a failed answer counts in the login
throttle (throttle.py), and a locked-out editor gets no challenge at all.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from django_otp_webauthn import exceptions
from django_otp_webauthn import helpers as webauthn_helpers
from django_otp_webauthn import views as webauthn_views

from iurc_site.accounts import throttle


def relying_party_id(request) -> str:
    """OTP_WEBAUTHN_RP_ID_CALLABLE: WEBAUTHN_RP_ID, else the request's host name."""
    configured = getattr(settings, "ADMIN_2FA_WEBAUTHN_RP_ID", "")
    return configured or urlsplit(f"//{request.get_host()}").hostname


class WebAuthnHelper(webauthn_helpers.WebAuthnHelper):
    """OTP_WEBAUTHN_HELPER_CLASS: the origins accepted come from the request's host."""

    def get_allowed_origins(self) -> list[str]:
        configured = getattr(settings, "ADMIN_2FA_WEBAUTHN_ORIGINS", [])
        return list(configured) or [
            f"{self.request.scheme}://{self.request.get_host()}"
        ]


class LockedOut(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_code = "locked_out"
    default_detail = _("Too many failed logins. Please try again later.")


class NotForThisAccount(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "credential_user_mismatch"
    default_detail = _(
        "This passkey belongs to another account. Use a passkey of this account."
    )


class BeginAuthenticationView(webauthn_views.BeginCredentialAuthenticationView):
    def check_can_authenticate(self):
        user = self.get_user()
        if user is None:
            raise exceptions.PasswordlessLoginDisabled()
        if throttle.is_locked_out(self.request, user):
            raise LockedOut()
        super().check_can_authenticate()


class CompleteAuthenticationView(webauthn_views.CompleteCredentialAuthenticationView):
    def check_can_authenticate(self):
        user = self.get_user()
        if user is None:
            raise exceptions.PasswordlessLoginDisabled()
        if throttle.is_locked_out(self.request, user):
            raise LockedOut()
        super().check_can_authenticate()

    def handle_exception(self, exc):
        user = self.request.user
        if (
            user.is_authenticated
            and isinstance(exc, exceptions.OTPWebAuthnApiError)
            and not isinstance(exc, LockedOut)
        ):
            if isinstance(exc, exceptions.CredentialUserMismatch):
                exc = NotForThisAccount()
            if throttle.count_failure(self.request, user):
                exc = LockedOut()  # the lockout answer replaces this one (JSON)
        return super().handle_exception(exc)

    def complete_auth(self, device):
        super().complete_auth(device)
        throttle.login_complete(self.request, device.user)

    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")


class CompleteRegistrationView(webauthn_views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        throttle.login_complete(self.request, self.request.user)
        return response


# The package's own messages for its scripts.
javascript_catalog = JavaScriptCatalog.as_view(packages=["django_otp_webauthn"])
