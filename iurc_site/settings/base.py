"""Settings shared by every environment.

Safe by default: no secret, DEBUG off, no hosts. Each environment module
(dev, test, production) adds what it needs; every secret and host comes from
the environment.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Read a setting from the environment; an empty value counts as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_list(name, default=""):
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def databases_from_env(default_url=None):
    """DATABASES with the default connection from DATABASE_URL (or the given default)."""
    url = env("DATABASE_URL", default_url)
    if not url:
        raise ImproperlyConfigured("Set DATABASE_URL, e.g. postgres://127.0.0.1/iurc")
    default = dj_database_url.parse(url, conn_max_age=int(env("DB_CONN_MAX_AGE", "0")))
    return {"default": default}


def with_postgres_app(installed_apps, databases):
    """Add django.contrib.postgres when running on PostgreSQL (STACK_NOTES pitfall 4)."""
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
    "sitesearch",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "iurc_site.users_app.UsersAppConfig",  # wagtail.users, with audited group screens
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (STACK_NOTES pitfall 5).
    "django.middleware.locale.LocaleMiddleware",
    "iurc_site.middleware.AdminInEnglishMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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

# --- Languages -------------------------------------------------------------
# Each language is named in itself, as the language switcher shows it.
# Adding a language: see README, "Adding a language".
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
# overwrite the untranslated title column (STACK_NOTES pitfall 6).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]

# --- Static and media --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "IURC"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "iurc_site.SiteImage"
# Requires the English alt text of every uploaded image.
WAGTAILIMAGES_IMAGE_FORM_BASE = "iurc_site.forms.SiteImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt"]
WAGTAIL_I18N_ENABLED = (
    False  # translations live in fields (modeltranslation), not page copies
)
WAGTAILADMIN_COMMENTS_ENABLED = True
# Redirects from old URLs are made in every language by iurc_site/redirects.py; Wagtail's
# own covers only the active language (STACK_NOTES pitfall 7).
WAGTAILREDIRECTS_AUTO_CREATE = False

# --- Pairing map ---------------------------------------------------------------
# The map draws a world outline shipped with the site, so it needs no network. An
# online tile layer can be drawn on top: its URL template and attribution, e.g.
# IURC_MAP_TILE_URL=https://tile.openstreetmap.org/{z}/{x}/{y}.png with
# IURC_MAP_TILE_ATTRIBUTION="© OpenStreetMap contributors". Off when empty.
IURC_MAP_TILE_URL = env("IURC_MAP_TILE_URL", "")
IURC_MAP_TILE_ATTRIBUTION = env("IURC_MAP_TILE_ATTRIBUTION", "")
# How long browsers and shared caches may keep a map document (seconds).
IURC_MAP_DATA_MAX_AGE = int(env("IURC_MAP_DATA_MAX_AGE", "300"))

# --- Benchmark ------------------------------------------------------------------
# `make bench` sets BENCH_BASELINE_VIEW=on in the server it starts, to route
# /bench/baseline/: a constant page through the same middleware, the cheapest answer the
# server can give, which every page is compared with. Off everywhere else, where the
# address does not exist.
BENCH_BASELINE_VIEW = env("BENCH_BASELINE_VIEW", "off").lower() == "on"

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

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
    },
}
