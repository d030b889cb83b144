"""The release: a short id of the code, templates, translations and static files running.

Cached HTML (the page cache, the fragments under the content version) carries it in
its keys. After a deploy, no process serves HTML that the previous release rendered:
links to hashed static files the new release no longer has, or markup its templates no
longer make. Each process works it out once, from the files themselves, so every host
running the same files agrees without being told; `IURC_RELEASE` (e.g. the git commit)
sets it instead.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

# What a deploy can change that shows in rendered HTML.
SOURCE_FOLDERS = (
    "iurc_site",
    "regions",
    "partners",
    "sitesearch",
    "templates",
    "locale",
)
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".mo"}


@functools.cache
def release_id() -> str:
    """A short id that changes whenever the files that render pages change."""
    configured = getattr(settings, "IURC_RELEASE", "")
    if configured:
        return configured[:40]
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    files = [
        path
        for folder in SOURCE_FOLDERS
        for path in (base / folder).rglob("*")
        if path.suffix in SOURCE_SUFFIXES and path.is_file()
    ]
    if settings.STATIC_ROOT:
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if manifest.is_file():
            files.append(manifest)  # the hashed names of the static files
    for path in sorted(files):
        digest.update(
            str(path.relative_to(base) if path.is_relative_to(base) else path).encode()
        )
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
