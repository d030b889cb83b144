"""Template tags for the public site: language links, menus, translation fallbacks."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, override

from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamValue
from wagtail.models import Page, Site

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


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site's top-level pages marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().in_menu()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


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
