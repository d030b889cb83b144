"""What `make run` gives a newcomer: the embedded SQLite database, the demo content, and
every page type of the public site answering, with its filters in use.

Production and the rest of the suite run on PostgreSQL; this test is the one that would
see a query only PostgreSQL understands (a JSON containment, say) break the first
command of the README.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.browser.page_types import PAGE_TYPES

ROOT = Path(settings.BASE_DIR)
# The filters of every listing, each on its own, and a language of each script.
FILTERED = [
    "/en/library/?language=en",
    "/th/library/?type=report&year=2020",
    "/en/library/?theme=no-such-theme&language=xx",
    "/en/news/?year=2023&region=north-america",
    "/en/events/?when=past&type=webinar",
    "/en/pairings/?network=ecological-transition-green-deal",
    "/zh-hans/search/?q=mangrove",
    "/en/places/de/essen/",
]
CLIENT_SCRIPT = """
import json, os
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
paths = json.loads(os.environ["PATHS_TO_GET"])
print(json.dumps({path: client.get(path).status_code for path in paths}))
"""


def manage(*arguments, environment, timeout=600):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


def test_the_demo_site_on_sqlite_answers_every_page_type(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iurc_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    environment.pop("REDIS_URL", None)
    manage("migrate", "--noinput", environment=environment)
    manage("load_demo_content", environment=environment)
    expected = {page_type.path: page_type.status for page_type in PAGE_TYPES}
    expected.update(dict.fromkeys(FILTERED, 200))

    environment["PATHS_TO_GET"] = json.dumps(list(expected))
    result = manage("shell", "-c", CLIENT_SCRIPT, environment=environment)

    answered = json.loads(result.stdout.strip().splitlines()[-1])
    assert answered == expected
