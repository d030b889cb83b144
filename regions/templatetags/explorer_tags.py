"""Links into the pairing explorer from other pages: {% explorer_url region="china" as url %}."""

from django import template
from django.http import QueryDict
from django.utils.translation import get_language

from wagtail.models import Site

from iurc_site.caching import content_version
from regions.models import PairingExplorerPage

register = template.Library()
URL_CACHE_SECONDS = 60 * 60


def explorer_page_url(request):
    """The explorer's address in the active language, "" without one (cached per version)."""
    language = get_language()
    memo = getattr(request, "_explorer_urls", {}) if request is not None else {}
    if language in memo:
        return memo[language]
    site = Site.find_for_request(request) if request is not None else None

    def find_url():
        page = PairingExplorerPage.objects.live().first()
        return (page.get_url(request) or "") if page is not None else ""

    url = content_version.cached(
        ["explorer-url", site.pk if site else 0, language], find_url, URL_CACHE_SECONDS
    )
    if request is not None:
        request._explorer_urls = {**memo, language: url}
    return url


@register.simple_tag(takes_context=True)
def explorer_url(context, **filters):
    """The explorer's URL with these filters, in the active language; "" without an explorer."""
    url = explorer_page_url(context.get("request"))
    if not url:
        return ""
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        if value not in (None, ""):
            query[name] = str(value)
    return f"{url}?{query.urlencode()}" if query else url
