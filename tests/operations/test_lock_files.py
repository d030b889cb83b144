"""The lock files: every package pinned with hashes, in step with requirements*.txt.

scripts/check_lock.py (run by `make lint`) is checked on the real files and on copies
made to disagree; it reads files only, so these tests need no network.
"""

import re
import shutil
import subprocess
import sys

import pytest

from tests.support.servers import ROOT

SCRIPT = ROOT / "scripts" / "check_lock.py"
FILES = (
    "requirements.txt",
    "requirements-dev.txt",
    "requirements.lock",
    "requirements-dev.lock",
)


def run_check(root):
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def copy(tmp_path):
    """The four files copied to a temporary folder, to be edited there."""
    for name in FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def replace(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_real_files_agree():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert "agree" in result.stdout


def test_every_lock_entry_is_pinned_with_a_hash_and_no_torch():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        entries = [
            line
            for line in (ROOT / lock).read_text().splitlines()
            if line and not line[0].isspace() and not line.startswith("#")
        ]
        assert len(entries) > 50, lock
        for entry in entries:
            assert "==" in entry and entry.endswith("\\"), entry
        assert not any(entry.lower().startswith("torch==") for entry in entries)


def test_a_top_level_pin_other_than_the_lock_fails_naming_the_package(copy):
    replace(
        copy / "requirements.txt", "\nwhitenoise==6.12.0\n", "\nwhitenoise==6.11.0\n"
    )
    result = run_check(copy)
    assert result.returncode == 1
    assert (
        "whitenoise: requirements.txt pins 6.11.0 but requirements.lock has 6.12.0"
        in (result.stderr)
    )
    # requirements-dev.txt includes requirements.txt, so its lock disagrees too.
    assert "whitenoise: requirements-dev.txt pins 6.11.0" in result.stderr


def test_names_compare_normalised_and_extras_are_ignored(copy):
    replace(
        copy / "requirements.txt", "django-storages[s3]==", "Django_Storages[s3] == "
    )
    # PyYAML's pin, whatever its version, spelt in lower case.
    requirements = copy / "requirements-dev.txt"
    pin = re.search(r"^PyYAML==\S+$", requirements.read_text(), re.MULTILINE).group()
    replace(requirements, f"\n{pin}\n", f"\n{pin.lower()}\n")
    assert run_check(copy).returncode == 0


def test_a_package_missing_from_the_lock_or_without_a_hash_fails(copy):
    lock = copy / "requirements-dev.lock"
    text = lock.read_text()
    start = text.index("\npytest-django==")
    end = text.index("\n", text.index("# via", start))
    lock.write_text(text[:start] + text[end:])
    runtime = copy / "requirements.lock"
    runtime.write_text(
        re.sub(
            r"\ngunicorn==(\S+) \\\n(?:\s+--hash=\S+ \\\n)*\s+--hash=\S+\n",
            r"\ngunicorn==\1\n",
            runtime.read_text(),
        )
    )
    result = run_check(copy)
    assert result.returncode == 1
    assert "pytest-django==4.14.0 is pinned in requirements-dev.txt but missing" in (
        result.stderr
    )
    assert "gunicorn has no --hash" in result.stderr


def test_the_dev_lock_holds_the_runtime_locks_versions(copy):
    dev_lock = copy / "requirements-dev.lock"
    dev_lock.write_text(
        re.sub(r"\nsqlparse==\S+", "\nsqlparse==0.0.1", dev_lock.read_text())
    )
    result = run_check(copy)
    assert result.returncode == 1
    assert "sqlparse: requirements.lock has" in result.stderr
    assert "requirements-dev.lock has 0.0.1" in result.stderr
