"""What every answer under /api/ gets, whichever endpoint (or none) answers it.

- CORS: `Access-Control-Allow-Origin: *` on every response, errors included, and a
  preflight (OPTIONS) answered at once. Set here on every response rather than by
  django-cors-headers, which leaves the header out when the request has no Origin
  (curl, a server, a CDN's fetch): the page cache would store that copy and replay it to
  browsers on other origins, which would then refuse it.
- The rate limit per client address (django-ratelimit), the address found as django-axes
  finds it for the login throttling: 429 with Retry-After. Answers replayed by the page
  cache, which sits in front of this middleware, cost nothing and are not counted.
- Cache-Control: public for a success, so that the page cache and a CDN keep it (both
  emptied on every publish), no-store for anything else.
- JSON for what Django answers itself under /api/ (an unknown path, a 500).

`ApiLocaleMiddleware` replaces Django's LocaleMiddleware: for a 404 outside the language
prefix, Django's redirects to the same path under /en/ when that looks like a page
(Wagtail's catch-all matches every path ending in a slash), so an unknown id would turn
into a redirect to an HTML page. It leaves the API's answers as they are.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_cache_control

from django_ratelimit.core import get_usage

from iurc_site.web.client_address import client_address as visitor_address

API_PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
PREFLIGHT_MAX_AGE = 24 * 60 * 60
RATE_LIMIT_GROUP = "iurc-api"
STATUS_MESSAGES = {
    404: "Not found. The endpoints are listed in /api/v1/openapi.json.",
    405: "Only GET, HEAD and OPTIONS are answered.",
    500: "The server could not answer; try again later.",
}


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def client_address(group, request):
    """The rate limit's key: the visitor's address, as login throttling sees it."""
    return visitor_address(request)


def api_rate(group, request):
    return settings.API_RATE_LIMIT


def json_error(status, message, parameter=None):
    return JsonResponse(
        {"error": {"parameter": parameter, "message": message}}, status=status
    )


class ApiMiddleware:
    """CORS, preflight, rate limit, Cache-Control and JSON errors under /api/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request):
            return self.get_response(request)
        response = self.answer(request)
        response["Access-Control-Allow-Origin"] = "*"
        if response.status_code == 200:
            if request.method != "OPTIONS" and not response.has_header("Cache-Control"):
                patch_cache_control(
                    response, public=True, max_age=settings.API_CACHE_MAX_AGE
                )
        else:
            response["Cache-Control"] = "no-store"
        return response

    def answer(self, request):
        if request.method == "OPTIONS":
            return self.preflight()
        if request.method not in ("GET", "HEAD"):
            response = json_error(405, STATUS_MESSAGES[405])
            response["Allow"] = ALLOWED_METHODS
            return response
        usage = get_usage(
            request,
            group=RATE_LIMIT_GROUP,
            key=client_address,
            rate=api_rate,
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            response = json_error(
                429,
                f"Too many requests from your address (the limit is "
                f"{settings.API_RATE_LIMIT}); try again in a moment.",
            )
            response["Retry-After"] = str(max(1, usage["time_left"]))
            return response
        # The endpoints answer GET; a HEAD gets the same headers (the server sends no
        # body). The page cache outside still sees the HEAD and stores nothing for it.
        method = request.method
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = method
        if response.status_code >= 400 and "json" not in response.get(
            "Content-Type", ""
        ):
            return json_error(
                response.status_code,
                STATUS_MESSAGES.get(response.status_code, "The request failed."),
            )
        return response

    def preflight(self):
        response = HttpResponse(status=200)
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = "*"
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        response["Allow"] = ALLOWED_METHODS
        return response


class ApiLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, but the API's answers pass unchanged (see above)."""

    def process_response(self, request, response):
        if is_api(request):
            return response
        return super().process_response(request, response)
