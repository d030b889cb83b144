"""Check the .po files: every string translated, none fuzzy, compiled .mo up to date,
and no string in the code or templates missing from them (as `make messages` would add).

Usage: python scripts/check_translations.py [--skip-extract]
"""

import gettext
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iurc_site.settings.dev")

import django  # noqa: E402

django.setup()

from iurc_site.management.commands.update_messages import translated_locales  # noqa: E402

LANGUAGES = translated_locales()
IGNORED_DIRS = {
    ".venv",
    ".git",
    "staticfiles",
    "media",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
}


def po_path(root, language):
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def read_catalog(path):
    with open(path, "rb") as handle:
        return read_po(handle, locale=None, ignore_obsolete=True)


def message_ids(catalog):
    """Each message's key as gettext compiles it: "context\x04msgid" under a context."""
    keys = set()
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        keys.add(f"{message.context}\x04{msgid}" if message.context else msgid)
    return keys


def problems_in(language):
    """Untranslated, fuzzy or uncompiled strings of one language."""
    path = po_path(ROOT, language)
    if not path.exists():
        return [f"{language}: {path.relative_to(ROOT)} is missing"]
    catalog = read_catalog(path)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        label = message.id if isinstance(message.id, str) else message.id[0]
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.fuzzy:
            problems.append(f"{language}: fuzzy: {label!r}")
        elif not all(strings):
            problems.append(f"{language}: untranslated: {label!r}")
    mo_path = path.with_suffix(".mo")
    if not mo_path.exists():
        problems.append(
            f"{language}: {mo_path.relative_to(ROOT)} is missing: run `make messages`"
        )
    else:
        with open(mo_path, "rb") as handle:
            compiled = gettext.GNUTranslations(handle)._catalog
        compiled_ids = {
            key if isinstance(key, str) else key[0] for key in compiled if key
        }
        if message_ids(catalog) - compiled_ids:
            problems.append(
                f"{language}: the .mo file is out of date: run `make messages`"
            )
    return problems


def missing_from_po():
    """Strings that `makemessages` finds in the code but the .po files lack."""
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary) / "project"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*IGNORED_DIRS))
        command = [sys.executable, "manage.py", "update_messages", "-v", "0"]
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "iurc_site.settings.dev",
            "DATABASE_URL": "sqlite://",
        }
        subprocess.run(command, cwd=copy, check=True, env=environment)  # noqa: S603
        problems = []
        for language in LANGUAGES:
            if not po_path(ROOT, language).exists():
                continue
            new_ids = message_ids(read_catalog(po_path(copy, language))) - message_ids(
                read_catalog(po_path(ROOT, language))
            )
            problems += [
                f"{language}: not yet in the .po file: {message_id!r}"
                for message_id in sorted(new_ids)
            ]
        return problems


def main():
    problems = [problem for language in LANGUAGES for problem in problems_in(language)]
    if "--skip-extract" not in sys.argv:
        problems += missing_from_po()
    if problems:
        print("\n".join(problems[:200]))
        print(
            f"{len(problems)} translation problem(s). Run `make messages`, then translate."
        )
        return 1
    print(f"Translations complete for {', '.join(LANGUAGES)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
