"""Setting up and removing second-step devices, and the administrators' reset."""

from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.utils.safestring import mark_safe

from wagtail.log_actions import log

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from iurc_site.accounts.policy import devices_of

TWO_FACTOR_RESET = "iurc_accounts.two_factor_reset"
RECOVERY_DEVICE_NAME = "Recovery codes"


def new_authenticator(user) -> TOTPDevice:
    """An unconfirmed authenticator-app device; the user's earlier unconfirmed ones go."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as an authenticator app takes it when typed: base32, in groups of 4."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(text: str) -> str:
    """`text` as a QR code, an inline <svg> element (the admin's CSP allows no data:
    images from a page script, and inline SVG needs none)."""
    image = qrcode.make(
        text, image_factory=qrcode.image.svg.SvgPathImage, box_size=16, border=2
    )
    markup = image.to_string(encoding="unicode")
    start = markup.index("<svg")
    # The markup is qrcode's own, built from the device's URL, never the user's text.
    return mark_safe(markup[start:])  # noqa: S308


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with ADMIN_2FA_RECOVERY_CODES new ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(
        user=user, name=RECOVERY_DEVICE_NAME, confirmed=True
    )
    codes = [
        StaticToken.random_token() for _ in range(settings.ADMIN_2FA_RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def describe(device) -> str:
    return f"{device._meta.verbose_name}: {device.name}"


@transaction.atomic
def reset_two_factor(user, by=None) -> list[str]:
    """Remove every device of `user` (they set one up again at their next login),
    and write it to the audit log, by `by` (None: a management command)."""
    removed = sorted(describe(device) for device in devices_of(user))
    for device in devices_of(user):
        device.delete()
    log(instance=user, action=TWO_FACTOR_RESET, user=by, data={"removed": removed})
    return removed
