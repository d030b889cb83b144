"""sitemap.xml: every live, public page, every place profile and every publication's
page in the library, in every language.

Each address lists its versions in the other languages (xhtml:link hreflang), with the
English one as x-default, as the pages' own <link rel="alternate"> tags do.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils.translation import get_language

from wagtail.models import Page, Site

from partners.models import Place


class TranslatedSitemap(Sitemap):
    """A sitemap whose items exist in every site language."""

    i18n = True
    alternates = True
    limit = 1000  # items per sitemap file; with 8 alternates each, about 1.5 MB

    def get_urls(self, page=1, site=None, protocol=None):
        # Django's x_default strips the language prefix ("/about/"), an address our
        # pages do not have; x-default is the English version, as in <head>.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            english = next(
                (
                    alternate["location"]
                    for alternate in url["alternates"]
                    if alternate["lang_code"] == settings.LANGUAGE_CODE
                ),
                None,
            )
            if english:
                url["alternates"].append(
                    {"location": english, "lang_code": "x-default"}
                )
        return urls


class PageSitemap(TranslatedSitemap):
    """The live pages of the request's Wagtail site that anyone may read."""

    def __init__(self, request):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return (
            Page.objects.live()
            .public()
            .in_site(site)
            .filter(depth__gt=1)
            .order_by("path")
        )

    def location(self, item):
        _site_id, _root_url, path = item.get_url_parts(self.request)
        return path

    def lastmod(self, item):
        return item.last_published_at


class PlaceSitemap(TranslatedSitemap):
    """The place profiles (/<lang>/places/<country>/<slug>/)."""

    def items(self):
        return Place.objects.order_by("country", "slug")


class PublicationSitemap(TranslatedSitemap):
    """The publications' pages on their library (/<lang>/<library>/<id>-<slug>/)."""

    def __init__(self, request):
        self.request = request
        # {(language, library id): the library's address}: a few libraries, read once.
        self._bases = {}
        self._libraries = None
        self._found = None

    def items(self):
        from publications.models import Publication
        from publications.pages import libraries

        found = libraries()
        publications = Publication.objects.public().order_by("pk")
        if None in found:
            return publications
        return publications.filter(region_id__in=[pk for pk in found if pk])

    def location(self, item):
        from publications.pages import (
            PublicationsLibraryPage,
            home_library_of,
            libraries,
            publication_slug,
        )

        if self._libraries is None:
            self._libraries = PublicationsLibraryPage.objects.live().in_bulk()
            self._found = libraries()
        library_id = home_library_of(item, self._found)
        key = (get_language(), library_id)
        if key not in self._bases:
            library = self._libraries.get(library_id)
            self._bases[key] = library.get_url(self.request) if library else ""
        return f"{self._bases[key]}{item.pk}-{publication_slug(item)}/"

    def lastmod(self, item):
        return item.created_at
