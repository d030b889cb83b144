"""`make backup` then `make restore` into an empty database gives the same site back."""

import json
import subprocess
import sys

from django.db import connections

import pytest

from tests.support.database import run_on_server, server_url
from tests.support.servers import ROOT, production_environment

SNAPSHOT = (
    "import sys, django; django.setup(); "
    "from tests.support.content_snapshot import main; main()"
)


@pytest.fixture
def site_databases(django_db_setup, django_db_blocker):
    """A copy of the test database (demo content) and an empty database, both dropped."""
    settings_dict = connections["default"].settings_dict
    source = f"{settings_dict['NAME']}_backup_source"
    target = f"{settings_dict['NAME']}_backup_target"
    with django_db_blocker.unblock():
        connections.close_all()  # a template database must have no other sessions
        run_on_server(
            f'DROP DATABASE IF EXISTS "{source}"',
            f'DROP DATABASE IF EXISTS "{target}"',
            f'CREATE DATABASE "{source}" TEMPLATE "{settings_dict["NAME"]}"',
            f'CREATE DATABASE "{target}"',
            settings_dict=settings_dict,
        )
    yield server_url(source, settings_dict), server_url(target, settings_dict)
    run_on_server(
        f'DROP DATABASE IF EXISTS "{source}" WITH (FORCE)',
        f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)',
        settings_dict=settings_dict,
    )


def run(command, **environment):
    return subprocess.run(
        command,
        cwd=ROOT,
        env=production_environment(**environment),
        capture_output=True,
        text=True,
        timeout=600,
    )


def snapshot(database, media, action="describe"):
    result = run(
        [sys.executable, "-c", SNAPSHOT, action],
        DATABASE_URL=database,
        MEDIA_ROOT=media,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_backup_restored_into_an_empty_database_has_everything(
    site_databases, tmp_path
):
    source, target = site_databases
    source_media, target_media = tmp_path / "media", tmp_path / "restored-media"
    before = snapshot(source, source_media, "add")
    assert before["images"] and len(before["revisions"]) > 10
    assert any("Giới thiệu IURC" in str(titles) for titles in before["titles"].values())

    backups = tmp_path / "backups"
    made = run(
        ["make", "--no-print-directory", "backup", f"BACKUP_DIR={backups}"],
        DATABASE_URL=source,
        MEDIA_ROOT=source_media,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    (backup,) = backups.iterdir()
    assert {path.name for path in backup.iterdir()} >= {
        "database.dump",
        "media.tar.gz",
        "MANIFEST",
        "SHA256SUMS",
    }

    restored = run(
        ["make", "--no-print-directory", "restore", f"BACKUP={backup}"],
        DATABASE_URL=target,
        MEDIA_ROOT=target_media,
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr

    after = snapshot(target, target_media)
    assert after == before

    # A second restore would mix two sites: refused while the database has tables.
    again = run(["scripts/restore.sh", str(backup)], DATABASE_URL=target)
    assert again.returncode != 0
    assert "restore into an empty database" in again.stderr


def test_a_damaged_backup_is_refused(tmp_path):
    backup = tmp_path / "iurc-broken"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"not a dump")
    (backup / "media.tar.gz").write_bytes(b"")
    (backup / "SHA256SUMS").write_text(
        "0" * 64 + "  database.dump\n" + "0" * 64 + "  media.tar.gz\n"
    )

    result = run(
        ["scripts/restore.sh", str(backup)],
        DATABASE_URL="postgres://127.0.0.1:5432/never_touched",
    )

    assert result.returncode != 0
    assert "damaged" in result.stderr
