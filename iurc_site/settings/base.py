"""Settings shared by every environment.

Safe by default: no secret, DEBUG off, no hosts. Each environment module
(dev, test, production) adds what it needs; every secret and host comes from
the environment.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp.constants import SELF, UNSAFE_INLINE

from iurc_site.settings.policies import content_security_policy

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Read a setting from the environment; an empty value counts as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_list(name, default=""):
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_switch(name, default):
    """An on/off setting from the environment: on, true, yes, 1 (any case) mean on."""
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in ("on", "true", "yes", "1")


def databases_from_env(default_url=None, conn_max_age=0, statement_timeout_ms=0):
    """DATABASES with the default connection from DATABASE_URL (or the given default).

    DB_CONN_MAX_AGE keeps connections open between requests (health-checked before
    reuse, so a restarted database is reconnected to without restarting the app);
    DB_CONNECT_TIMEOUT bounds a connection attempt and DB_STATEMENT_TIMEOUT_MS cuts
    off any query that runs longer (PostgreSQL only; 0 = no limit).
    """
    url = env("DATABASE_URL", default_url)
    if not url:
        raise ImproperlyConfigured("Set DATABASE_URL, e.g. postgres://127.0.0.1/iurc")
    default = dj_database_url.parse(
        url,
        conn_max_age=int(env("DB_CONN_MAX_AGE", str(conn_max_age))),
        conn_health_checks=True,
    )
    if "postgresql" in default["ENGINE"]:
        options = default.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", int(env("DB_CONNECT_TIMEOUT", "5")))
        timeout = int(env("DB_STATEMENT_TIMEOUT_MS", str(statement_timeout_ms)))
        if timeout > 0:
            options["options"] = f"-c statement_timeout={timeout}"
    return {"default": default}


def with_postgres_app(installed_apps, databases):
    """Add django.contrib.postgres when running on PostgreSQL (docs/stack-pitfalls.md, pitfall 4)."""
    if "postgresql" in databases["default"]["ENGINE"]:
        return [*installed_apps, "django.contrib.postgres"]
    return installed_apps


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates,
    # and its makemigrations override before Django's own command. Its `migrate`
    # override is replaced by ours (iurc_site/management/commands/migrate.py), which
    # never prompts and also fills the default-language page columns.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "modeltranslation",
    # Our apps
    "iurc_site",
    "partners",
    "regions",
    "newsroom",
    "publications",
    "networks",
    "sitesearch",
    "opendata",
    # Wagtail
    "wagtail.contrib.redirects",
    # wagtail.contrib.frontend_cache without its per-page purge (caching/frontend.py)
    "iurc_site.caching.frontend.FrontendCacheAppConfig",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "iurc_site.editorial.users_app.UsersAppConfig",  # wagtail.users, with audited group screens
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Hardening: Content-Security-Policy checks, login throttling
    "csp",
    "axes",
    # Two-factor login for the admin (docs/two-factor.md): one-time passwords from an
    # authenticator app, recovery codes, passkeys and security keys.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "iurc_site.accounts",
    # The queue of long jobs in PostgreSQL (docs/worker.md)
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: load balancers' probes are answered before anything else can fail
    # (no host check, no HTTPS redirect, no session, no database for /healthz).
    "iurc_site.web.health.HealthCheckMiddleware",
    # Before everything that adds headers, so that a stored page holds every header a
    # visitor got (security headers, CSP) and a hit can be replayed as it is, here or
    # before Django builds a request (iurc_site/caching/fast_path.py). A hit is answered
    # before sessions, locale and authentication run (docs/architecture.md). Does
    # nothing while PAGE_CACHE_ENABLED is off.
    "iurc_site.caching.page_cache.PageCacheMiddleware",
    # Inside the page cache, so that a stored page keeps its Cache-Control (docs/cdn.md).
    "iurc_site.caching.frontend.CacheControlMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "iurc_site.web.security.ContentSecurityPolicyMiddleware",
    # With the other security headers, outside every middleware that answers by itself
    # (LocaleMiddleware's and CommonMiddleware's redirects, the API's preflight and
    # 429), so that those answers carry X-Frame-Options as the pages do.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The API's CORS, rate limit, Cache-Control and JSON errors (opendata/middleware.py):
    # inside the page cache, so a stored answer keeps its headers; after the security
    # headers' middleware, so its own answers (429, preflight) get them too.
    "opendata.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (docs/stack-pitfalls.md, pitfall 5).
    # Django's LocaleMiddleware, leaving the API's 404s alone (opendata/middleware.py).
    "opendata.middleware.ApiLocaleMiddleware",
    "iurc_site.web.middleware.AdminInEnglishMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second step.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After OTPMiddleware and messages: an editor who gave only a password reaches the
    # second step (or sets one up) and nothing else of the admin (docs/two-factor.md).
    "iurc_site.accounts.middleware.SecondStepMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iurc_site.urls"
WSGI_APPLICATION = "iurc_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Login protection and sessions ----------------------------------------------
# django-axes counts failed logins (the Wagtail admin's and any other) per user name
# and address: after AXES_FAILURE_LIMIT failures that pair is locked out for
# AXES_COOLOFF_MINUTES. Locking the user name alone would let anyone lock an
# editor out. A successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A login counts as successful, and resets the count, only once it is complete: after
# the password alone for an editor who needs no second step, otherwise after the
# second step, whose wrong codes count too (iurc_site/accounts/throttle.py). Reset by
# django-axes on the password alone, the count would let anyone who knows a password
# try codes without end, a few between each new password login.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "iurc_site.web.security.lockout_response"
AXES_VERBOSE = False
# Behind N proxies that append to X-Forwarded-For (a load balancer: 1), the visitor's
# address is the Nth from the right; with 0 the connection's address is used. The same
# function gives the API's rate limit its client address (iurc_site/web/client_address.py).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "iurc_site.web.client_address.client_address"

# --- Two-factor login for the admin (docs/two-factor.md) --------------------------
# Who must pass a second step (an authenticator app's code, a passkey or security key,
# or a recovery code) after the password: "privileged" (superusers and Communications),
# "all" (every editor: production's default) or "none". An editor who has set up a
# second step must always use it.
ADMIN_2FA_REQUIRED_FOR = env("ADMIN_2FA_REQUIRED_FOR", "privileged")
# How long the page that sets up an authenticator app stays valid (seconds).
ADMIN_2FA_ENROLMENT_MAX_AGE = int(env("ADMIN_2FA_ENROLMENT_MAX_AGE", "600"))
# Recovery codes made at a time, each usable once.
ADMIN_2FA_RECOVERY_CODES = 10
# The name an authenticator app shows next to the codes.
OTP_TOTP_ISSUER = env("ADMIN_2FA_ISSUER", "IURC")
# WebAuthn: the relying party is the host the admin is opened on (checked against
# ALLOWED_HOSTS), or WEBAUTHN_RP_ID; the origins accepted are that host's
# scheme://host[:port], or WEBAUTHN_ORIGINS (iurc_site/accounts/webauthn.py).
# Browsers refuse passkeys on an IP address: open the admin on a host name
# (http://localhost:8000/admin/ locally).
ADMIN_2FA_WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID", "")
ADMIN_2FA_WEBAUTHN_ORIGINS = env_list("WEBAUTHN_ORIGINS")
OTP_WEBAUTHN_ALLOWED_ORIGINS = ADMIN_2FA_WEBAUTHN_ORIGINS
OTP_WEBAUTHN_RP_ID_CALLABLE = "iurc_site.accounts.webauthn.relying_party_id"
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_HELPER_CLASS = "iurc_site.accounts.webauthn.WebAuthnHelper"
# A passkey is a second step here, never a way to skip the password.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# django-otp-webauthn wants a fixed list of origins; ours come from the request's
# checked host unless WEBAUTHN_ORIGINS lists them (see above).
SILENCED_SYSTEM_CHECKS = [] if ADMIN_2FA_WEBAUTHN_ORIGINS else ["otp_webauthn.E030"]

# Only editors have sessions (visitors never log in): they end when the browser
# closes, and after SESSION_COOKIE_AGE seconds (default 8 hours) in any case.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Browser security headers ---------------------------------------------------
# Content-Security-Policy (django-csp 4). The public pages load scripts, styles,
# images and fonts from this site only and run no inline script or style (JSON-LD
# blocks are data, not scripts). The Wagtail admin needs inline scripts and styles:
# iurc_site.web.security.ContentSecurityPolicyMiddleware relaxes the policy there only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": content_security_policy(
        tile_url=env("IURC_MAP_TILE_URL", ""),
        media_origins=env_list("CSP_MEDIA_ORIGINS"),
        frame_origins=env_list(
            "CSP_FRAME_ORIGINS",
            "https://www.youtube.com,https://www.youtube-nocookie.com,"
            "https://player.vimeo.com",
        ),
    ),
}
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = {"frame-ancestors": [SELF]}
CONTENT_SECURITY_POLICY_ADMIN_PREFIX = "/admin/"
# Browser features the site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "ambient-light-sensor": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Editors' avatars are not fetched from gravatar.com (no third-party request that
# reveals an editor's e-mail hash, nothing outside the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask releases.wagtail.org for new versions (upgrades follow
# requirements.txt; docs/operations.md, "Upgrades").
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Languages -------------------------------------------------------------
# Each language is named in itself, as the language switcher shows it.
# Adding a language: see README.md, "Adding a language".
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ms", "Bahasa Melayu"),
    ("zh-hans", "中文"),
    ("vi", "Tiếng Việt"),
    ("th", "ไทย"),
    ("pt", "Português"),
    ("es", "Español"),
]
# The Open Graph locale of each language (link previews); es serves Latin America,
# hence es_419 (BCP 47's region "Latin America and the Caribbean").
OPEN_GRAPH_LOCALES = {
    "en": "en_GB",
    "ms": "ms_MY",
    "zh-hans": "zh_CN",
    "vi": "vi_VN",
    "th": "th_TH",
    "pt": "pt_BR",
    "es": "es_419",
}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Slugs are translated per language: /ms/tentang-iurc/ and /en/about/.
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True

# The admin runs in English: an editor whose admin ran in another language would
# overwrite the untranslated title column (docs/stack-pitfalls.md, pitfall 6).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]

# --- Static and media --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# --- Page cache (docs/caching.md) -----------------------------------------------
# Whole pages for anonymous visitors, per URL (so per language), in the default cache.
# Off unless PAGE_CACHE=on; production turns it on when REDIS_URL is set.
PAGE_CACHE_ENABLED = env_switch("PAGE_CACHE", False)
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", "600"))  # seconds
# Never cached: the admin, documents (which may be private), files.
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/django-admin/", "/documents/", "/static/"]
# Besides the session and messages cookies, cookies that make a visitor not anonymous.
PAGE_CACHE_BYPASS_COOKIES = []

# --- A CDN or Varnish in front (docs/cdn.md) -------------------------------------
# Cache-Control of the pages the page cache would store. Browsers cannot be purged:
# they keep a page CDN_MAX_AGE seconds. Shared caches are purged on every content
# change (WAGTAILFRONTENDCACHE, production settings), so they may keep it longer, and
# serve it up to CDN_STALE_WHILE_REVALIDATE seconds past that while they fetch a new one.
CDN_MAX_AGE = int(env("CDN_MAX_AGE", "60"))
CDN_S_MAXAGE = int(env("CDN_S_MAXAGE", "600"))
CDN_STALE_WHILE_REVALIDATE = int(env("CDN_STALE_WHILE_REVALIDATE", "30"))
# A page rendered from before a change can reach the front-end cache just after its
# purge; the purge is sent again this many seconds later (longer than a slow render;
# 0: only once).
FRONTEND_CACHE_PURGE_AGAIN_SECONDS = int(
    env("FRONTEND_CACHE_PURGE_AGAIN_SECONDS", "15")
)

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "IURC"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "iurc_site.SiteImage"
# Requires the English alt text of every uploaded image.
WAGTAILIMAGES_IMAGE_FORM_BASE = "iurc_site.forms.SiteImageForm"
# Uploaded images: at most 10 MB and 40 megapixels (a "decompression bomb", a small
# file declaring a huge image, is refused before it is decoded), in formats that
# browsers show and Pillow reads safely (no SVG: it can carry scripts).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
# Every uploaded document is a publication with its type, languages, region and pairings
# (publications/models.py, docs/publications.md).
WAGTAILDOCS_DOCUMENT_MODEL = "publications.Publication"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt"]
# Checks every uploaded file (type, content, size, PDF safety) and limits coordinators
# to their region (publications/forms.py, docs/publications.md).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "publications.forms.PublicationForm"
DOCUMENTS_MAX_UPLOAD_SIZE = int(env("DOCUMENTS_MAX_UPLOAD_SIZE", str(50 * 1024 * 1024)))
WAGTAILDOCS_MAX_UPLOAD_SIZE = DOCUMENTS_MAX_UPLOAD_SIZE
# A PDF is refused when one of its streams inflates beyond pypdf's own limit (75 MB),
# or all of them together beyond 2 GB: a "PDF bomb" (publications/validation.py).
DOCUMENTS_PDF_MAX_STREAM_LENGTH = 75_000_000
DOCUMENTS_PDF_MAX_TOTAL_INFLATED = 2_000_000_000
# Documents are always served through Wagtail's view, which checks the collection's
# privacy and our before_serve_document hook (publications/serving.py); the storage's
# own URL is never handed out, and on S3 it needs a signature.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_I18N_ENABLED = (
    False  # translations live in fields (modeltranslation), not page copies
)
WAGTAILADMIN_COMMENTS_ENABLED = True
# Redirects from old URLs are made in every language by iurc_site/editorial/redirects.py; Wagtail's
# own covers only the active language (docs/stack-pitfalls.md, pitfall 7).
WAGTAILREDIRECTS_AUTO_CREATE = False

# --- Cached HTML ---------------------------------------------------------------
# Cached pages and fragments are keyed by the release (iurc_site/caching/release.py): a hash
# of the files that render pages, unless IURC_RELEASE (e.g. the git commit) names it.
IURC_RELEASE = env("IURC_RELEASE", "")

# --- Pairing map ---------------------------------------------------------------
# The map draws a world outline shipped with the site, so it needs no network. An
# online tile layer can be drawn on top: its URL template and attribution, e.g.
# IURC_MAP_TILE_URL=https://tile.openstreetmap.org/{z}/{x}/{y}.png with
# IURC_MAP_TILE_ATTRIBUTION="© OpenStreetMap contributors". Off when empty.
IURC_MAP_TILE_URL = env("IURC_MAP_TILE_URL", "")
IURC_MAP_TILE_ATTRIBUTION = env("IURC_MAP_TILE_ATTRIBUTION", "")
# How long browsers and shared caches may keep a map document (seconds).
IURC_MAP_DATA_MAX_AGE = int(env("IURC_MAP_DATA_MAX_AGE", "300"))

# --- The JSON API (docs/api.md) --------------------------------------------------
# How long browsers and shared caches may keep an answer (seconds); the page cache and
# a configured front-end cache are emptied on every publish anyway.
API_CACHE_MAX_AGE = int(env("API_CACHE_MAX_AGE", str(IURC_MAP_DATA_MAX_AGE)))
# Requests per client address (django-ratelimit's "number/period": s, m, h, d), counted
# in the default cache (Redis in production, shared by every server process).
API_RATE_LIMIT = env("API_RATE_LIMIT", "300/m")
RATELIMIT_USE_CACHE = "default"
# When the cache does not answer, the API answers without counting rather than refusing
# everybody.
RATELIMIT_FAIL_OPEN = True

# --- Benchmark ------------------------------------------------------------------
# `make bench` sets BENCH_BASELINE_VIEW=on in the server it starts, to route
# /bench/baseline/: a constant page through the same middleware, the cheapest answer the
# server can give, which every page is compared with. Off everywhere else, where the
# address does not exist.
BENCH_BASELINE_VIEW = env("BENCH_BASELINE_VIEW", "off").lower() == "on"

# Request bodies: forms up to 10 MB (the admin's page forms are large), uploads above
# 2.5 MB go to a temporary file instead of memory, and at most 5,000 form fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "ERROR",
            "propagate": False,
        },
        # Wagtail logs every page action, and Wagtail 8 runs search and reference
        # indexing as tasks that log each run at INFO: too much for a console.
        "wagtail": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django_tasks": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
        },
        "django_tasks_db": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}


# --- Tasks and the worker (docs/worker.md) ---------------------------------------------


def task_backends(jobs_backend="database"):
    """Django's task backends: Wagtail's own small tasks at once, our long jobs queued.

    "default" (Wagtail's search and reference index updates, a few milliseconds each)
    runs in the request that enqueues it, so the search is up to date when the editor's
    request ends. "jobs" (imports, re-indexing after a bulk change) goes to the queue
    in PostgreSQL that `manage.py run_worker` empties; with `jobs_backend="immediate"`
    (development, most tests) it runs at once too.
    """
    immediate = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    queued = {"BACKEND": "django_tasks_db.DatabaseBackend"}
    if jobs_backend not in ("database", "immediate"):
        raise ValueError(f"JOBS_BACKEND must be database or immediate: {jobs_backend}")
    return {
        "default": immediate,
        JOBS_BACKEND_ALIAS: queued if jobs_backend == "database" else immediate,
    }


JOBS_BACKEND_ALIAS = "jobs"
TASKS = task_backends(env("JOBS_BACKEND", "database"))
# The worker's rhythm, in seconds: how often it looks for a queued job when idle, for
# pages and revisions due to go live, and writes its heartbeat; a job whose worker
# has not written one for WORKER_STALE_SECONDS is taken as lost and run again, at most
# WORKER_MAX_ATTEMPTS times in all.
WORKER_POLL_SECONDS = float(env("WORKER_POLL_SECONDS", "1"))
WORKER_PUBLISH_SECONDS = float(env("WORKER_PUBLISH_SECONDS", "30"))
WORKER_HEARTBEAT_SECONDS = float(env("WORKER_HEARTBEAT_SECONDS", "10"))
WORKER_STALE_SECONDS = float(env("WORKER_STALE_SECONDS", "60"))
WORKER_MAX_ATTEMPTS = int(env("WORKER_MAX_ATTEMPTS", "3"))
