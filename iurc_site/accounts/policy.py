"""Who must pass the second login step, and with which devices.

ADMIN_2FA_REQUIRED_FOR says who must: "privileged" (superusers and the Communications
group), "all" (every editor) or "none". Anyone who has set up a device must use it,
whatever the setting.
"""

from django.conf import settings

from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from regions.editorial_roles import COMMUNICATIONS

PRIVILEGED = "privileged"
ALL = "all"
NONE = "none"
CHOICES = (PRIVILEGED, ALL, NONE)


def policy() -> str:
    return str(getattr(settings, "ADMIN_2FA_REQUIRED_FOR", PRIVILEGED)).strip().lower()


def required_by_policy(user) -> bool:
    """Whether the setting makes this editor pass a second step."""
    mode = policy()
    if not user.is_authenticated or mode == NONE:
        return False
    if mode == ALL or user.is_superuser:
        return True
    return user.groups.filter(name=COMMUNICATIONS).exists()


def has_sign_in_device(user) -> bool:
    """An authenticator app or a passkey set up (recovery codes alone do not count)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def second_step_required(user) -> bool:
    return user.is_authenticated and (
        required_by_policy(user) or has_sign_in_device(user)
    )


def is_verified(user) -> bool:
    """Whether this session passed the second step (django_otp's OTPMiddleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def devices_of(user):
    """Every device of the user, confirmed or not, of every kind."""
    return list(devices_for_user(user, confirmed=None))


def unused_recovery_codes(user) -> int:
    return sum(
        device.token_set.count()
        for device in StaticDevice.objects.filter(user=user, confirmed=True)
    )
