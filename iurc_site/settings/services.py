"""Settings for the services a production instance talks to, built from the environment.

Each function returns a plain settings value, so that the environment modules and the
tests build them the same way.
"""

import logging


def redis_cache(url, key_prefix="iurc"):
    """A django-redis cache that degrades to 'no cache' when Redis is unreachable.

    With IGNORE_EXCEPTIONS, a failed read is a miss and a failed write is skipped, so
    pages are served uncached instead of failing. The short timeouts bound one call to
    a Redis that hangs; the circuit breaker (iurc_site/caching/redis_backend.py) then stops
    calling it for CIRCUIT_OPEN_SECONDS, so a page does not wait once per cache call.
    """
    return {
        "BACKEND": "iurc_site.caching.redis_backend.CircuitBreakingRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "TIMEOUT": 300,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "CONNECTION_POOL_KWARGS": {"retry_on_timeout": False},
            "CIRCUIT_OPEN_SECONDS": 5,
        },
    }


def caches_from_env(redis_url):
    """CACHES: Redis shared by every instance when REDIS_URL is set, else per process.

    The one place where production chooses its cache; anything that needs the cache
    (page cache, Wagtail's site root paths, sitemaps) uses the default alias.
    """
    if redis_url:
        return {"default": redis_cache(redis_url), "fragments": fragment_cache()}
    return local_caches()


def local_caches():
    """CACHES of one process: local memory (development, tests, no REDIS_URL)."""
    return {
        # Django's default of 300 entries is less than the pages and fragments of one
        # walk through the site in seven languages: it would drop pages just stored.
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        "fragments": fragment_cache(),
    }


def fragment_cache(shared="default", max_entries=1000):
    """The "fragments" alias: entries under content-version keys, kept in each process's
    memory in front of the `shared` alias (iurc_site/caching/fragments.py)."""
    return {
        "BACKEND": "iurc_site.caching.fragments.VersionedFragmentCache",
        "TIMEOUT": 60 * 60,
        "OPTIONS": {"SHARED": shared, "LOCAL_MAX_ENTRIES": max_entries},
    }


def media_storage(bucket_name, **options):
    """STORAGES['default']: S3-compatible object storage when a bucket is given.

    Options: endpoint_url (MinIO, Scaleway, ...), region_name, custom_domain (a CDN).
    Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3.
    Uploaded files are never overwritten. Images are served without signed URLs;
    documents are private objects, signed, and reach visitors only through Wagtail's
    serve view (publications/storage.py).
    """
    if not bucket_name:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    given = {name: value for name, value in options.items() if value}
    return {
        "BACKEND": "publications.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket_name,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            **given,
        },
    }


def json_logging(level="INFO"):
    """LOGGING: one JSON object per line on stdout, for the host's log collector."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "format": "%(levelname)s %(name)s %(message)s",
                "rename_fields": {"levelname": "level"},
                # ISO 8601 in UTC, whatever TIME_ZONE says.
                "timestamp": "time",
            },
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django.request": {"level": "ERROR"},
            "django.security": {"level": "WARNING"},
            # Wagtail logs every page action, and Wagtail 8 runs search and reference
            # indexing as tasks that log each run at INFO.
            "wagtail": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
            # The worker's loop of django-tasks-db logs "Starting worker" every round.
            "django_tasks_db": {"level": "WARNING"},
            # Failed cache calls are misses, not errors (IGNORE_EXCEPTIONS);
            # iurc_site.caching.redis_backend warns when Redis stops answering and when it is back.
            "django_redis": {"level": "WARNING"},
        },
    }


def init_sentry(dsn, environment="production", release=None, traces_sample_rate=0.0):
    """Send errors to Sentry when a DSN is given; returns whether it was set up."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[
            DjangoIntegration(),
            LoggingIntegration(level=logging.INFO, event_level=logging.ERROR),
        ],
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,  # no editor names, e-mails or cookies
    )
    return True
