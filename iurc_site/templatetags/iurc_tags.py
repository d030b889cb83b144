"""Template tags for the public site: language links, menus, translation fallbacks."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, override

from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamValue
from wagtail.models import Page, Site

from iurc_site import content_version
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
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            with override(code):
                url = page.get_url(request)
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
# they are cached under the content version (iurc_site.content_version).
SITE_CACHE_SECONDS = 60 * 60


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(name="content_version")
def content_version_tag():
    """The content version, for {% cache %} keys: {% content_version as version %}."""
    return content_version.current()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site's top-level pages marked "show in menus" (MenuItems)."""
    request = context.get("request")
    site = _site(context)
    if site is None:
        return []
    key = content_version.key("main-menu", site.pk, get_language())
    menu = cache.get(key)
    if menu is None:
        menu = [
            MenuItem(page.pk, page.path, page.title, page.get_url(request))
            for page in site.root_page.get_children().live().in_menu()
        ]
        cache.set(key, menu, SITE_CACHE_SECONDS)
    return menu


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
    key = content_version.key("breadcrumbs", page.pk, get_language())
    crumbs = cache.get(key)
    if crumbs is None:
        crumbs = [
            Crumb(ancestor.depth, ancestor.title, ancestor.get_url(request) or "")
            for ancestor in page.get_ancestors()
            if ancestor.depth > 1
        ]
        cache.set(key, crumbs, SITE_CACHE_SECONDS)
    return crumbs


@register.simple_tag(takes_context=True)
def site_root_url(context):
    """The address of the site's home page in the active language ("" without a site)."""
    request = context.get("request")
    site = _site(context)
    if site is None:
        return ""
    key = content_version.key("site-root-url", site.pk, get_language())
    url = cache.get(key)
    if url is None:
        url = site.root_page.get_url(request) or ""
        cache.set(key, url, SITE_CACHE_SECONDS)
    return url


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
