"""Error pages: translated 404, 500 and, while the database is unreachable, 503."""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

# How long a visitor (or a crawler) is asked to wait while the database is away.
RETRY_AFTER_SECONDS = 30
# What a database that is down, restarting, unreachable or too slow raises:
# connection refused or lost, and a query cancelled by statement_timeout.
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


def _language_of(request):
    """The language of the URL prefix (/ms/...), else the active one, else English."""
    from_path = translation.get_language_from_path(request.path_info)
    return from_path or translation.get_language() or settings.LANGUAGE_CODE


def _render_static(template_name, request):
    """A page that needs neither the database nor a context processor."""
    with translation.override(_language_of(request)):
        return loader.get_template(template_name).render({})


@requires_csrf_token
def page_not_found(request, exception):
    """404 in the visitor's language, inside the site's layout."""
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({}, request))


@requires_csrf_token
def server_error(request):
    """500, or 503 with Retry-After when the cause is the database being unreachable.

    Django calls this inside its exception handler, so the exception being handled
    tells which. Neither page touches the database.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_OUTAGE_ERRORS) or _caused_by_outage(exception):
        logger.warning("Database unavailable: answered 503 for %s", request.path)
        return database_unavailable(request)
    return HttpResponseServerError(_render_static("500.html", request))


def database_unavailable(request):
    """The static, translated 'back in a moment' page."""
    response = HttpResponse(_render_static("503.html", request), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _caused_by_outage(exception):
    """Whether a database outage error is the cause of another exception.

    Template rendering, for one, re-raises some errors wrapped in its own.
    """
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, DATABASE_OUTAGE_ERRORS):
            return True
        exception = exception.__cause__ or exception.__context__
    return False
