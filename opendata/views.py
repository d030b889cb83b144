"""Public open-data pages: the API's documentation for people (/<lang>/data/api/)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from opendata.api import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from opendata.middleware import ALLOWED_METHODS
from opendata.records import language_codes
from regions.explorer.filters import FILTER_NAMES, MAX_TEXT_LENGTH

PERIOD_SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def rate_limit(rate):
    """django-ratelimit's "300/m" (or "100/5m") as {rate_count: 300, rate_seconds: 60}."""
    count, period = rate.split("/")
    multiple = int(period[:-1]) if period[:-1] else 1
    return {
        "rate_count": int(count),
        "rate_seconds": multiple * PERIOD_SECONDS[period[-1]],
    }


@require_safe
def api_docs(request):
    """What the API offers, its endpoints and parameters, with examples to copy."""
    base = request.build_absolute_uri("/api/v1/")
    return render(
        request,
        "opendata/api_docs.html",
        {
            "api_base": base,
            "openapi_url": request.build_absolute_uri(reverse("api_v1:openapi-json")),
            "filter_names": FILTER_NAMES,
            "languages": language_codes(),
            "default_page_size": DEFAULT_PAGE_SIZE,
            "max_page_size": MAX_PAGE_SIZE,
            "max_text_length": MAX_TEXT_LENGTH,
            **rate_limit(settings.API_RATE_LIMIT),
            "max_age": settings.API_CACHE_MAX_AGE,
            "allowed_methods": ALLOWED_METHODS,
        },
    )
