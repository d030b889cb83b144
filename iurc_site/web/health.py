"""Health probes for load balancers and orchestrators: /healthz and /readyz."""

import json
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import HttpResponse

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


def database_status():
    """'ok' when the default database answers SELECT 1, else 'unavailable'."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Readiness: the database is unavailable", exc_info=True)
        return "unavailable"
    return "ok"


def cache_status():
    """'ok' when a value written to the default cache can be read back."""
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        value = cache.get(key)
        cache.delete(key)
    except Exception:  # any backend's connection error; the cache is optional
        logger.warning("Readiness: the cache is unavailable", exc_info=True)
        return "unavailable"
    # django-redis with IGNORE_EXCEPTIONS answers None instead of raising.
    return "ok" if value == "1" else "unavailable"


def _json(status, payload):
    response = HttpResponse(
        json.dumps(payload), status=status, content_type="application/json"
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before any other middleware runs.

    /healthz: the process is alive (no database, no cache). /readyz: the database
    answers and the cache works. The site still serves pages, uncached, without its
    cache, so by default a cache outage is reported but does not make an instance
    unready (which would take every instance out of the load balancer at once); set
    READYZ_REQUIRE_CACHE to make it so. The output names no host, user or error.
    Placed first, these answer whatever the Host header (no ALLOWED_HOSTS check) and
    over plain HTTP (before the HTTPS redirect), as load balancers probe.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.rstrip("/")
        if path == LIVENESS_PATH:
            return _json(200, {"status": "ok"})
        if path == READINESS_PATH:
            checks = {"database": database_status(), "cache": cache_status()}
            required = ["database"]
            if getattr(settings, "READYZ_REQUIRE_CACHE", False):
                required.append("cache")
            ready = all(checks[name] == "ok" for name in required)
            if ready and all(value == "ok" for value in checks.values()):
                status = "ok"
            else:
                status = "degraded" if ready else "unavailable"
            return _json(200 if ready else 503, {"status": status, **checks})
        return self.get_response(request)
