"""Public views of the regional app that are not pages: the explorer's map data."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from regions.explorer import map_document, read_filters
from regions.explorer.filters import explorable_pairings


@require_safe
@gzip_page
def pairing_map_data(request):
    """The map document for the explorer's filters in the query string (JSON, cacheable)."""
    filters = read_filters(request.GET)
    document = map_document(filters.apply(explorable_pairings()), request)
    response = JsonResponse(
        document, json_dumps_params={"separators": (",", ":"), "ensure_ascii": False}
    )
    patch_cache_control(response, public=True, max_age=settings.IURC_MAP_DATA_MAX_AGE)
    return response
