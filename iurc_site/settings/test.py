"""Test settings: PostgreSQL (as in production), fast hashing, local-memory cache."""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import (
    INSTALLED_APPS,
    databases_from_env,
    env,
    task_backends,
    with_postgres_app,
)
from .services import local_caches

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Tests run against PostgreSQL because production does; .ci/run exports DATABASE_URL.
DATABASES = databases_from_env("postgres://127.0.0.1:5432/iurc")
INSTALLED_APPS = with_postgres_app(INSTALLED_APPS, DATABASES)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = local_caches()
# Off whatever the environment says; the tests of the page cache switch it on.
PAGE_CACHE_ENABLED = False
# Static files come straight from the app folders; no collectstatic before tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Uploads go to a folder of this run, removed at its end. Not Django's in-memory
# storage: a test that overrides STORAGES (S3 through moto, say) makes Django build the
# storage again afterwards, and a new in-memory storage would have lost every file of
# the demo content; a new storage on the same folder finds them all.
MEDIA_ROOT = tempfile.mkdtemp(prefix="iurc-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# A publish purges a configured front-end cache once; the test of the repeat sets it.
FRONTEND_CACHE_PURGE_AGAIN_SECONDS = 0
# django-otp delays each device's next check after a wrong code (1 s, 2 s, 4 s, ...);
# tests/iurc_site/test_two_factor.py tests that delay with its own factor, the other
# tests give the right code at once after a wrong one.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Jobs run at once unless a test (tests/worker/) queues them for a real worker process.
TASKS = task_backends(env("JOBS_BACKEND", "immediate"))
