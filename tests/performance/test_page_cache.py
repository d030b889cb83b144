"""The anonymous page cache: what it serves, to whom, and what it never keeps."""

from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory

from wagtail.models import PageViewRestriction

import pytest

from iurc_site.caching import redis_backend
from iurc_site.caching.page_cache import PageCacheMiddleware, normalized_query
from iurc_site.settings.services import fragment_cache, redis_cache
from tests.support.redis_url import redis_address, redis_url
from tests.support.tcp_proxy import CuttableProxy

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"


def test_a_page_is_stored_then_served_without_any_database_query(
    client, page_cache, django_assert_num_queries
):
    first = client.get("/en/about/")
    assert first.status_code == 200
    assert first[HEADER] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/en/about/")

    assert second.status_code == 200
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"


def test_each_language_is_stored_under_its_own_url(
    client, page_cache, demo_page, urls_in_every_language
):
    urls = urls_in_every_language(demo_page("/about/"))
    assert len(set(urls.values())) == len(urls)  # /en/about/, /ms/tentang-iurc/, ...

    first = {code: client.get(url) for code, url in urls.items()}
    second = {code: client.get(url) for code, url in urls.items()}

    for code in urls:
        assert first[code][HEADER] == "miss"
        assert second[code][HEADER] == "hit"
        assert second[code].content == first[code].content
        assert f'<html lang="{code}"'.encode() in second[code].content


def test_the_cache_is_off_unless_switched_on(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/about/")
    assert HEADER not in client.get("/en/about/")


def test_a_logged_in_editor_never_gets_or_fills_the_cache(
    client, admin_client, page_cache, django_assert_max_num_queries
):
    client.get("/en/about/")  # stored for anonymous visitors

    as_editor = admin_client.get("/en/about/")
    assert as_editor.status_code == 200
    assert HEADER not in as_editor
    assert b"wagtail-userbar" in as_editor.content  # the editor's own page

    admin_client.get("/en/regions/")
    assert client.get("/en/regions/")[HEADER] == "miss"  # the editor filled nothing


def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(
    client, page_cache
):
    client.get("/en/about/")
    client.cookies["sessionid"] = "anything"
    assert HEADER not in client.get("/en/about/")


def test_post_requests_are_neither_answered_nor_stored(client, page_cache):
    client.get("/en/about/")
    response = client.post("/en/about/", {"q": "x"})
    assert HEADER not in response
    assert client.get("/en/about/")[HEADER] == "hit"


def test_head_is_answered_from_the_stored_get_without_a_body(client, page_cache):
    stored = client.get("/en/about/")
    response = client.head("/en/about/")
    assert response[HEADER] == "hit"
    assert response.content == b""
    assert response["Content-Length"] == str(len(stored.content))


def test_the_order_of_query_parameters_does_not_matter(client, page_cache):
    assert client.get("/en/pairings/?strand=city&year=2021")[HEADER] == "miss"
    assert client.get("/en/pairings/?year=2021&strand=city")[HEADER] == "hit"
    assert client.get("/en/pairings/?year=2022&strand=city")[HEADER] == "miss"


def test_compressed_and_plain_answers_are_kept_apart(client, page_cache):
    gzipped = client.get("/en/map/pairings.json", HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped["Content-Encoding"] == "gzip"
    plain = client.get("/en/map/pairings.json")
    assert plain[HEADER] == "miss"
    assert "Content-Encoding" not in plain
    assert plain.json()["count"] > 0
    again = client.get("/en/map/pairings.json", HTTP_ACCEPT_ENCODING="gzip, br")
    assert again[HEADER] == "hit"
    assert again["Content-Encoding"] == "gzip"


def test_a_response_varying_on_other_headers_is_not_stored(page_cache):
    def view(request):
        return HttpResponse("for one user agent", headers={"Vary": "User-Agent"})

    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/en/something/"))
    assert HEADER not in middleware(RequestFactory().get("/en/something/"))


def test_query_normalisation_keeps_repeated_values_in_order():
    assert normalized_query("b=2&a=1&b=1&a=") == "a=1&a=&b=2&b=1"
    assert normalized_query("") == ""


def test_a_page_with_a_csrf_token_is_not_stored(client, page_cache, demo_page):
    # A password-protected page shows a form with the visitor's CSRF token.
    PageViewRestriction.objects.create(
        page=demo_page("/about/"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="open-sesame",
    )
    first = client.get("/en/about/")
    assert first.status_code == 200
    assert b"csrfmiddlewaretoken" in first.content
    assert "csrftoken" in first.cookies
    assert HEADER not in first
    assert HEADER not in client.get("/en/about/")


def test_the_admin_and_redirects_are_not_stored(client, page_cache):
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="ms")  # "/" redirects by language
    assert home.status_code == 302
    assert HEADER not in home
    assert HEADER not in client.get("/admin/login/")
    assert HEADER not in client.get("/en/about")  # adds the slash: a redirect


@pytest.mark.parametrize(
    ("response_headers", "cookie", "preview", "stored"),
    [
        ({}, False, False, True),
        ({"Cache-Control": "public, max-age=300"}, False, False, True),
        ({"Cache-Control": "private"}, False, False, False),
        ({"Cache-Control": "no-store"}, False, False, False),
        ({"Cache-Control": "no-cache"}, False, False, False),
        ({}, True, False, False),
        ({}, False, True, False),
    ],
)
def test_only_responses_the_same_for_every_visitor_are_stored(
    page_cache, response_headers, cookie, preview, stored
):
    def view(request):
        request.is_preview = preview
        response = HttpResponse("page", headers=response_headers)
        if cookie:
            response.set_cookie("visitor", "1")
        return response

    middleware = PageCacheMiddleware(view)
    request = RequestFactory().get("/en/something/")
    middleware(request)
    again = middleware(RequestFactory().get("/en/something/"))
    assert (again.get(HEADER) == "hit") is stored


def test_only_status_200_is_stored(page_cache):
    middleware = PageCacheMiddleware(lambda request: HttpResponse("gone", status=404))
    middleware(RequestFactory().get("/en/missing/"))
    assert HEADER not in middleware(RequestFactory().get("/en/missing/"))


def test_pages_work_when_the_cache_server_hangs_and_it_is_asked_once(
    client, page_cache
):
    """A hung Redis costs one timeout, then the breaker serves pages without asking it."""
    with CuttableProxy(*redis_address()) as proxy:
        production_cache = redis_cache(redis_url(5, port=proxy.port))
        production_cache["OPTIONS"].update(
            SOCKET_TIMEOUT=0.2, SOCKET_CONNECT_TIMEOUT=0.2
        )
        page_cache.CACHES = {"default": production_cache, "fragments": fragment_cache()}
        assert isinstance(caches["default"], redis_backend.CircuitBreakingRedisCache)
        redis_backend.reset_breakers()
        proxy.hang()
        try:
            first = client.get("/en/about/")
            tried_during_first_page = proxy.connections_while_hung
            for _ in range(2):
                response = client.get("/en/about/")
                assert response.status_code == 200
                assert b"<h1" in response.content
                assert HEADER not in response
        finally:
            redis_backend.reset_breakers()
    assert first.status_code == 200
    assert b"<h1" in first.content
    assert tried_during_first_page >= 1
    # Once it failed, nobody asks Redis again for a while: one wait, not one a page.
    assert proxy.connections_while_hung == tried_during_first_page
