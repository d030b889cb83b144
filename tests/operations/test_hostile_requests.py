"""A few thousand generated hostile requests to every public URL: none may answer 5xx.

Odd paths, unknown language prefixes, huge and malformed query strings, invalid UTF-8,
NUL bytes, repeated parameters, odd methods and header abuse, from a seeded generator
so that a failure can be replayed. Every request goes through the whole middleware
stack; an exception anywhere is a failure, and so is any 5xx answer.
"""

import random
import time
from urllib.parse import quote

from django.test import Client

from wagtail.models import Page

import pytest

from partners.models import Place

REQUESTS = 2000
SEED = 20261127

LANGUAGE_PREFIXES = ["en", "ms", "zh-hans", "vi", "th", "pt", "es"]
UNKNOWN_PREFIXES = [
    "xx",
    "EN",
    "en-us",
    "zh-hant",
    "zh_hans",
    "fr",
    "pt-br",
    "..",
    "%ff",
    "e%00n",
]
FILTER_NAMES = [
    "q",
    "region",
    "country",
    "theme",
    "phase",
    "strand",
    "kind",
    "year",
    "page",
    "p",
    "format",
    "lang",
    "utm_source",
    "region[]",
    "",
    "%ff",
]
ODD_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1e308",
    "NaN",
    "999999999999999999999999",
    "2021.5",
    "%00",
    "%ff%fe",
    "%c0%af",
    "%e2%82",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%25%25",
    "+",
    "&",
    "=",
    "\u202e",
    "合作",
    "กรุงเทพ",
    "Việt Nam",
    "china",
    "nl",
    "CN",
    "urban-mobility",
    "IURC",
    "city",
    "region",
    "pair",
    "trio",
    "2021",
    "\t\n",
    "*",
    "\\",
    "{}",
    "[]",
    "null",
    "true",
    "x" * 300,
]
ODD_SEGMENTS = [
    "",
    ".",
    "..",
    "%2e%2e",
    "%00",
    "%ff",
    "%c3%28",
    "%ed%a0%80",
    "a%0d%0aSet-Cookie:x=1",
    "..%2f..%2f",
    "%252f",
    "~",
    "index.php",
    "wp-login.php",
    ".env",
    ".git/config",
    "admin",
    "static",
    "media",
    "x" * 2000,
    "合作",
    "é",
    "%u202e",
    "a;b=c",
    "a b",
    "sitemap.xml",
    "robots.txt",
    "?",
    "#",
    "//",
    "\\",
]
HEADER_ABUSE = [
    {"HTTP_ACCEPT_LANGUAGE": "xx-YY;q=2, *;q=-1, ;;;,"},
    {"HTTP_ACCEPT_LANGUAGE": "zh-Hans-CN,zh;q=0.9" * 200},
    {"HTTP_ACCEPT_LANGUAGE": "\x00\xff"},
    {"HTTP_HOST": "evil.example"},
    {"HTTP_HOST": "127.0.0.1:99999"},
    {"HTTP_HOST": "[::1"},
    {"HTTP_HOST": "localhost\r\nX: y"},
    {"HTTP_X_FORWARDED_FOR": "not-an-ip, 999.1.1.1, ::ffff:zz"},
    {"HTTP_X_FORWARDED_PROTO": "gopher"},
    {"HTTP_X_FORWARDED_HOST": "evil.example"},
    {"HTTP_COOKIE": "sessionid=garbage; csrftoken=" + "z" * 4000},
    {"HTTP_COOKIE": "=;;=; sessionid"},
    {"HTTP_REFERER": "javascript:alert(1)"},
    {"HTTP_USER_AGENT": "Mozilla/5.0 " + "A" * 8000},
    {"HTTP_IF_MODIFIED_SINCE": "yesterday-ish"},
    {"HTTP_IF_NONE_MATCH": '"' * 50},
    {"HTTP_RANGE": "bytes=-1-2,3-"},
    {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"},
    {"HTTP_ACCEPT": "application/json;q=abc"},
    {"CONTENT_TYPE": "multipart/form-data; boundary="},
    {},
]
METHODS = ["get"] * 12 + ["head"] * 2 + ["post", "options", "put", "delete", "patch"]


def public_paths():
    """One real address of every public URL pattern, in several languages."""
    paths = [
        "/",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-places.xml",
        "/sitemap-unknown.xml",
        "/healthz",
        "/readyz",
        "/documents/1/missing.pdf",
    ]
    pages = Page.objects.live().filter(depth__gt=1).specific()
    place = Place.objects.order_by("pk").first()
    for language in ("en", "ms", "zh-hans", "th"):
        paths += [
            f"/{language}/",
            f"/{language}/search/",
            f"/{language}/search/suggest/",
            f"/{language}/map/pairings.json",
            f"/{language}/places/{place.country}/{place.slug}/",
            f"/{language}/places/zz/nowhere/",
        ]
    from django.utils import translation

    for page in pages:
        for language in ("en", "ms", "vi"):
            with translation.override(language):
                url = page.get_url()
            if url:
                paths.append(url)
    return sorted(set(paths))


def random_query(rng):
    parts = []
    for _ in range(rng.choice([0, 1, 2, 3, 5, 40])):
        name = rng.choice(FILTER_NAMES)
        value = rng.choice(ODD_VALUES)
        if rng.random() < 0.5:
            value = quote(value, safe="%")
        parts.append(f"{name}={value}")
    if rng.random() < 0.03:
        parts.append("q=" + "a" * rng.choice([10_000, 100_000]))
    if rng.random() < 0.03:
        parts.append("&".join(f"theme=t{i}" for i in range(2000)))
    if rng.random() < 0.05:
        parts.append("%ff%fe=%c0%80&%00")
    return "&".join(parts)


def random_path(rng, paths):
    path = rng.choice(paths)
    roll = rng.random()
    if roll < 0.15:
        prefix = rng.choice(UNKNOWN_PREFIXES)
        rest = path.split("/", 2)[2] if path.count("/") >= 2 else ""
        path = f"/{prefix}/{rest}"
    elif roll < 0.35:
        path = path.rstrip("/") + "/" + rng.choice(ODD_SEGMENTS)
    elif roll < 0.40:
        path = path.rstrip("/")  # no trailing slash
    elif roll < 0.45:
        path = "/" + rng.choice(ODD_SEGMENTS) + path
    return path


def describe(method, path, query, headers):
    shown = {key: value[:80] for key, value in headers.items()}
    return f"{method.upper()} {path[:200]}?{query[:200]} {shown}"


@pytest.mark.django_db
def test_thousands_of_hostile_requests_get_no_server_error():
    rng = random.Random(SEED)
    paths = public_paths()
    assert len(paths) > 40  # every page type and URL pattern is in the mix
    client = Client(raise_request_exception=True)
    failures, statuses = [], {}
    started = time.monotonic()
    for _ in range(REQUESTS):
        method = rng.choice(METHODS)
        path = random_path(rng, paths)
        query = random_query(rng)
        headers = dict(rng.choice(HEADER_ABUSE))
        if rng.random() < 0.3:
            headers.update(rng.choice(HEADER_ABUSE))
        url = f"{path}?{query}" if query else path
        try:
            kwargs = (
                {"data": "x=1" * 10, "content_type": "text/plain"}
                if method in ("post", "put", "patch")
                else {}
            )
            response = getattr(client, method)(url, **kwargs, **headers)
        except Exception as error:  # anything a visitor could trigger
            failures.append(f"{describe(method, path, query, headers)} -> {error!r}")
            continue
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append(
                f"{describe(method, path, query, headers)} -> {response.status_code}"
            )
    elapsed = time.monotonic() - started

    assert not failures, f"{len(failures)} failures, e.g.\n" + "\n".join(failures[:15])
    # The mix really reached pages, redirects, not-founds and refusals.
    assert statuses.get(200, 0) > REQUESTS // 10, statuses
    for kind in ({301, 302}, {404}, {400, 405}):
        assert kind & set(statuses), (kind, statuses)
    print(f"{REQUESTS} requests in {elapsed:.0f} s: {dict(sorted(statuses.items()))}")
