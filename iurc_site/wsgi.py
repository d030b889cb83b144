"""WSGI entry point (gunicorn iurc_site.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iurc_site.settings.production")

application = get_wsgi_application()

# Hash the files that render pages now (~25 ms): with gunicorn's preload this runs once,
# in the master, instead of in each worker's first request.
from iurc_site.caching.release import release_id  # noqa: E402

release_id()
