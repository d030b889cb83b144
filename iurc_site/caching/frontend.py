"""A cache in front of the site (Varnish, a CDN): what it may keep, and its purge.

Two halves, both described in docs/cdn.md:

- `CacheControlMiddleware` says in Cache-Control what a shared cache may keep: the
  responses the page cache would store (the same for every anonymous visitor) are
  public; an editor's responses and previews are private and never stored.
- `purge_everything()` empties the front-end caches, called on every bump of the page
  cache's generation (caching/generation.py): whatever made the page cache stale makes
  the front-end copies stale too, and for the same reasons (docs: "What is purged").
"""

import logging
import threading
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig
from wagtail.contrib.frontend_cache.backends import http
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache

from iurc_site.caching.page_cache import PageCacheMiddleware

logger = logging.getLogger(__name__)

# For one visitor: an editor's page shows the user bar and drafts, a preview is unpublished.
PRIVATE = "private, no-store"
# Not the same for everyone, or not worth keeping: redirects by Accept-Language (which a
# CDN that ignores Vary would serve to everybody), errors, responses that vary on
# headers a shared cache may not key by.
NO_STORE = "no-store"
# Everything under this path is the site's, whatever the path of the purge request:
# CloudFront reads it as "every object"; our VCL bans the whole host for any PURGE.
PURGE_PATH = "/*"


def public_cache_control():
    return (
        f"public, max-age={settings.CDN_MAX_AGE}, "
        f"s-maxage={settings.CDN_S_MAXAGE}, "
        f"stale-while-revalidate={settings.CDN_STALE_WHILE_REVALIDATE}"
    )


class CacheControlMiddleware:
    """Cache-Control for browsers and shared caches on every GET and HEAD.

    Placed right inside PageCacheMiddleware, so that a stored page keeps the header and
    a hit replays it. A Cache-Control set by a view (the map data, the search
    suggestions, the sitemap's cache_page, WhiteNoise's static files, the admin's
    never_cache) is the view's decision and is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # The page cache's own rules decide what is the same for every visitor: one
        # definition for both caches (this instance only answers questions).
        self.page_cache = PageCacheMiddleware(get_response)
        self.keys = self.page_cache.keys
        self.public = public_cache_control()

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header(
            "Cache-Control"
        ):
            return response
        if self.for_one_visitor(request) or response.cookies:
            response["Cache-Control"] = PRIVATE
        elif self.shared(request, response):
            response["Cache-Control"] = self.public
        elif response.status_code != 304:  # a 304 keeps the cached copy's headers
            response["Cache-Control"] = NO_STORE
        return response

    def for_one_visitor(self, request):
        """An editor (a session or messages cookie), or a preview."""
        cookies = request.COOKIES
        if cookies and any(name in cookies for name in self.keys.bypass_cookies):
            return True
        return getattr(request, "is_preview", False)

    def shared(self, request, response):
        """Whether the page cache would store this response (for anonymous visitors)."""
        if request.path.startswith(self.keys.excluded_prefixes):
            return False
        return self.page_cache.may_store(request, response)


class HTTPBackend(http.HTTPBackend):
    """Wagtail's HTTP (Varnish) backend, with a timeout and every failure logged.

    Wagtail's waits for as long as the connection takes: a cache host that accepts
    connections and never answers would hold an editor's publish until the worker is
    killed. TIMEOUT (seconds, default 5) bounds each purge request.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 5))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        request = http.PurgeRequest(
            url=urlunsplit(
                (self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")
            ),
            headers={
                "Host": parts.netloc,
                "User-Agent": f"Wagtail-frontendcache/{wagtail_version}",
            },
        )
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 -- LOCATION is ours
                pass
        except (
            URLError,
            OSError,
        ) as error:  # HTTPError is a URLError; timeouts OSError
            logger.error("The front-end cache did not purge %s: %s", url, error)


def purge_everything(*, again_after=None):
    """Purge every Site from each configured front-end cache; never raises.

    Everything, not the changed pages: the page cache is emptied whole on any change
    (caching/generation.py), and a page's URL differs in each language (translated
    slugs), so purging the URLs Wagtail knows of would leave the other languages stale.
    Without WAGTAILFRONTENDCACHE nothing is sent.

    The purge is sent again FRONTEND_CACHE_PURGE_AGAIN_SECONDS later: a page whose
    rendering began before the change was committed can reach the front-end cache just
    after the first purge, and would be kept for s-maxage. (A ban only removes what is
    already stored.) The repeat runs in this process; if it ends first, the page cache
    behind the front-end cache still has the new page, and s-maxage bounds the old one.
    """
    try:
        if not get_backends():
            return
        from wagtail.models import Site

        urls = [site.root_url + PURGE_PATH for site in Site.objects.all()]
        purge_urls_from_cache(urls)
    except Exception:  # the content is saved; a stale edge copy must not undo that
        logger.exception("The front-end cache could not be purged.")
        return
    if again_after is None:
        again_after = settings.FRONTEND_CACHE_PURGE_AGAIN_SECONDS
    if again_after > 0:
        repeat = threading.Timer(again_after, _purge_urls_again, args=(urls,))
        repeat.daemon = True
        repeat.start()


def _purge_urls_again(urls):
    try:
        purge_urls_from_cache(urls)
    except Exception:
        logger.exception("The front-end cache could not be purged again.")


class FrontendCacheAppConfig(WagtailFrontendCacheAppConfig):
    """wagtail.contrib.frontend_cache without its page_published/unpublished handlers.

    Listed in INSTALLED_APPS instead of it. Those handlers purge the published page's
    URL in the active language only (translated slugs are missed), from inside the
    publish transaction (a visitor can refill the cache with the old page before the
    commit), and each costs a request (for a CDN, a billed invalidation) that
    purge_everything(), run after the commit, makes redundant.
    """

    def ready(self):
        pass
