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

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F

CACHE_KEY = "iurc:content-version"
VERSION_CACHE_SECONDS = 5


def _row():
    from iurc_site.models import ContentVersion

    row, _created = ContentVersion.objects.get_or_create(pk=1)
    return row


def current():
    """The content version now (a positive integer)."""
    if connection.in_atomic_block:
        connection.iurc_content_version_read = True
    number = cache.get(CACHE_KEY)
    if number is None:
        number = _row().number
        # Inside a transaction the number may not be committed yet (a bump in this
        # transaction): other processes must not see it before the content it stands for.
        if not connection.in_atomic_block:
            cache.set(CACHE_KEY, number, VERSION_CACHE_SECONDS)
    return number


def bump():
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
    transaction.on_commit(_forget_cached_number)


def _forget_cached_number():
    cache.delete(CACHE_KEY)


def _bumped_in_this_transaction():
    # Django drops the callbacks of a rolled-back transaction or savepoint, together with
    # its update of the number, so this never outlives the bump it stands for.
    return connection.in_atomic_block and any(
        callback is _forget_cached_number
        for _savepoints, callback, *_rest in connection.run_on_commit
    )


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
