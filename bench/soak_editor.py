"""The editor of `make soak`: publishes a new revision of a page every second.

Run by bench/soak.py in its own process, with the server's environment (production
settings, the same DATABASE_URL and REDIS_URL), so that publishing goes through
Wagtail's revisions and signals exactly as in the admin: search documents, redirects,
cache invalidation. It takes turns between the About page, a region and pairings,
changing a text visitors read, and prints one JSON line: publishes, errors, timings.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iurc_site.settings.production")


def pages_to_edit():
    from iurc_site.models import StandardPage
    from regions.models import PairingPage, RegionPage

    pages = [
        StandardPage.objects.live().get(slug_en="about"),
        RegionPage.objects.live().get(slug_en="china"),
    ]
    pages += list(PairingPage.objects.live().order_by("path")[:8])
    return pages


def publish_revision(page, number):
    """Change a visible text of `page` and publish it as a new revision."""
    from regions.models import PairingPage

    page = type(page).objects.get(pk=page.pk)
    stamp = f" (soak {number})"
    if isinstance(page, PairingPage):
        base = (page.description_en or "").split(" (soak ")[0]
        page.description_en = f"{base}{stamp}"
    else:
        base = (page.intro_en or "").split(" (soak ")[0]
        page.intro_en = f"{base}{stamp}"
    page.save_revision().publish()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=1.0)
    options = parser.parse_args()

    import django

    django.setup()
    pages = pages_to_edit()
    deadline = time.monotonic() + options.seconds
    durations, errors = [], []
    number = 0
    while time.monotonic() < deadline:
        started = time.monotonic()
        page = pages[number % len(pages)]
        try:
            publish_revision(page, number)
            durations.append(time.monotonic() - started)
        except Exception as error:
            errors.append(f"{page.pk}: {error!r}"[:300])
        number += 1
        time.sleep(max(0.0, options.interval - (time.monotonic() - started)))
    print(
        "EDITOR_JSON "
        + json.dumps(
            {
                "publishes": len(durations),
                "errors": errors,
                "median_publish_ms": statistics.median(durations) * 1000
                if durations
                else 0,
                "max_publish_ms": max(durations, default=0) * 1000,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
