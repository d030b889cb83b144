"""Chromium enforces the Content-Security-Policy: nothing on the public pages (served by
the production server, from the page cache too) or in the admin's page editor is
blocked by it."""

import json
import os
import re
import subprocess
import sys

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.support.servers import ROOT

PUBLIC_PAGES = [
    "/en/",
    "/ms/tentang-iurc/",
    "/en/regions/",
    "/en/regions/asia-australasia/rotterdam-busan/",
    "/en/pairings/?region=china",
    "/th/places/kr/busan/",
    "/zh-hans/search/?q=city",
    "/en/no-such-page/",
]
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile}:${event.lineNumber})`
  );
});
"""
ADMIN_PASSWORD = "csp-check-passphrase-2026"
# The admin's authenticator app (the second login step, docs/two-factor.md).
ADMIN_TOTP_KEY = "3132333435363738393031323334353637383930"


def watch(page):
    """Record CSP violations, both as events and as console errors."""
    console = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return console


def violations(page, console):
    return [*page.evaluate("window.__cspViolations || []"), *console]


@pytest.fixture(scope="module")
def admin_user(browser_database_url):
    """A superuser in the live site's database, and the About page's id."""
    environment = {
        **os.environ,
        "DATABASE_URL": browser_database_url,
        "DJANGO_SETTINGS_MODULE": "iurc_site.settings.test",
    }
    code = (
        "from django.contrib.auth import get_user_model; from wagtail.models import Page;"
        "import json;"
        "User = get_user_model();"
        "User.objects.filter(username='csp-admin').delete();"
        f"admin = User.objects.create_superuser('csp-admin', 'csp@example.org', '{ADMIN_PASSWORD}');"
        "from django_otp.plugins.otp_totp.models import TOTPDevice;"
        f"TOTPDevice.objects.create(user=admin, name='App', key='{ADMIN_TOTP_KEY}');"
        "print(json.dumps(Page.objects.get(url_path_en='/iurc/about/').pk))"
    )
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_public_pages_work_under_the_strict_policy(page):
    console = watch(page)
    for path in PUBLIC_PAGES:
        response = page.goto(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert violations(page, console) == [], path

    # The map (Leaflet) really drew under the policy.
    page.goto("/en/pairings/")
    expect(page.locator(".leaflet-container")).to_be_visible()
    assert violations(page, console) == []


def test_admin_page_editor_and_userbar_work_under_the_admin_policy(
    new_tab, test_settings_site_url, admin_user
):
    about_id = admin_user
    page = new_tab(test_settings_site_url)
    console = watch(page)
    page.goto("/admin/login/")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.fill("input[name=code]", f"{totp(bytes.fromhex(ADMIN_TOTP_KEY)):06d}")
    page.click("form.login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    response = page.goto(f"/admin/pages/{about_id}/edit/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    expect(page.locator("#page-edit-form")).to_be_visible()
    # The editor's scripts ran: the rich text and stream fields are drawn by them.
    expect(page.locator("[data-contentpath]").first).to_be_attached()
    assert violations(page, console) == []

    # The userbar an editor sees on the public site loads under the public policy.
    page.goto("/en/about/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("wagtail-userbar")).to_be_attached()
    assert violations(page, console) == []
