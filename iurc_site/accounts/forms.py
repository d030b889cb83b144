"""The second step's forms: a code from an authenticator app, or a recovery code."""

import re
import time

from django import forms
from django.utils.translation import gettext_lazy as _

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

DIGITS = re.compile(r"^\d{6}$")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "The 6-digit code your authenticator app shows, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, user, allow_recovery=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.allow_recovery = allow_recovery
        self.device = None
        if not allow_recovery:
            self.fields["code"].help_text = _(
                "The 6-digit code your authenticator app shows."
            )

    def clean_code(self):
        return re.sub(r"[\s-]", "", self.cleaned_data["code"]).lower()

    def verify(self, devices) -> bool:
        """Check the code against `devices`; on failure, the form says why."""
        code = self.cleaned_data["code"]
        if DIGITS.match(code):
            return self._verify_totp(code, devices)
        if self.allow_recovery and code.isalnum():
            return self._verify_recovery(code)
        self.add_error("code", _("Enter the 6 digits your authenticator app shows."))
        return False

    def _verify_totp(self, code, devices) -> bool:
        totp_devices = [d for d in devices if isinstance(d, TOTPDevice)]
        throttled = False
        for device in totp_devices:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(code):
                self.device = device
                return True
        if throttled:
            self.add_error(
                "code",
                _("Too many wrong codes in a row. Wait a minute, then try again."),
            )
        elif any(_was_used(device, code) for device in totp_devices):
            self.add_error(
                "code",
                _(
                    "This code has already been used. Wait for your app to show a "
                    "new one."
                ),
            )
        else:
            self.add_error(
                "code",
                _(
                    "This code is not right. Check that your device's clock is set "
                    "automatically, and type the code your app shows now."
                ),
            )
        return False

    def _verify_recovery(self, code) -> bool:
        recovery = StaticDevice.objects.filter(user=self.user, confirmed=True)
        for device in recovery.select_for_update():
            if device.verify_token(code):
                self.device = device
                return True
        self.add_error(
            "code",
            _("This recovery code is not valid, or it has already been used."),
        )
        return False


def _was_used(device: TOTPDevice, code: str) -> bool:
    """Whether `code` was right within the device's tolerance, but for a time step
    already used: a replayed code, which verify_token refuses without saying so."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return bool(totp.verify(int(code), device.tolerance, 0))


class ConfirmForm(forms.Form):
    """An empty form: the confirmation of an action (CSRF-protected POST)."""
