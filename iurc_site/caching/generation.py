"""The page cache's generation: a number in the shared cache that every stored page holds.

A stored page is served only while the generation it was stored under is the current
one. Bumping it (one atomic INCR in Redis) makes every stored page stale, in every
language and every server process, at once; stale entries are replaced or expire. We
empty the whole page cache on any content change rather than tracking which pages show
what: a pairing appears on its region, the home page, the explorer, the map, place
profiles, search results and the sitemap, in seven languages, and editors publish a few
times an hour, so a finer bookkeeping would cost more than the cache misses it saves.
"""

import logging
import time
from functools import wraps

from django.core.cache import cache
from django.views.decorators.cache import cache_page

from iurc_site.private_apis import after_commit, commit_callback_pending

GENERATION_KEY = "page-cache:generation"
logger = logging.getLogger(__name__)


def _fresh_generation():
    # Never a number used before, even if the key was evicted or Redis restarted with
    # pages still stored under an old generation (microseconds since the epoch).
    return time.time_ns() // 1000


def current_generation() -> int | None:
    """The generation pages are stored under now, or None when the cache is unreachable."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation() -> None:
    """Make every stored page stale (now, for every process sharing the cache), and
    purge the front-end caches (a CDN, Varnish) that would keep serving them."""
    _bump()
    # Imported here: frontend builds on the page cache, which imports this module.
    from iurc_site.caching import frontend

    frontend.purge_everything()


def _bump() -> None:
    try:
        if cache.incr(GENERATION_KEY) is not None:
            return
    except ValueError:  # no generation yet (or it was evicted)
        pass
    cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)
    if cache.get(GENERATION_KEY) is None:
        # The cache is unreachable (its errors are ignored): pages stored before may
        # be served until they expire (PAGE_CACHE_TIMEOUT).
        logger.warning("The page cache could not be emptied: the cache did not answer.")


def bump_generation_after_commit() -> None:
    """Bump the generation once the current transaction commits (now, outside one).

    Bumping before the commit would let another process render the old content under
    the new generation and keep it; a request that read the old generation stores its
    page under that one, which nobody reads any more. One bump per transaction: an
    import that publishes a thousand pairings bumps once.
    """
    if not commit_callback_pending(bump_generation):
        after_commit(bump_generation)


def cache_until_content_changes(timeout: int):
    """Like Django's cache_page, but emptied with the page cache (by any content change).

    For views worth caching even where the page cache is off (development) or bypassed
    (an editor's request): the sitemap.
    """

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            generation = current_generation()
            if generation is None:
                return view(request, *args, **kwargs)
            cached = cache_page(timeout, key_prefix=f"g{generation}")(view)
            return cached(request, *args, **kwargs)

        return cached_view

    return decorator
