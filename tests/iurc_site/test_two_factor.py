"""Two-factor login of the admin over HTTP: a password alone opens no admin page for the
roles that need a second step; enrolment, codes, recovery codes, passkeys for another
user, the login throttle, and an administrator's reset (docs/two-factor.md)."""

import json
import re
import subprocess
import sys
from base64 import b32decode

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from axes.models import AccessAttempt
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from iurc_site.accounts import checks
from iurc_site.accounts.devices import TWO_FACTOR_RESET, new_recovery_codes
from regions.editorial_roles import COMMUNICATIONS
from tests.support.servers import ROOT, production_environment
from tests.support.two_factor import code_of, verified_login

PASSWORD = "not-a-real-password"
COORDINATORS = "China coordinators"
# Pages of the admin, and one of its JSON endpoints, none of which a password opens.
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/",
    "/admin/images/",
    "/admin/users/",
    "/admin/api/main/pages/",
    "/admin/reports/translation-status/",
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "root-editor", "root@example.org", PASSWORD
    )


@pytest.fixture
def comms(editor):
    return editor(COMMUNICATIONS, username="comms-editor")


@pytest.fixture
def coordinator(editor):
    return editor(COORDINATORS, username="china-coordinator")


def password_login(client, user, **extra):
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}, **extra
    )
    assert response.status_code == 302, "the password step itself failed"
    return response


def assert_no_admin_page_opens(client, step_url):
    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(step_url), path
    # Nor does a JSON client, nor a form sent without the step.
    api = client.get(ADMIN_PAGES[-2], headers={"Accept": "application/json"})
    assert api.status_code == 403
    assert "second login step" in api.json()["detail"]
    assert client.post("/admin/pages/add/").status_code == 302


def failures(user):
    return sum(
        attempt.failures_since_start
        for attempt in AccessAttempt.objects.filter(username=user.username)
    )


def secret_on(page) -> bytes:
    """The key the enrolment page shows for typing, as an authenticator reads it."""
    match = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", page)
    secret = match.group(1).replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))


def authenticator(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


# --- A password alone, per role --------------------------------------------------------


@pytest.mark.parametrize("role", ["superuser", "comms"])
def test_privileged_roles_get_no_admin_page_with_a_password_alone(
    client, role, request
):
    user = request.getfixturevalue(role)
    password_login(client, user)
    assert_no_admin_page_opens(client, reverse("iurc_accounts:enrol"))
    # With a device set up, the same pages send them to the code instead.
    authenticator(user)
    assert_no_admin_page_opens(client, reverse("iurc_accounts:verify"))


@override_settings(ADMIN_2FA_REQUIRED_FOR="all")
@pytest.mark.parametrize("role", ["superuser", "comms", "coordinator"])
def test_with_all_required_every_role_needs_the_second_step(client, role, request):
    user = request.getfixturevalue(role)
    password_login(client, user)
    assert_no_admin_page_opens(client, reverse("iurc_accounts:enrol"))


def test_with_the_privileged_default_a_coordinator_gets_in_with_a_password(
    client, coordinator
):
    assert settings.ADMIN_2FA_REQUIRED_FOR == "privileged"
    password_login(client, coordinator)
    assert client.get("/admin/").status_code == 200
    pages = client.get("/admin/pages/", follow=True)  # to their region's pages
    assert pages.status_code == 200
    assert pages.request["PATH_INFO"].startswith("/admin/pages/")


def test_a_coordinator_who_set_up_a_device_must_use_it(client, coordinator):
    authenticator(coordinator)
    password_login(client, coordinator)
    assert_no_admin_page_opens(client, reverse("iurc_accounts:verify"))


def test_the_public_site_treats_a_password_only_session_as_anonymous(client, superuser):
    password_login(client, superuser)
    assert "wagtail-userbar" not in client.get("/en/about/").content.decode()
    device = authenticator(superuser)
    client.post(reverse("iurc_accounts:verify"), {"code": code_of(device)})
    assert "wagtail-userbar" in client.get("/en/about/").content.decode()


def test_the_step_pages_get_their_icons_and_scripts(client, superuser):
    password_login(client, superuser)
    for path in (
        "/admin/sprite/",
        "/admin/jsi18n/",
        "/admin/two-factor/webauthn/jsi18n/",
    ):
        assert client.get(path).status_code == 200, path


def test_a_password_only_session_cannot_make_recovery_codes(client, superuser):
    authenticator(superuser)
    password_login(client, superuser)
    response = client.post(reverse("iurc_accounts:recovery_codes"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("iurc_accounts:verify"))
    assert not StaticDevice.objects.filter(user=superuser).exists()


# --- Enrolment ------------------------------------------------------------------------------


def test_enrol_an_authenticator_app_and_get_in(client, superuser):
    password_login(client, superuser)
    enrol = client.get("/admin/pages/", follow=True)
    assert enrol.request["PATH_INFO"] == reverse("iurc_accounts:enrol")
    assert "Set up an authenticator app" in enrol.content.decode()

    setup = client.post(
        reverse("iurc_accounts:enrol"), {"next": "/admin/pages/"}, follow=True
    )
    page = setup.content.decode()
    assert "<svg" in page  # the QR code, inline
    key = secret_on(page)
    code = f"{totp(key):06d}"

    done = client.post(
        setup.request["PATH_INFO"], {"code": code, "next": "/admin/pages/"}
    )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == settings.ADMIN_2FA_RECOVERY_CODES
    assert TOTPDevice.objects.get(user=superuser).confirmed
    assert client.get("/admin/pages/").status_code == 200

    # The next login asks for a code from the app just set up.
    client.logout()
    password_login(client, superuser)
    assert_no_admin_page_opens(client, reverse("iurc_accounts:verify"))
    device = TOTPDevice.objects.get(user=superuser)
    response = client.post(
        reverse("iurc_accounts:verify"), {"code": code_of(device, steps_ahead=1)}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_at_enrolment_confirms_nothing(client, superuser):
    password_login(client, superuser)
    setup = client.post(reverse("iurc_accounts:enrol"), follow=True)
    wrong = f"{(totp(secret_on(setup.content.decode())) + 1) % 1_000_000:06d}"
    response = client.post(setup.request["PATH_INFO"], {"code": wrong})
    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()
    assert failures(superuser) == 1
    assert client.get("/admin/")["Location"].startswith(reverse("iurc_accounts:enrol"))


@override_settings(ADMIN_2FA_ENROLMENT_MAX_AGE=-1)  # every set-up page is too old
def test_an_expired_enrolment_page_says_so_and_unlocks_nothing(client, superuser):
    password_login(client, superuser)
    setup = client.post(reverse("iurc_accounts:enrol"))
    device = TOTPDevice.objects.get(user=superuser)
    response = client.post(setup["Location"], {"code": code_of(device)}, follow=True)
    assert "This set-up page has expired" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert failures(superuser) == 1
    assert client.get("/admin/").status_code == 302


def test_another_users_or_a_changed_enrolment_page_is_refused(client, superuser, comms):
    other = Client()
    password_login(other, comms)
    theirs = other.post(reverse("iurc_accounts:enrol"))["Location"]
    password_login(client, superuser)
    for url in (theirs, reverse("iurc_accounts:enrol_totp", args=["made-up"])):
        response = client.get(url, follow=True)
        assert "This set-up page is not valid" in response.content.decode()
    assert failures(superuser) == 2
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


# --- Codes --------------------------------------------------------------------------------


def test_a_wrong_code_is_refused_with_a_message_and_counted(client, superuser):
    device = authenticator(superuser)
    password_login(client, superuser)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("iurc_accounts:verify"), {"code": wrong})
    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert failures(superuser) == 1
    response = client.post(reverse("iurc_accounts:verify"), {"code": "not a code!"})
    assert "Enter the 6 digits" in response.content.decode()
    assert failures(superuser) == 2
    assert client.get("/admin/").status_code == 302


def test_the_code_of_an_unfinished_set_up_opens_nothing(client, superuser):
    authenticator(superuser)
    unfinished = TOTPDevice.objects.create(
        user=superuser, name="Abandoned", confirmed=False
    )
    password_login(client, superuser)
    response = client.post(
        reverse("iurc_accounts:verify"), {"code": code_of(unfinished)}
    )
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_a_replayed_code_is_refused(client, superuser):
    device = authenticator(superuser)
    password_login(client, superuser)
    code = code_of(device)
    assert (
        client.post(reverse("iurc_accounts:verify"), {"code": code}).status_code == 302
    )
    assert client.get("/admin/").status_code == 200

    other = Client()  # someone who saw the code, with the password
    password_login(other, superuser)
    response = other.post(reverse("iurc_accounts:verify"), {"code": code})
    assert response.status_code == 400
    assert "This code has already been used" in response.content.decode()
    assert other.get("/admin/").status_code == 302
    assert failures(superuser) == 1


def test_a_recovery_code_works_once(client, superuser):
    authenticator(superuser)
    code = new_recovery_codes(superuser)[0]
    password_login(client, superuser)
    response = client.post(reverse("iurc_accounts:verify"), {"code": code.upper()})
    assert response.status_code == 302
    page = client.get("/admin/", follow=True).content.decode()
    assert "You used a recovery code; 9 are left" in page

    client.logout()
    password_login(client, superuser)
    response = client.post(reverse("iurc_accounts:verify"), {"code": code})
    assert response.status_code == 400
    assert "This recovery code is not valid, or it has already been used" in (
        response.content.decode()
    )
    assert client.get("/admin/").status_code == 302
    assert failures(superuser) == 1


@override_settings(OTP_TOTP_THROTTLE_FACTOR=60)
def test_a_device_refuses_even_the_right_code_right_after_a_wrong_one(
    client, superuser
):
    """django-otp's own throttle, per device (so across addresses): after a wrong code,
    the next one is not even checked for a while."""
    device = authenticator(superuser)
    password_login(client, superuser)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    client.post(reverse("iurc_accounts:verify"), {"code": wrong})
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    password_login(elsewhere, superuser, REMOTE_ADDR="192.0.2.7")
    response = elsewhere.post(
        reverse("iurc_accounts:verify"), {"code": code_of(device)}
    )
    assert "Too many wrong codes in a row" in response.content.decode()
    assert elsewhere.get("/admin/").status_code == 302


# --- The login throttle -----------------------------------------------------------------


def test_wrong_codes_lock_the_editor_out_like_wrong_passwords(client, superuser):
    device = authenticator(superuser)
    password_login(client, superuser)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("iurc_accounts:verify"), {"code": wrong})
        assert response.status_code == 400
    response = client.post(reverse("iurc_accounts:verify"), {"code": wrong})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session  # logged out
    # The right password is refused too, and so is the right code.
    response = client.post(
        "/admin/login/", {"username": superuser.username, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_a_new_password_login_does_not_reset_the_count_of_wrong_codes(
    client, superuser
):
    device = authenticator(superuser)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    password_login(client, superuser)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("iurc_accounts:verify"), {"code": wrong})
    client.logout()
    password_login(client, superuser)  # still allowed: one failure is left
    response = client.post(reverse("iurc_accounts:verify"), {"code": wrong})
    assert response.status_code == 429


def test_a_complete_login_resets_the_count(client, superuser):
    device = authenticator(superuser)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    password_login(client, superuser)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("iurc_accounts:verify"), {"code": wrong})
    assert failures(superuser) == settings.AXES_FAILURE_LIMIT - 1
    client.post(reverse("iurc_accounts:verify"), {"code": code_of(device)})
    assert failures(superuser) == 0


# --- Passkeys (the browser test registers and uses a real one) ------------------------


def begin_passkey(client):
    response = client.post(
        "/admin/two-factor/webauthn/authentication/begin/",
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_a_passkey_of_another_user_is_refused_and_counted(client, superuser, comms):
    credential = {
        "public_key": b"\x00",
        "sign_count": 0,
        "confirmed": True,
        "name": "Key",
    }
    WebAuthnCredential.objects.create(
        user=superuser, credential_id=b"mine-0000000001", **credential
    )
    WebAuthnCredential.objects.create(
        user=comms, credential_id=b"theirs-00000002", **credential
    )
    password_login(client, superuser)
    options = begin_passkey(client)
    allowed = [c["id"] for c in options["allowCredentials"]]
    assert allowed == ["bWluZS0wMDAwMDAwMDAx"]  # only this user's own passkeys

    forged = {
        "id": "dGhlaXJzLTAwMDAwMDAy",
        "rawId": "dGhlaXJzLTAwMDAwMDAy",
        "type": "public-key",
        "response": {
            "authenticatorData": "AAAA",
            "clientDataJSON": "e30",
            "signature": "AAAA",
        },
        "clientExtensionResults": {},
    }
    response = client.post(
        "/admin/two-factor/webauthn/authentication/complete/",
        json.dumps(forged),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "belongs to another account" in response.json()["detail"]
    assert failures(superuser) == 1
    assert client.get("/admin/").status_code == 302

    # A garbled answer is refused and counted as well, never a server error.
    begin_passkey(client)
    response = client.post(
        "/admin/two-factor/webauthn/authentication/complete/",
        "{not json",
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500
    assert failures(superuser) == 2


def test_a_password_alone_cannot_add_a_passkey_to_an_account_that_has_a_device(
    client, superuser
):
    authenticator(superuser)
    password_login(client, superuser)
    response = client.post(
        "/admin/two-factor/webauthn/registration/begin/",
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not WebAuthnCredential.objects.filter(user=superuser).exists()


def test_passkeys_never_replace_the_password(client):
    response = client.post(
        "/admin/two-factor/webauthn/authentication/begin/",
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_locked_out_editor_gets_no_passkey_challenge(client, superuser):
    authenticator(superuser)
    password_login(client, superuser)
    AccessAttempt.objects.create(
        username=superuser.username,
        ip_address="127.0.0.1",
        user_agent="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="",
        post_data="",
        http_accept="",
        path_info="",
    )
    response = client.post(
        "/admin/two-factor/webauthn/authentication/begin/",
        content_type="application/json",
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.json()["detail"]


# --- Reset by an administrator ------------------------------------------------------------


def test_an_administrator_resets_a_users_devices_and_it_is_logged(
    client, superuser, comms
):
    authenticator(comms)
    new_recovery_codes(comms)
    verified_login(client, superuser)
    users = client.get("/admin/users/").content.decode()
    reset_url = reverse("iurc_accounts:reset", args=[comms.pk])
    assert reset_url in users
    confirm = client.get(reset_url)
    assert confirm.status_code == 200
    assert "TOTP device: Phone" in confirm.content.decode()

    response = client.post(reset_url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=comms).exists()
    assert not StaticDevice.objects.filter(user=comms).exists()
    entry = ModelLogEntry.objects.get(action=TWO_FACTOR_RESET, object_id=comms.pk)
    assert entry.user == superuser
    assert "TOTP device: Phone" in entry.data["removed"]
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Two-factor login reset" in history.content.decode()

    # Their next login sets up a new device.
    theirs = Client()
    password_login(theirs, comms)
    assert theirs.get("/admin/")["Location"].startswith(reverse("iurc_accounts:enrol"))


def test_a_reset_ends_the_second_step_of_open_sessions(client, superuser, comms):
    verified_login(client, comms)
    assert client.get("/admin/").status_code == 200
    call_command("reset_two_factor", comms.username)
    assert client.get("/admin/")["Location"].startswith(reverse("iurc_accounts:enrol"))


def test_the_reset_command_writes_the_audit_log(superuser, comms, capsys):
    authenticator(comms)
    call_command("reset_two_factor", comms.username, "--by", superuser.username)
    assert "Removed two-factor devices of comms-editor: 1" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=comms).exists()
    entry = ModelLogEntry.objects.get(action=TWO_FACTOR_RESET, object_id=comms.pk)
    assert entry.user == superuser


@pytest.mark.parametrize("role", ["comms", "coordinator"])
def test_editors_cannot_reset_anyones_devices(client, superuser, role, request):
    user = request.getfixturevalue(role)
    victim = authenticator(superuser)
    verified_login(client, user)
    url = reverse("iurc_accounts:reset", args=[superuser.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(pk=victim.pk).exists()
    assert not ModelLogEntry.objects.filter(action=TWO_FACTOR_RESET).exists()


def test_a_user_manager_who_is_no_superuser_cannot_reset_a_superuser(
    client, superuser, django_user_model
):
    manager = django_user_model.objects.create_user("user-manager", password=PASSWORD)
    group = Group.objects.create(name="User managers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_user"),
    )
    manager.groups.add(group)
    other = django_user_model.objects.create_user("someone", password=PASSWORD)
    authenticator(superuser)
    authenticator(other)
    verified_login(client, manager)
    superuser_url = reverse("iurc_accounts:reset", args=[superuser.pk])
    assert client.post(superuser_url).status_code == 403
    assert (
        client.post(reverse("iurc_accounts:reset", args=[other.pk])).status_code == 302
    )
    assert TOTPDevice.objects.filter(user=superuser).exists()


# --- The editor's own page --------------------------------------------------------------


def test_an_editor_sees_and_removes_their_devices(client, coordinator):
    device = verified_login(client, coordinator)
    page = client.get(reverse("iurc_accounts:account")).content.decode()
    assert "Test authenticator" in page
    response = client.post(
        reverse("iurc_accounts:remove_device", args=["totp", device.pk])
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_new_recovery_codes_replace_the_old_ones(client, superuser):
    verified_login(client, superuser)
    old = new_recovery_codes(superuser)
    response = client.post(reverse("iurc_accounts:recovery_codes"))
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new) == settings.ADMIN_2FA_RECOVERY_CODES
    assert not set(old) & set(new)
    # Shown once: opening the page again shows how many are left, not the codes.
    again = client.get(reverse("iurc_accounts:recovery_codes")).content.decode()
    assert new[0] not in again
    assert "10 unused recovery codes" in again


# --- Settings -------------------------------------------------------------------------------


def test_check_warns_when_two_factor_is_not_required_of_everyone():
    with override_settings(ADMIN_2FA_REQUIRED_FOR="none"):
        assert [w.id for w in checks.check_two_factor_on(None)] == [
            "iurc_accounts.W001"
        ]
    with override_settings(ADMIN_2FA_REQUIRED_FOR="privileged"):
        assert [w.id for w in checks.check_two_factor_on(None)] == [
            "iurc_accounts.W002"
        ]
    with override_settings(ADMIN_2FA_REQUIRED_FOR="all"):
        assert checks.check_two_factor_on(None) == []
    with override_settings(ADMIN_2FA_REQUIRED_FOR="some"):
        assert [e.id for e in checks.check_policy_value(None)] == ["iurc_accounts.E001"]


def test_production_requires_it_of_everyone_and_check_deploy_warns_when_off():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=production_environment(
            DATABASE_URL="postgres://127.0.0.1:5432/unused",
            ALLOWED_HOSTS="iurc.example.org",
            SECURE_SSL_REDIRECT="true",
            ADMIN_2FA_REQUIRED_FOR="none",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "iurc_accounts.W001" in result.stdout + result.stderr
