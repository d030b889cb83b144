"""Links into the pairing explorer from other pages: {% explorer_url region="china" as url %}."""

from django import template
from django.http import QueryDict

from regions.models import PairingExplorerPage

register = template.Library()


@register.simple_tag(takes_context=True)
def explorer_url(context, **filters):
    """The explorer's URL with these filters, in the active language; "" without an explorer."""
    request = context.get("request")
    cache = getattr(request, "_explorer_page", None) if request is not None else None
    if cache is None:
        page = PairingExplorerPage.objects.live().first()
        cache = (page,)
        if request is not None:
            request._explorer_page = cache  # one query per request, however many links
    page = cache[0]
    if page is None:
        return ""
    url = page.get_url(request)
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        if value not in (None, ""):
            query[name] = str(value)
    return f"{url}?{query.urlencode()}" if query else url
