"""The content version: a number that changes whenever what visitors see may change.

Cached pieces of pages (menus, the footer, the explorer's facet counts and map data,
page routes) carry it in their cache keys, so publishing makes them all stale at once
without knowing which ones it touched: `current()` gives the number, `bump()` changes
it, and old entries simply expire.

It is bumped by Wagtail's page_published, page_unpublished, post_page_move and page
deletion, and by saving or deleting reference data (places, themes, organisations,
policy frameworks), site settings, images, sites and page view restrictions (see
`connect()`). The number lives in the database (iurc_site.ContentVersion), so that
every process sees it, and is kept in Django's cache for VERSION_CACHE_SECONDS: with a
shared cache (Redis) a bump is seen at once by every worker; with a per-process cache
(local memory) other processes see it within that time.

Naming: "content version" here; the anonymous page cache has its own generation token
for its own invalidation. The two could be one number.
"""

import threading

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F

CACHE_KEY = "iurc:content-version"
VERSION_CACHE_SECONDS = 5
# A version bumped inside a transaction that has not committed yet: this thread sees
# it at once, other processes only after the commit (else they would cache the old
# content under the new number).
_pending = threading.local()


def _row():
    from iurc_site.models import ContentVersion

    row, _created = ContentVersion.objects.get_or_create(pk=1)
    return row


def current():
    """The content version now (a positive integer)."""
    pending = getattr(_pending, "number", None)
    if pending is not None:
        if connection.in_atomic_block:
            return pending
        _pending.number = None  # committed or rolled back since
    number = cache.get(CACHE_KEY)
    if number is None:
        number = _row().number
        cache.set(CACHE_KEY, number, VERSION_CACHE_SECONDS)
    return number


def _publish(number):
    _pending.number = None
    cache.set(CACHE_KEY, number, VERSION_CACHE_SECONDS)


def bump():
    """Change the version; other processes see the new one when the transaction commits."""
    from iurc_site.models import ContentVersion

    _row()
    ContentVersion.objects.filter(pk=1).update(number=F("number") + 1)
    number = ContentVersion.objects.values_list("number", flat=True).get(pk=1)
    if connection.in_atomic_block:
        _pending.number = number
        transaction.on_commit(lambda: _publish(number))
    else:
        _publish(number)
    return number


def key(*parts):
    """A cache key for something that depends on published content: "iurc:<version>:..."."""
    return ":".join(["iurc", str(current()), *(str(part) for part in parts)])


def _bump_on_signal(sender=None, **kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures
    bump()


def connect():
    """Bump the version on every change that visitors may see."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from iurc_site.models import SiteSettings, SocialLink
    from partners.models import Organisation, Place, PolicyFramework, Theme

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_bump_on_signal, dispatch_uid=f"content_version_{id(signal)}")
    post_delete.connect(_bump_on_page_deleted, dispatch_uid="content_version_deleted")
    for model in (
        Place,
        Theme,
        Organisation,
        PolicyFramework,
        SiteSettings,
        SocialLink,
        Site,
        PageViewRestriction,
        get_image_model(),
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                _bump_on_signal,
                sender=model,
                dispatch_uid=f"content_version_{model._meta.label}_{id(signal)}",
            )


def _bump_on_page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump()
