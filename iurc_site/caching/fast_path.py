"""Page-cache hits answered before Django builds a request (gunicorn's WSGI entry point).

A hit through the middleware still costs Django's request object, its signals and the
handler's response machinery: under gunicorn that was most of a hit's time. Here the
WSGI environ is keyed with the same rules as the middleware (page_cache.PageKeys), and
a stored page is written out as it was stored: with every header the visitor got the
first time, since the page cache is the outermost middleware but for the health probe.

Each process also keeps the pages it served lately as Python objects (RECENT_PAGES, for
at most RECENT_PAGE_SECONDS): a hit on one of them reads only the generation from
Redis, a few bytes, to make sure the page is still current, and unpickles nothing.

Left to Django (the middleware then answers or renders):
- paths outside a language prefix ("/", robots.txt, sitemaps): their language comes
  from Accept-Language and the language cookie, which LocaleMiddleware decides;
- anything PageKeys says is not a candidate (POST, the admin, a session cookie...);
- a miss, a stale page, or a cache that does not answer. The lookup made here is
  handed to the middleware, so a miss costs one round trip to the cache, not two.
"""

import logging
import threading
import time
from collections import OrderedDict
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.http.cookie import parse_cookie

from iurc_site.caching.generation import GENERATION_KEY
from iurc_site.caching.page_cache import HEADER, LOOKUP_ENVIRON_KEY, PageKeys, lookup

# Pages this process served lately, kept as Python objects: a hit on one of them asks
# Redis for the generation only (a few bytes) instead of the whole page, and unpickles
# nothing. A page of an older generation is never served from here, and none is kept
# longer than RECENT_PAGE_SECONDS (fewer than the page cache's own timeout, so a bump
# that failed while Redis was away is outlived here no longer than in Redis). Large
# documents (the map data: up to a megabyte per filter set) are not kept.
RECENT_PAGES = 256
RECENT_PAGE_SECONDS = 60
RECENT_PAGE_MAX_BYTES = 256 * 1024
logger = logging.getLogger(__name__)


def request_scheme(environ) -> str:
    """The scheme as Django's HttpRequest.scheme works it out (SECURE_PROXY_SSL_HEADER)."""
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        header, secure_value = proxy_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def request_path(environ) -> str:
    """request.path of the WSGIRequest Django would build from this environ."""
    path_info = get_path_info(environ) or "/"
    script_name = get_script_name(environ)
    return "{}/{}".format(script_name.rstrip("/"), path_info.replace("/", "", 1))


class PageCacheFastPath:
    """WSGI middleware around Django's application: serves page-cache hits itself."""

    def __init__(self, django_application):
        self.application = django_application
        self.enabled = settings.PAGE_CACHE_ENABLED
        self.keys = PageKeys()
        self.recent = OrderedDict()
        self.recent_lock = threading.Lock()  # gunicorn may run threads in a worker

    def __call__(self, environ, start_response):
        if self.enabled:
            try:
                stored = self.stored_page(environ)
            except Exception:
                # Whatever went wrong here, Django can still answer (and report it).
                logger.exception("The page cache's fast path failed; Django answers.")
                environ.pop(LOOKUP_ENVIRON_KEY, None)
                stored = None
            if stored is not None:
                return self.replay(environ, start_response, stored)
        return self.application(environ, start_response)

    def stored_page(self, environ):
        """The stored page for this request, or None (then Django answers)."""
        key = self.key_for(environ)
        if key is None:
            return None
        stored = self.recent_page(key)
        if stored is not None:
            return stored
        generation, stored = lookup(key)
        if stored is not None:
            self.remember(key, stored)
            return stored
        environ[LOOKUP_ENVIRON_KEY] = (key, generation)
        return None

    def recent_page(self, key: str):
        """The page this process served lately under `key`, if it is still current."""
        with self.recent_lock:
            remembered = self.recent.get(key)
            if remembered is None:
                return None
            kept_until, stored = remembered
            if time.monotonic() >= kept_until:
                del self.recent[key]
                return None
            self.recent.move_to_end(key)
        if cache.get(GENERATION_KEY) != stored[0]:
            return None
        return stored

    def remember(self, key: str, stored) -> None:
        if len(stored[3]) > RECENT_PAGE_MAX_BYTES:
            return
        with self.recent_lock:
            self.recent[key] = (time.monotonic() + RECENT_PAGE_SECONDS, stored)
            self.recent.move_to_end(key)
            while len(self.recent) > RECENT_PAGES:
                self.recent.popitem(last=False)

    def key_for(self, environ) -> str | None:
        """The page-cache key of this request, or None where Django must decide."""
        path = request_path(environ)
        language = self.keys.language_of(path)
        if language is None:
            return None
        cookie_header = environ.get("HTTP_COOKIE")
        cookies = parse_cookie(cookie_header) if cookie_header else None
        if not self.keys.is_candidate(environ["REQUEST_METHOD"], path, cookies):
            return None
        return self.keys.key(
            scheme=request_scheme(environ), meta=environ, path=path, language=language
        )

    def replay(self, environ, start_response, stored):
        _generation, status, headers, content = stored
        start_response(
            f"{status} {HTTPStatus(status).phrase}", [*headers, (HEADER, "hit")]
        )
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]
