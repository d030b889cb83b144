"""The anonymous page cache: whole responses per URL (and so per language), shared by
every server process through the default cache (Redis in production).

The middleware is the outermost but for the health probe, so that a stored page keeps
every header a visitor got, and a hit is answered before security headers, sessions,
locale, CSRF or authentication run: one cache read (Redis MGET of the generation and
the page), no database, no template. Under gunicorn most hits are answered before
Django builds a request at all (caching/fast_path.py), by the same PageKeys rules. A stored page is served only while the
generation it was stored under is current (caching/generation.py).

When Redis does not answer, the cache backend's circuit breaker
(caching/redis_backend.py) turns every call into a miss without waiting, so pages are
served uncached; there is no second back-off here.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from iurc_site.caching.generation import GENERATION_KEY, current_generation
from iurc_site.caching.release import release_id

KEY_PREFIX = "page-cache"
HEADER = "X-Page-Cache"
# Where the fast path (caching/fast_path.py) leaves its lookup for the middleware, so
# that a miss costs one round trip to the cache, not two: (key, generation).
LOOKUP_ENVIRON_KEY = "iurc.page_cache.lookup"
# Responses that say they are for one visitor, or not to be kept.
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# Request headers a response may vary on and still be stored: the key accounts for them.
KEYED_VARY_HEADERS = {"", "cookie", "accept-language", "accept-encoding"}


def normalized_query(query_string: str) -> str:
    """The query string with its parameters sorted by name (values keep their order)."""
    if not query_string:
        return ""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


class PageKeys:
    """Which requests the page cache answers, and under which key: one set of rules for
    the middleware (a Django request) and the fast path (a WSGI environ)."""

    def __init__(self):
        self.language_prefixes = {
            f"/{code}/": code for code, _name in settings.LANGUAGES
        }
        self.bypass_cookies = (
            settings.SESSION_COOKIE_NAME,
            getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
            *getattr(settings, "PAGE_CACHE_BYPASS_COOKIES", ()),
        )
        self.excluded_prefixes = tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)

    def language_of(self, path: str) -> str | None:
        """The language of a path under a language prefix (/ms/...), else None."""
        return self.language_prefixes.get(path[: path.find("/", 1) + 1])

    def is_candidate(self, method: str, path: str, cookies) -> bool:
        """GET or HEAD, not an excluded path, no cookie of a visitor who is not anonymous."""
        if method not in ("GET", "HEAD") or path.startswith(self.excluded_prefixes):
            return False
        return not (cookies and any(name in cookies for name in self.bypass_cookies))

    def key(
        self, *, scheme: str, meta, path: str, language: str
    ) -> str:  # meta: request.META or the WSGI environ, which hold the same names
        # Views that compress (gzip_page: the map data) answer differently to clients
        # that take gzip: one copy each.
        gzip = "gzip" if "gzip" in meta.get("HTTP_ACCEPT_ENCODING", "") else ""
        raw = "\n".join(
            (
                release_id(),  # a deploy's pages are not the previous one's
                scheme,
                meta.get("HTTP_HOST", ""),
                language,
                gzip,
                path,
                normalized_query(meta.get("QUERY_STRING", "")),
            )
        )
        return f"{KEY_PREFIX}:{hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()}"

    def for_request(self, request) -> str | None:
        """The key of a Django request, or None if the page cache does not answer it."""
        if not self.is_candidate(request.method, request.path, request.COOKIES):
            return None
        language = self.language_of(request.path)
        if language is None:
            # Outside the language prefix (robots.txt, the sitemap, "/" which redirects
            # by Accept-Language): the language LocaleMiddleware would pick is part of it.
            language = translation.get_language_from_request(request)
        return self.key(
            scheme=request.scheme,
            meta=request.META,
            path=request.path,
            language=language,
        )


def lookup(key: str) -> tuple[int | None, tuple | None]:
    """(current generation, stored page or None) in one round trip; (None, None) when
    the cache is unreachable. A page stored under an older generation is stale."""
    found = cache.get_many((GENERATION_KEY, key))
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = current_generation()
        if generation is None:
            return None, None
    stored = found.get(key)
    if stored is not None and stored[0] != generation:
        stored = None
    return generation, stored


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous visitors (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.keys = PageKeys()

    def __call__(self, request):
        key = self.keys.for_request(request) if settings.PAGE_CACHE_ENABLED else None
        if key is None:
            return self.get_response(request)
        # Under gunicorn the fast path has already looked it up (and found nothing).
        looked_up = request.META.get(LOOKUP_ENVIRON_KEY)
        if looked_up is not None and looked_up[0] == key:
            generation, stored = looked_up[1], None
        else:
            generation, stored = lookup(key)
        if generation is None:  # the cache is unreachable: serve without it
            return self.get_response(request)
        if stored is not None:
            return self.replay(request, stored)

        response = self.get_response(request)
        if request.method == "GET" and self.may_store(request, response):
            # Stored under the generation read before rendering: if content changed
            # meanwhile, the generation moved on and this copy is never served.
            cache.set(
                key,
                (
                    generation,
                    response.status_code,
                    list(response.items()),
                    response.content,
                ),
                settings.PAGE_CACHE_TIMEOUT,
            )
            response[HEADER] = "miss"
        return response

    def page_key(self, request) -> str | None:
        """What identifies the page for every anonymous visitor, or None if not a candidate."""
        return self.keys.for_request(request)

    def may_store(self, request, response) -> bool:
        """Whether this response is the same for every anonymous visitor."""
        if response.status_code != 200 or response.streaming:
            return False
        if response.cookies:  # a session, a CSRF token, messages: one visitor's
            return False
        if getattr(request, "is_preview", False):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in UNCACHEABLE_DIRECTIVES):
            return False
        # Varying on anything the key does not hold would serve one visitor's version
        # to another. (Cookie: only visitors without a session or messages come here.)
        varies_on = {
            header.strip().lower() for header in response.get("Vary", "").split(",")
        }
        return varies_on <= KEYED_VARY_HEADERS

    def replay(self, request, stored):
        _generation, status, headers, content = stored
        response = HttpResponse(
            b"" if request.method == "HEAD" else content, status=status
        )
        for name, value in headers:
            response[name] = value
        response[HEADER] = "hit"
        return response
