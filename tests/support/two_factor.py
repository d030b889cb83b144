"""Logging editors into the admin past the second step (docs/two-factor.md).

The admin opens only to a session that passed the second step. `verified_login` gives
the user a new authenticator-app device and passes the step through HTTP, as the
editor does: no session key is set by hand.
"""

from django.urls import reverse

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the device's authenticator app shows now (or `steps_ahead` steps on)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead):0{device.digits}d}"


def verified_login(client, user):
    """client.force_login(user), then the code of a new authenticator of theirs."""
    client.force_login(user)
    return pass_second_step(client, user)


def pass_second_step(client, user):
    """After the password: the code of a new authenticator of the user's."""
    device = TOTPDevice.objects.create(user=user, name="Test authenticator")
    response = client.post(reverse("iurc_accounts:verify"), {"code": code_of(device)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return device
