"""Security headers of the public pages and of the admin (test settings share base's)."""

import pytest


def directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/", "/ms/tentang-iurc/", "/en/pairings/", "/en/search/?q=city"]
)
def test_public_pages_forbid_inline_scripts_and_framing(client, path):
    response = client.get(path)

    assert response.status_code == 200
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_public_pages_run_no_inline_script_or_style(client, demo_page):
    """What the strict policy would block: inline code and style attributes.

    JSON-LD (<script type="application/ld+json">) is data, which the browser does not
    run, so CSP does not apply to it.
    """
    from bs4 import BeautifulSoup

    for path in ["/en/", "/en/about/", "/en/regions/", "/en/pairings/"]:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (
                path,
                str(script)[:200],
            )
        assert not soup.find_all("style"), path
        assert not soup.find_all(style=True), path
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.startswith("on")]
            assert not handlers, (path, element.name, handlers)


@pytest.mark.django_db
def test_admin_policy_allows_its_inline_code_but_only_same_origin_frames(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    csp = directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    # The relaxation stays in the admin.
    assert "'unsafe-inline'" not in directives(client.get("/en/"))["script-src"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "location"),
    [
        # LocaleMiddleware: no language prefix, or a page that only exists under one.
        ("/", "/en/"),
        ("/search/?q=city", "/en/search/?q=city"),
        # CommonMiddleware: the slash a page's address ends with.
        ("/en/pairings", "/en/pairings/"),
    ],
)
def test_redirects_carry_the_pages_security_headers(client, demo_page, path, location):
    """Found by wapiti: "/" answered its redirect without X-Frame-Options.

    The redirects are made by middleware outside XFrameOptionsMiddleware's place in
    MIDDLEWARE; every answer must carry the same headers as a page.
    """
    response = client.get(path)

    assert response.status_code in (301, 302)
    assert response["Location"] == location
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_api_answers_made_by_middleware_carry_x_frame_options(client):
    """The API's preflight is answered by its middleware, before any view."""
    response = client.options("/api/v1/pairings")

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
