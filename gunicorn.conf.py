"""gunicorn settings, read from the environment (the Docker image starts gunicorn with it)."""

import gc
import logging
import multiprocessing
import os

from iurc_site.settings.services import json_logging


def _int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Workers: WEB_CONCURRENCY, else two per core plus one (the usual sync-worker rule).
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
# A request running longer than this is killed and its worker replaced; it is above the
# database statement timeout (30 s), which normally ends a slow request first.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Replace each worker after this many requests (plus up to the jitter): bounds slow
# leaks. Workers share the load evenly, so a small jitter replaces them all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2500)
# Hostile input: request lines, header counts and sizes beyond these are refused (400)
# before Django sees them.
limit_request_line = _int("GUNICORN_LIMIT_REQUEST_LINE", 8190)
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)
limit_request_field_size = _int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)
# The load balancer or proxy in front sets X-Forwarded-*: trust it from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or None
# The application is loaded once, before the workers are forked: a worker replaced
# after max_requests starts in milliseconds instead of importing Django and Wagtail
# again (about a second of CPU, taken from the workers serving requests).
preload_app = os.environ.get("GUNICORN_PRELOAD", "true") == "true"


def pre_fork(server, worker):
    # What the application loaded before the fork is never garbage: left out of the
    # collector's scans, its memory stays shared with the master (copy-on-write).
    gc.freeze()


def worker_exit(server, worker):
    """A replaced worker ends at once instead of tearing down its heap object by object.

    Freeing the search tokenisers' dictionaries and the rest took a worker ~2 s of CPU
    after its last request (measured under load), while the master waited to start its
    replacement. Logs, Sentry and the database connections are closed first.
    """
    if not getattr(worker, "booted", False):
        return  # a worker that failed to start exits with its error code
    from django.db import connections

    connections.close_all()
    try:
        import sentry_sdk

        sentry_sdk.flush(timeout=2)
    except ImportError:
        pass
    logging.shutdown()
    os._exit(0)


accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "true") == "true" else None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The access line (address, request, status, size, duration in ms, user agent) is the
# `message` of a JSON log record, so that quotes in it cannot break the JSON.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
# Logs: one JSON object per line on stdout, formatted as the application's own.
_app_logging = json_logging()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": _app_logging["formatters"],
    "handlers": {"console": _app_logging["handlers"]["stdout"]},
    "loggers": {
        name: {"handlers": ["console"], "level": "INFO", "propagate": False}
        for name in ("gunicorn.error", "gunicorn.access")
    },
}
