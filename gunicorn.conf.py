"""gunicorn settings, read from the environment (the Docker image starts gunicorn with it)."""

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
# Replace each worker after this many requests (plus jitter): bounds slow leaks.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Hostile input: request lines, header counts and sizes beyond these are refused (400)
# before Django sees them.
limit_request_line = _int("GUNICORN_LIMIT_REQUEST_LINE", 8190)
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)
limit_request_field_size = _int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)
# The load balancer or proxy in front sets X-Forwarded-*: trust it from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or None
preload_app = False

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
