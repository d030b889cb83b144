"""The content version: a number that changes whenever what visitors see may change.

Cached pieces of pages (menus, the footer, the explorer's facet counts and map data,
page routes) carry it in their cache keys, so publishing makes them all stale at once
without knowing which ones it touched: `current()` gives the number, `bump()` changes
it, and old entries simply expire.

It is bumped, together with the page cache's generation, by every change listed in
caching/invalidation.py, the one list of what visitors see. The number lives in the database (iurc_site.ContentVersion), so that
every process sees it, and is kept in Django's cache for VERSION_CACHE_SECONDS: with a
shared cache (Redis) a bump is seen at once by every worker; with a per-process cache
(local memory) other processes see it within that time.

Within one request the number is read once (`current()` remembers it until the
request ends, unless this process bumps it), and `cached()` keeps what it computes in
the "fragments" cache: this process's memory in front of the shared cache
(iurc_site/caching/fragments.py), which is safe because a key never changes meaning.
Why the page cache keeps a number of its own: see caching/invalidation.py.
"""

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.core.cache import cache, caches
from django.db import connection
from django.db.models import F
from django.http import HttpRequest

from iurc_site.caching.release import release_id
from iurc_site.private_apis import (
    after_commit,
    commit_callback_pending,
    in_transaction,
)

CACHE_KEY = "iurc:content-version"
VERSION_CACHE_SECONDS = 5
FRAGMENT_SECONDS = 60 * 60

# The number as read by the current request (see _request_started).
_this_request = threading.local()
_MISSING = object()
T = TypeVar("T")


def _row():
    from iurc_site.models import ContentVersion

    row, _created = ContentVersion.objects.get_or_create(pk=1)
    return row


def current() -> int:
    """The content version now (a positive integer)."""
    if in_transaction():
        connection.iurc_content_version_read = True
    else:
        remembered = getattr(_this_request, "number", None)
        if remembered is not None:
            return remembered
    number = cache.get(CACHE_KEY)
    if number is None:
        number = _row().number
        # Inside a transaction the number may not be committed yet (a bump in this
        # transaction): other processes must not see it before the content it stands for.
        if not in_transaction():
            cache.set(CACHE_KEY, number, VERSION_CACHE_SECONDS)
    if getattr(_this_request, "active", False) and not in_transaction():
        _this_request.number = number
    return number


def _request_started(**kwargs):
    # One read of the number per request: a page asks for it a dozen times.
    _this_request.active = True
    _this_request.number = None


def _request_finished(**kwargs):
    _this_request.active = False
    _this_request.number = None


def _forget_remembered_number():
    _this_request.number = None


def bump() -> None:
    """Change the version; other processes see the new one when the transaction commits.

    Inside the transaction, this process reads the new number from the database; if
    the transaction rolls back, the number in the database was never changed.
    """
    from iurc_site.models import ContentVersion

    if _bumped_in_this_transaction() and not getattr(
        connection, "iurc_content_version_read", False
    ):
        # Once per transaction while nobody has read the new number: an import that
        # publishes 5,000 pages bumps once. Read in between (something cached under
        # it), the next change needs a new number again.
        return
    connection.iurc_content_version_read = False
    _row()
    ContentVersion.objects.filter(pk=1).update(number=F("number") + 1)
    cache.delete(CACHE_KEY)
    _forget_remembered_number()
    after_commit(_forget_cached_number)


def _forget_cached_number():
    cache.delete(CACHE_KEY)
    _forget_remembered_number()


def _bumped_in_this_transaction():
    # Django drops the callbacks of a rolled-back transaction or savepoint, together with
    # its update of the number, so this never outlives the bump it stands for.
    return commit_callback_pending(_forget_cached_number)


def key(*parts: object) -> str:
    """A cache key for something that depends on published content.

    "iurc:<release>:<version>:...": the release (iurc_site/caching/release.py) keeps what one
    deploy rendered from being served by the next.
    """
    return ":".join(
        ["iurc", release_id(), str(current()), *(str(part) for part in parts)]
    )


def cached(
    parts: Sequence[object], compute: Callable[[], T], timeout: int = FRAGMENT_SECONDS
) -> T:
    """compute(), kept under key(*parts) in the fragments cache until the version changes.

    `parts` must name everything the value depends on besides published content (the
    site, the language, the filters...). None is a value like any other.
    """
    if _bumped_in_this_transaction():
        # The new number is not committed and may be rolled back, and then given
        # to other content: nothing is stored under it before it is.
        return compute()
    fragments = caches["fragments"]
    cache_key = key(*parts)
    value = fragments.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        fragments.set(cache_key, value, timeout)
    return value


def cached_for(
    request: HttpRequest | None,
    parts: Sequence[object],
    compute: Callable[[], T],
    timeout: int = FRAGMENT_SECONDS,
) -> T:
    """cached() for something a request shows: a page's piece, its links, its metadata.

    Keyed by the request's scheme and host as well (addresses in it may be absolute,
    or differ between sites), and computed anew while previewing, where the page shown
    is a draft: nothing a preview renders is read from or stored in the cache.
    """
    if request is None or getattr(request, "is_preview", False):
        return compute()
    return cached([*parts, request.scheme, request.get_host()], compute, timeout)


def connect() -> None:
    """Read the number once per request (called from IurcSiteConfig.ready)."""
    from django.core.signals import request_finished, request_started

    request_started.connect(_request_started, dispatch_uid="content_version_request")
    request_finished.connect(_request_finished, dispatch_uid="content_version_request")
