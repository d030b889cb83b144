"""Public views of the regional app that are not pages: the explorer's map data."""

import json

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from regions.explorer import map_document, read_filters
from regions.explorer.filters import CACHE_SECONDS, explorable_pairings


@require_safe
@gzip_page
def pairing_map_data(request):
    """The map document for the explorer's filters in the query string (JSON, cacheable).

    One document per language and filter set, kept under the content version: at
    10,000 pairings building it takes far longer than sending it.
    """
    filters = read_filters(request.GET)
    # In the shared cache only, not content_version.cached(): at scale a document is
    # a megabyte, too big to keep one per filter set in every process's memory.
    key = filters.cache_key("map-document", get_language())
    content = cache.get(key)
    if content is None:
        document = map_document(filters.apply(explorable_pairings()), request)
        content = json.dumps(
            document, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False
        )
        cache.set(key, content, CACHE_SECONDS)
    response = HttpResponse(content, content_type="application/json")
    patch_cache_control(response, public=True, max_age=settings.IURC_MAP_DATA_MAX_AGE)
    return response
