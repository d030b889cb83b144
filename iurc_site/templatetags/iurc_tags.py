"""Template tags for the public site: language links, menus, translation fallbacks."""

import hashlib
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamValue
from wagtail.models import Page, Site

from iurc_site.caching import content_version
from partners.countries import country_name as _country_name

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    """The current page in one language: where it is, and what the language calls itself."""

    code: str
    name: str
    url: str
    is_current: bool


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


@register.simple_tag(takes_context=True)
def language_links(context):
    """The page being shown, in every site language (same page, other language's slugs)."""
    request = context.get("request")
    page = _current_page(context)
    current = get_language()
    # A view may give the parameters that belong in its address (the search page gives
    # the cleaned query, not whatever was typed into the address bar).
    params = context.get("canonical_params")
    if params is None and request is not None:
        params = request.GET
    query = f"?{params.urlencode()}" if params else ""
    page_urls = _page_urls_by_language(page, request) if page is not None else {}
    # A route of a routable page (a publication on its library) adds its part to the
    # page's address in each language.
    route = context.get("page_route") or ""
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            url = f"{page_urls[code]}{route}" if page_urls[code] else ""
        elif request is not None:
            # Resolved in the current language: under the target language the current
            # prefix would not match.
            url = translate_url(request.path, code)
        else:
            url = f"/{code}/"
        links.append(
            LanguageLink(code, name, f"{url}{query}" if url else "", code == current)
        )
    return links


def _page_urls_by_language(page, request):
    """{language: the page's address in it}: cached per page, and kept on the request.

    Computed anew in previews, where the page may be a draft with other slugs.
    """

    def read_urls():
        urls = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                urls[code] = page.get_url(request)
        return urls

    if request is None:
        return read_urls()
    memo = request.__dict__.setdefault("_iurc_page_urls", {})
    if page.pk not in memo:
        memo[page.pk] = content_version.cached_for(
            request, ["page-urls", page.pk], read_urls, SITE_CACHE_SECONDS
        )
    return memo[page.pk]


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` made absolute for the current request's host (hreflang and canonical links)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None and url else url


@dataclass(frozen=True)
class MenuItem:
    """A page of the main menu, as the header and footer show it."""

    pk: int
    path: str
    title: str
    url: str


# Menus and the site root change only when pages are published, moved or deleted:
# they are cached under the content version (iurc_site.caching.content_version).
SITE_CACHE_SECONDS = 60 * 60


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.tag
def published_fragment(parser, token):
    """{% published_fragment "name" value ... %}...{% endpublished_fragment %}

    Renders what it encloses once per content version, language and host, and then
    serves it from the fragments cache (this process's memory, then Redis). The values
    after the name must identify everything the fragment shows besides published
    content (the page, the page number, the filters). Never cached while previewing,
    where the page shown is a draft.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"{bits[0]} needs a name: {{% {bits[0]} 'name' value ... %}}"
        )
    nodelist = parser.parse(("endpublished_fragment",))
    parser.delete_first_token()
    return PublishedFragmentNode(
        nodelist, [parser.compile_filter(bit) for bit in bits[1:]]
    )


class PublishedFragmentNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        name, *values = [str(value.resolve(context)) for value in self.vary_on]
        digest = hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:32]
        html = content_version.cached_for(
            context.get("request"),
            ["fragment", name, get_language(), digest],
            lambda: str(self.nodelist.render(context)),
        )
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped when rendered


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site's top-level pages marked "show in menus" (MenuItems)."""
    request = context.get("request")
    site = _site(context)
    if site is None:
        return []

    def read_menu():
        return [
            MenuItem(page.pk, page.path, page.title, page.get_url(request))
            for page in site.root_page.get_children().live().in_menu()
        ]

    return content_version.cached(
        ["main-menu", site.pk, get_language()], read_menu, SITE_CACHE_SECONDS
    )


@dataclass(frozen=True)
class Crumb:
    """An ancestor of the page in its breadcrumb trail."""

    depth: int
    title: str
    url: str


@register.simple_tag(takes_context=True)
def breadcrumb_links(context, page):
    """The page's ancestors below the tree root, with their addresses (cached)."""
    request = context.get("request")

    def read_crumbs():
        return [
            Crumb(ancestor.depth, ancestor.title, ancestor.get_url(request) or "")
            for ancestor in page.get_ancestors()
            if ancestor.depth > 1
        ]

    return content_version.cached(
        ["breadcrumbs", page.pk, get_language()], read_crumbs, SITE_CACHE_SECONDS
    )


@register.simple_tag(takes_context=True)
def site_root_url(context):
    """The address of the site's home page in the active language ("" without a site)."""
    request = context.get("request")
    site = _site(context)
    if site is None:
        return ""
    return content_version.cached(
        ["site-root-url", site.pk, get_language()],
        lambda: site.root_page.get_url(request) or "",
        SITE_CACHE_SECONDS,
    )


@register.simple_tag
def fallback_lang(instance, field_name):
    """` lang="en"` when the field has no text in the active language and shows English instead."""
    current = get_language() or settings.LANGUAGE_CODE
    if current == settings.LANGUAGE_CODE or instance is None:
        return ""
    value = getattr(instance, build_localized_fieldname(field_name, current), None)
    if (
        value is None
        or value == ""
        or (isinstance(value, StreamValue) and len(value) == 0)
    ):
        return format_html(' lang="{}"', settings.LANGUAGE_CODE)
    return ""


@register.filter
def country_name(code):
    """The country's name in the active language: {{ place.country|country_name }}."""
    return _country_name(getattr(code, "code", code))


@register.simple_tag
def map_tiles():
    """The optional online tile layer of the maps: {"url": ..., "attribution": ...}."""
    return {
        "url": settings.IURC_MAP_TILE_URL,
        "attribution": settings.IURC_MAP_TILE_ATTRIBUTION,
    }
