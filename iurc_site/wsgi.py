"""WSGI entry point (gunicorn iurc_site.wsgi).

Page-cache hits are answered before Django builds a request (caching/fast_path.py);
everything else goes to Django's application. docs/architecture.md draws the path.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iurc_site.settings.production")

django_application = get_wsgi_application()

from iurc_site.caching.fast_path import PageCacheFastPath  # noqa: E402
from iurc_site.caching.release import release_id  # noqa: E402

application = PageCacheFastPath(django_application)

# Hash the files that render pages now (~25 ms): with gunicorn's preload this runs once,
# in the master, instead of in each worker's first request.
release_id()
