"""The Open Graph picture of a page without a photo: its map, 1200×630, in the language
of the address (/en/og/42.png). Rendered on the first request, then kept in the
fragments cache until published content changes; browsers and the CDN may keep it too.
"""

from django.http import Http404, HttpResponse
from django.utils.translation import get_language

from wagtail.models import Page

from iurc_site.caching.content_version import cached
from iurc_site.illustrations.maps import SIZE
from iurc_site.illustrations.pages import has_map, page_map

OPEN_GRAPH_SIZE = SIZE


def illustrated_page(page_id):
    """The live, public page with that id, if it has places to map; else None."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    return page if has_map(page) else None


def open_graph_image(request, page_id):
    page = illustrated_page(page_id)
    if page is None:
        raise Http404("No picture for this page.")
    language = get_language() or "en"
    png = cached(
        ["og-image", page.pk, language], lambda: page_map(page, size=OPEN_GRAPH_SIZE)
    )
    return HttpResponse(png, content_type="image/png")
