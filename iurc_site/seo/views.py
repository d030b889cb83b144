"""Site-wide views outside the page tree: robots.txt and the sitemap."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from iurc_site.caching.generation import cache_until_content_changes
from iurc_site.seo.sitemaps import PageSitemap, PlaceSitemap, PublicationSitemap

SITEMAP_CACHE_SECONDS = 15 * 60


def sitemaps_for(request):
    return {
        "pages": PageSitemap(request),
        "places": PlaceSitemap(),
        "publications": PublicationSitemap(request),
    }


@require_GET
@cache_until_content_changes(SITEMAP_CACHE_SECONDS)
def sitemap_index(request):
    """sitemap.xml: the list of the sitemap files (pages, places, publications;
    paginated when large)."""
    return sitemap_views.index(
        request, sitemaps_for(request), sitemap_url_name="sitemap_section"
    )


@require_GET
@cache_until_content_changes(SITEMAP_CACHE_SECONDS)
def sitemap_section(request, section):
    """One sitemap file: every address in every language, with its alternates."""
    return sitemap_views.sitemap(request, sitemaps_for(request), section=section)


@require_GET
def robots_txt(request):
    """robots.txt: everything may be crawled but the admin and search results."""
    return render(
        request,
        "robots.txt",
        {
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
            "search_paths": [f"/{code}/search/" for code, _name in settings.LANGUAGES],
        },
        content_type="text/plain; charset=utf-8",
    )
