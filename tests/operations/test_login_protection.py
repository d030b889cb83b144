"""Failed admin logins are throttled; passwords must be strong; sessions expire."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone, translation

import pytest
from axes.models import AccessAttempt

from iurc_site.web.client_address import client_address
from iurc_site.web.security import lockout_response
from tests.support.two_factor import pass_second_step

PASSWORD = "a-long-enough-passphrase-42"


def log_in(client, username, password, language=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return client.post(
        "/admin/login/", {"username": username, "password": password}, **headers
    )


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_from_that_address(
    client, django_user_model
):
    django_user_model.objects.create_superuser("editor-a", password=PASSWORD)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "editor-a", "wrong password")
        assert response.status_code == 200  # the form again, with its error

    response = log_in(client, "editor-a", "wrong password")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()

    # Even the right password is refused during the cool-off...
    response = log_in(client, "editor-a", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...from that address; the same account elsewhere is not locked out by it.
    elsewhere = client.post(
        "/admin/login/",
        {"username": "editor-a", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.44",
    )
    assert elsewhere.status_code == 302
    assert AccessAttempt.objects.filter(username="editor-a").exists()


@pytest.mark.django_db
def test_lockout_page_says_when_to_try_again_in_the_admins_language(client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "nobody", "wrong password", language="ms")

    assert response.status_code == 429
    body = response.content.decode()
    # The admin runs in English whatever the browser asks (AdminInEnglishMiddleware).
    assert '<html lang="en">' in body
    assert "Please try again in 15 minutes." in body


def test_lockout_page_is_translated(rf):
    request = rf.post("/ms/")
    with translation.override("ms"):
        body = lockout_response(request, None, {}).content.decode()
        expected = translation.gettext("Too many failed logins")
    assert expected != "Too many failed logins"
    assert expected in body


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(client, django_user_model):
    django_user_model.objects.create_user("editor-b", password=PASSWORD, is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "editor-b", "wrong password")
    assert log_in(client, "editor-b", PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "editor-b", "wrong password").status_code == 200


@pytest.mark.parametrize(
    "password",
    ["iurc-demo", "password123456", "123456789012345", "editor-carol-2024"],
)
def test_weak_passwords_are_refused(password, django_user_model):
    user = django_user_model(username="editor-carol-2024", email="carol@example.org")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)


def test_a_long_unusual_passphrase_is_accepted(django_user_model):
    user = django_user_model(username="editor-d")
    validate_password("quartz-lantern-orbit-meadow", user=user)


@pytest.mark.django_db
@pytest.mark.parametrize("remember", [False, True])
def test_editor_sessions_end_with_the_browser_and_after_twelve_hours_at_most(
    client, django_user_model, remember
):
    user = django_user_model.objects.create_superuser("editor-e", password=PASSWORD)

    response = client.post(
        "/admin/login/",
        {"username": "editor-e", "password": PASSWORD, "remember": remember or ""},
    )

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True  # out of reach of scripts
    if remember:
        assert 0 < int(cookie["max-age"]) <= 12 * 60 * 60
    else:  # no expiry date: the browser forgets it when it closes
        assert cookie["expires"] == "" and cookie["max-age"] == ""
    session = Session.objects.get(session_key=cookie.value)
    assert timedelta(0) < session.expire_date - timezone.now() <= timedelta(hours=12)
    pass_second_step(client, user)
    assert client.get("/admin/").status_code == 200

    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)  # as time passes
    )

    assert client.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_load_balancer_each_visitor_is_throttled_on_their_own(
    client, django_user_model
):
    """All requests come from the balancer's address; the visitor is the address it
    appended to X-Forwarded-For. What a client writes there itself changes nothing."""
    django_user_model.objects.create_superuser("editor-b", password=PASSWORD)
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = {**balancer, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/admin/login/",
            {"username": "editor-b", "password": "wrong password"},
            **attacker,
        )
    assert response.status_code == 429
    # A forged first entry does not get the attacker out of the lock...
    forged = client.post(
        "/admin/login/",
        {"username": "editor-b", "password": PASSWORD},
        **{**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9"},
    )
    assert forged.status_code == 429
    # ...and the editor, behind the same balancer, is not locked out by the attacker.
    editor = client.post(
        "/admin/login/",
        {"username": "editor-b", "password": PASSWORD},
        **{**balancer, "HTTP_X_FORWARDED_FOR": "192.0.2.10"},
    )
    assert editor.status_code == 302


def test_the_visitor_address_is_the_nth_from_the_right(rf):
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8"
    )
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert client_address(request) == "10.0.0.2"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == "5.6.7.8"
    with override_settings(TRUSTED_PROXY_COUNT=2):
        assert client_address(request) == "1.2.3.4"
    with override_settings(TRUSTED_PROXY_COUNT=3):  # fewer entries than proxies
        assert client_address(request) == "10.0.0.2"
    garbage = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="<script>")
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(garbage) == "10.0.0.2"
