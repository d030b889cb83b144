"""Behaviour every page type of the site shares, mixed into ContentPage."""

from http import HTTPMethod

from django.conf import settings
from django.utils.translation import override

from wagtail.models import PageViewRestriction

from iurc_site.caching.routing import any_view_restriction


class EnglishAdminColumnsMixin:
    """Saves a page with English active, whatever language the request runs in.

    modeltranslation fills the untranslated columns (title, slug, url_path and the
    draft_title the admin explorer shows) from the active language. An editor whose
    admin ran in Malay (a stored account preference, an Accept-Language header) would
    make every editor's explorer show Malay titles (docs/stack-pitfalls.md, pitfall 6).
    """

    def save(self, *args, **kwargs):
        with override(settings.LANGUAGE_CODE):
            return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        with override(settings.LANGUAGE_CODE):
            return super().save_revision(*args, **kwargs)


class CachedViewRestrictionsMixin:
    """Skips Wagtail's per-request check of page privacy while no page has any.

    Wagtail looks up the view restrictions of a page and its ancestors on every
    request (two queries). Whether any restriction exists at all is cached under the
    content version, which saving or deleting a restriction changes; when one does,
    Wagtail's own check runs as before.
    """

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class ReadOnlyMethodsMixin:
    """Pages answer GET, HEAD and OPTIONS; any other method is a 405 naming them.

    Wagtail's default also accepts DELETE, PATCH, POST and PUT, serves the page to them
    as to a GET and lists them in OPTIONS' Allow header. No page of this site takes a
    form or any other request body (the search form sends a GET).
    """

    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]
