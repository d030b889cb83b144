"""Two-factor login in Chromium (docs/two-factor.md): an editor sets up an authenticator
app from its QR page and logs in with its codes; another registers a passkey with
Chromium's virtual authenticator (WebAuthn over CDP), logs out and logs in with it."""

import os
import re
import subprocess
import sys
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.support.servers import ROOT

PASSWORD = "two-factor-check-passphrase-2026"
USERS = ("tf-app-admin", "tf-passkey-admin")


@pytest.fixture(scope="module")
def superusers(browser_database_url):
    """Superusers without any device in the live site's database."""
    environment = {
        **os.environ,
        "DATABASE_URL": browser_database_url,
        "DJANGO_SETTINGS_MODULE": "iurc_site.settings.test",
    }
    code = (
        "from django.contrib.auth import get_user_model;"
        "User = get_user_model();"
        f"User.objects.filter(username__in={list(USERS)!r}).delete();"
        f"[User.objects.create_superuser(name, f'{{name}}@example.org', '{PASSWORD}')"
        f" for name in {list(USERS)!r}]"
    )
    subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return USERS


def log_in_with_password(page, username):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def forget_session(page):
    """As a browser closed and opened again: the session cookie is gone."""
    page.context.clear_cookies()


def test_authenticator_app_set_up_and_used(new_tab, test_settings_site_url, superusers):
    page = new_tab(test_settings_site_url)
    log_in_with_password(page, superusers[0])
    # Nothing of the admin opens before the second step is set up.
    expect(page).to_have_url(re.compile(r"/admin/two-factor/set-up/"))
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/two-factor/set-up/"))

    page.get_by_role("button", name="Set up an authenticator app").click()
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=code]", f"{totp(key):06d}")
    page.click("form.login-form button[type=submit]")

    expect(page.get_by_role("heading", name="Authenticator app set up")).to_be_visible()
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name="Continue to the admin").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))

    forget_session(page)
    log_in_with_password(page, superusers[0])
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    page.fill("input[name=code]", f"{(totp(key, drift=1) + 1) % 1_000_000:06d}")
    page.click("form.login-form button[type=submit]")
    expect(page.locator("#main")).to_contain_text("This code is not right")
    # The next time step's code: the one set-up used may not be used again.
    page.fill("input[name=code]", f"{totp(key, drift=1):06d}")
    page.click("form.login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_passkey_registered_and_used(new_tab, test_settings_site_url, superusers):
    # Browsers refuse passkeys on an IP address: the admin is opened on localhost.
    page = new_tab(test_settings_site_url.replace("127.0.0.1", "localhost"))
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]

    log_in_with_password(page, superusers[1])
    expect(page).to_have_url(re.compile(r"/admin/two-factor/set-up/"))
    page.get_by_role("button", name="Set up a passkey or security key").click()
    # After the passkey, its recovery codes.
    expect(page).to_have_url(re.compile(r"/admin/two-factor/recovery-codes/"))
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    credentials = cdp.send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator}
    )
    assert len(credentials["credentials"]) == 1
    page.get_by_role("link", name="Continue to the admin").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    forget_session(page)
    log_in_with_password(page, superusers[1])
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    page.get_by_role("button", name="Use a passkey or security key").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("#main")).to_be_visible()
    signed = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert signed["credentials"][0]["signCount"] >= 1
