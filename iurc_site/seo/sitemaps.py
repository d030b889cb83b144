"""sitemap.xml: every live, public page and every place profile, in every language.

Each address lists its versions in the other languages (xhtml:link hreflang), with the
English one as x-default, as the pages' own <link rel="alternate"> tags do.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap

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
