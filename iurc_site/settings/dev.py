"""Local development: DEBUG on, SQLite file unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import (
    BASE_DIR,
    INSTALLED_APPS,
    databases_from_env,
    env,
    env_list,
    task_backends,
    with_postgres_app,
)
from .services import local_caches

DEBUG = True
# Only for local development; production reads SECRET_KEY from the environment.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

DATABASES = databases_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
INSTALLED_APPS = with_postgres_app(INSTALLED_APPS, DATABASES)

CACHES = local_caches()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Jobs (imports, re-indexing) run at once in the request, so `make run` needs no worker;
# JOBS_BACKEND=database queues them for `make worker` instead (docs/worker.md).
TASKS = task_backends(env("JOBS_BACKEND", "immediate"))
