"""Cached routing: where an address leads, which site a host is, the sites' root paths.

Wagtail resolves these on every request, with several queries each; here they are kept
in the fragments cache under the content version, so publishing, moving or deleting a
page, or saving a site, changes them all at once. iurc_site.private_apis.install() puts
these functions in place of Wagtail's.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.http.request import split_domain_port
from django.utils.translation import get_language

from wagtail.models import PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from iurc_site import private_apis
from iurc_site.caching import content_version

ROUTE_CACHE_SECONDS = 60 * 60


def with_cached_routes(route_for_request):
    """`route_for_request` (Wagtail's Page.route_for_request), with where each address leads cached.

    Routing fetches the site root's specific page, then walks the tree one level per
    path component, and wagtail-modeltranslation's version loads every child of each
    level to compare slugs in Python (all of a region's pairings for one pairing page).
    A cached route costs one query, the page itself. Addresses that are not found are
    not cached.
    """

    def cached_route_for_request(request, path):
        remembered = private_apis.remembered_route(request)
        if remembered is not None:
            return remembered
        site = Site.find_for_request(request)
        if site is None:
            return route_for_request(request, path)
        address = "/".join(component for component in path.split("/") if component)
        key = content_version.key("route", site.pk, get_language(), address)
        # The fragments cache: this process's memory first (its key never changes meaning).
        target = caches["fragments"].get(key)
        if target is not None:
            content_type_id, pk = target
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = _page_or_none(model, pk)
            url_path = site.root_page.url_path + (f"{address}/" if address else "")
            if page is not None and page.live and page.url_path == url_path:
                return private_apis.remember_route(request, RouteResult(page))
        result = route_for_request(request, path)  # None when not found: not cached
        if result is not None:
            page, args, kwargs = result
            if not args and not kwargs:
                caches["fragments"].set(
                    key, (page.content_type_id, page.pk), ROUTE_CACHE_SECONDS
                )
        return result

    cached_route_for_request.__wrapped__ = route_for_request
    return cached_route_for_request


def _page_or_none(model, pk):
    # get(), not first(): no ORDER BY to compile and run.
    if model is None:
        return None
    try:
        return model.objects.get(pk=pk)
    except model.DoesNotExist:
        return None


def with_cached_sites(find_site_for_request):
    """`find_site_for_request` (Wagtail's Site._find_for_request), cached per host and port.

    Wagtail looks the site up with one query per request; saving a site changes the
    content version.
    """

    def cached_find_site_for_request(request):
        hostname = split_domain_port(private_apis.raw_host(request))[0]
        return content_version.cached(
            ["site-for", hostname[:255], request.get_port()],
            lambda: find_site_for_request(request),
            ROUTE_CACHE_SECONDS,
        )

    cached_find_site_for_request.__wrapped__ = find_site_for_request
    return cached_find_site_for_request


def site_root_paths_per_language(self, cache_object=None, **kwargs):
    """Page._get_site_root_paths: the sites' root paths in the active language.

    Kept on the request (or page) per language, and in the fragments cache under the
    content version (saving a site or publishing a root page changes it).
    wagtail-modeltranslation's version keeps only the last language on the request, so
    a page that links to itself in seven languages read them from Redis 25 times.
    """
    holder = cache_object or kwargs.get("request") or self
    by_language = getattr(holder, "_iurc_site_root_paths", None)
    if by_language is None:
        by_language = {}
        holder._iurc_site_root_paths = by_language
    language = get_language()
    if language not in by_language:
        by_language[language] = content_version.cached(
            ["site-root-paths", language], private_apis.modeltranslation_site_root_paths
        )
    return by_language[language]


def any_view_restriction() -> bool:
    """Whether any page has a view restriction (cached under the content version)."""
    return content_version.cached(
        ["any-view-restriction"],
        PageViewRestriction.objects.exists,
        ROUTE_CACHE_SECONDS,
    )
