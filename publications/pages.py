"""The publications library: a page listing the programme's documents, and a page for each.

A library page sits under the home page (every publication) and at most one under each
region page (that region's publications). Each publication has its own page on the
library, `<library>/<id>-<slug>/`; a publication of a region with a library of its own
lives on that region's library, every other one on the programme-wide library, so that
each publication has one address per language.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.models import Site

from iurc_site.caching import content_version
from iurc_site.models import ContentPage
from iurc_site.seo.meta import publication_meta
from iurc_site.seo.structured_data import json_ld, publication_data
from partners.models import ascii_slug

LIBRARY_CACHE_SECONDS = 60 * 60


def publication_slug(publication):
    """The English title as an ASCII slug: the same in every language, like the filters."""
    return ascii_slug(publication.title_en or publication.title)[:80] or "publication"


def libraries():
    """{region page id, or None for programme-wide: the live library's id}, cached."""

    def read():
        from iurc_site.models import HomePage
        from regions.models import RegionPage

        found = {}
        home_paths = set(HomePage.objects.live().values_list("path", flat=True))
        regions = dict(RegionPage.objects.values_list("path", "pk"))
        for library in PublicationsLibraryPage.objects.live().order_by("path"):
            parent_path = library.path[: -library.steplen]
            if parent_path in home_paths:
                found.setdefault(None, library.pk)
            elif parent_path in regions:
                found.setdefault(regions[parent_path], library.pk)
        return found

    return content_version.cached(
        ["publication-libraries"], read, LIBRARY_CACHE_SECONDS
    )


def home_library_of(publication, found=None):
    """The id of the library a publication lives on, or None if there is none.

    `found`: libraries(), when the caller has it already.
    """
    found = libraries() if found is None else found
    return found.get(publication.region_id) or found.get(None)


class PublicationsLibraryPage(RoutablePageMixin, ContentPage):
    """The library: programme-wide under the home page, or one region's under it."""

    parent_page_types = ["iurc_site.HomePage", "regions.RegionPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("publications library page")

    @cached_property
    def region(self):
        """The region whose publications this is, or None for the programme-wide library."""
        from regions.models import RegionPage

        if not self.path:
            return None
        return RegionPage.objects.filter(path=self.path[: -self.steplen]).first()

    def publication_path(self, publication, request=None):
        """The address of a publication on this library, in the active language."""
        base = self.get_url(request)
        if not base:
            return ""
        return f"{base}{publication.pk}-{publication_slug(publication)}/"

    def get_context(self, request, *args, **kwargs):
        from publications.library import library_listing

        context = super().get_context(request, *args, **kwargs)
        # Lazy: a publication's page, rendered through the same context, lists nothing.
        context["listing"] = SimpleLazyObject(lambda: library_listing(self, request))
        return context

    @re_path(r"^(?P<publication_id>[0-9]{1,10})-(?P<slug>[-a-z0-9]{0,100})/$")
    def publication(self, request, publication_id, slug):
        from publications.library import file_format
        from publications.models import Publication

        publication = (
            Publication.objects.public()
            .select_related("region", "phase", "cover_image", "collection")
            .prefetch_related("themes", "pairings")
            .filter(pk=int(publication_id))
            .first()
        )
        if publication is None:
            raise Http404
        home_id = home_library_of(publication)
        if home_id != self.pk or slug != publication_slug(publication):
            if home_id is None:
                raise Http404
            library = PublicationsLibraryPage.objects.live().get(pk=home_id)
            return redirect(
                library.publication_path(publication, request), permanent=True
            )
        route = f"{publication.pk}-{publication_slug(publication)}/"
        url = f"{self.get_url(request)}{route}"
        site = Site.find_for_request(request)
        home = site.root_page.specific if site else None
        return self.render(
            request,
            template="publications/publication_page.html",
            context_overrides={
                "publication": publication,
                "file_format": file_format(publication),
                "pairing_list": sorted(
                    (pairing for pairing in publication.pairings.all() if pairing.live),
                    key=lambda pairing: pairing.title,
                ),
                "theme_list": list(publication.themes.all()),
                "publication_meta": publication_meta(request, publication),
                "publication_json_ld": json_ld(
                    publication_data(request, publication, url, home)
                ),
                # The language links and canonical address: this route on the library
                # in each language (iurc_tags.language_links).
                "page_route": route,
                "canonical_params": {},
            },
        )


def page_urls(pairs, request=None):
    """{(publication id, language code): its page's address in that language} for
    (publication, language code) pairs: "" for one without a library. One query for
    the libraries, whatever the number of pairs."""
    found = libraries()
    homes = {
        publication.pk: home_library_of(publication, found) for publication, _ in pairs
    }
    wanted = set(homes.values()) - {None}
    pages = PublicationsLibraryPage.objects.live().in_bulk(wanted) if wanted else {}
    bases = {}  # (library id, language): the library's address
    addresses = {}
    for publication, language in pairs:
        home = homes[publication.pk]
        if (home, language) not in bases:
            with translation.override(language):
                page = pages.get(home)
                bases[(home, language)] = page.get_url(request) if page else ""
        base = bases[(home, language)]
        addresses[(publication.pk, language)] = (
            f"{base}{publication.pk}-{publication_slug(publication)}/" if base else ""
        )
    return addresses


def attach_urls(publications, request=None):
    """Set `page_url` on each publication: its page on its library ("" without one),
    in the active language."""
    publications = list(publications)
    language = translation.get_language()
    addresses = page_urls([(each, language) for each in publications], request)
    for publication in publications:
        publication.page_url = addresses[(publication.pk, language)]
    return publications
