"""Production: everything from the environment; refuses to start without its secrets.

docs/operations.md lists every variable read here.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    INSTALLED_APPS,
    STORAGES,
    databases_from_env,
    env,
    env_list,
    env_switch,
    with_postgres_app,
)
from .policies import origin_of
from .services import caches_from_env, init_sentry, json_logging, media_storage

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Every editor passes a second step after the password (docs/two-factor.md);
# `manage.py check --deploy` warns when this is anything else.
ADMIN_2FA_REQUIRED_FOR = env("ADMIN_2FA_REQUIRED_FOR", "all")

# Persistent connections, health-checked before each request reuses them, so that
# the site reconnects by itself after a database restart; a query running longer
# than DB_STATEMENT_TIMEOUT_MS (default 30 s) is cancelled and the visitor gets the
# 503 page instead of a worker held forever.
DATABASES = databases_from_env(conn_max_age=60, statement_timeout_ms=30_000)
INSTALLED_APPS = with_postgres_app(INSTALLED_APPS, DATABASES)

CACHES = caches_from_env(env("REDIS_URL"))
# /readyz answers 503 when the cache is down only if this is set (see iurc_site.web.health).
READYZ_REQUIRE_CACHE = env("READYZ_REQUIRE_CACHE", "false").lower() == "true"
# The anonymous page cache (docs/caching.md): on by default with a shared cache,
# PAGE_CACHE=off (or on) overrides.
PAGE_CACHE_ENABLED = env_switch("PAGE_CACHE", bool(env("REDIS_URL")))

# --- A front-end cache to purge on every content change (docs/cdn.md) -------------------
# FRONTEND_CACHE_URL: where Varnish (deploy/varnish/default.vcl) takes PURGE requests,
# e.g. http://127.0.0.1:6081; FRONTEND_CACHE_HOSTNAMES limits it to some Sites' hosts.
# Unset: nothing is purged. docs/cdn.md shows CloudFront's and Cloudflare's settings.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "iurc_site.caching.frontend.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_URL"),
        "TIMEOUT": float(env("FRONTEND_CACHE_TIMEOUT", "5")),
        "HOSTNAMES": env_list("FRONTEND_CACHE_HOSTNAMES", "*"),
    }

# --- Static and media --------------------------------------------------------------
STORAGES = {
    **STORAGES,
    "default": media_storage(
        env("AWS_STORAGE_BUCKET_NAME"),
        endpoint_url=env("AWS_S3_ENDPOINT_URL"),
        region_name=env("AWS_S3_REGION_NAME"),
        custom_domain=env("AWS_S3_CUSTOM_DOMAIN"),
        # "bucket-owner-full-control" on a bucket with ACLs disabled (publications/storage.py).
        documents_acl=env("AWS_DOCUMENTS_ACL"),
    ),
}
if env("AWS_STORAGE_BUCKET_NAME"):
    # Images are then served from the bucket (or its CDN): allow it in the CSP.
    if env("AWS_S3_CUSTOM_DOMAIN"):
        media_origin = f"https://{env('AWS_S3_CUSTOM_DOMAIN')}"
    elif env("AWS_S3_ENDPOINT_URL"):
        media_origin = origin_of(env("AWS_S3_ENDPOINT_URL"))
    else:
        media_origin = f"https://{env('AWS_STORAGE_BUCKET_NAME')}.s3.amazonaws.com"
    directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for directive in ("img-src", "media-src"):
        directives[directive] = [*directives[directive], media_origin]

# --- HTTPS behind a proxy that sets X-Forwarded-Proto ------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true") == "true"
SECURE_HSTS_PRELOAD = env("SECURE_HSTS_PRELOAD", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if SECURE_SSL_REDIRECT:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# --- Operations ----------------------------------------------------------------------
LOGGING = json_logging(env("LOG_LEVEL", "INFO"))
SENTRY_ENABLED = init_sentry(
    env("SENTRY_DSN"),
    environment=env("SENTRY_ENVIRONMENT", "production"),
    release=env("SENTRY_RELEASE"),
    traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
)
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
