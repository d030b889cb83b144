"""Check that the lock files agree with the top-level requirements, offline.

Every package pinned `name==version` in requirements.txt must be in requirements.lock at
that version, and every one in requirements-dev.txt (which includes requirements.txt) in
requirements-dev.lock; the dev lock holds the runtime lock's versions; every lock entry
is pinned with == and carries at least one --hash. Nothing is resolved or downloaded:
`make lock` does that. Names compare as PEP 503 normalises them.

Usage: python scripts/check_lock.py [ROOT]    (ROOT: the folder of the files, default the repo)
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Top-level file -> its lock.
LOCKS = {
    "requirements.txt": "requirements.lock",
    "requirements-dev.txt": "requirements-dev.lock",
}
RUNTIME_LOCK, DEV_LOCK = "requirements.lock", "requirements-dev.lock"

REQUIREMENT = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r"(?:==\s*(?P<version>[^\s;,]+)\s*)?(?P<rest>[^;]*)(?:;.*)?$"
)


def normalise(name):
    """The PEP 503 form of a project name: Django, django_storages -> django, django-storages."""
    return re.sub(r"[-_.]+", "-", name).lower()


def logical_lines(path):
    """(first line number, text) of each line, continuations joined, comments dropped."""
    start, parts = None, []
    for number, physical in enumerate(path.read_text().splitlines(), 1):
        start, physical = start or number, physical.rstrip()
        comment = physical.lstrip().startswith("#")
        parts.append(physical.removesuffix("\\"))
        if (
            physical.endswith("\\") and not comment
        ):  # pip does not continue a comment line
            continue
        line = re.sub(r"(^|\s)#.*$", "", " ".join(parts)).strip()
        if line:
            yield start, line
        start, parts = None, []


def read_pins(path, errors, seen=None):
    """{normalised name: version} pinned in a top-level file, following -r includes."""
    seen = seen if seen is not None else set()
    path = path.resolve()
    if path in seen:
        return {}
    seen.add(path)
    pins = {}
    for number, line in logical_lines(path):
        include = re.match(r"(?:-r|--requirement)\s*=?\s*(\S+)$", line)
        if include:
            pins.update(read_pins(path.parent / include.group(1), errors, seen))
            continue
        if line.startswith("-"):
            continue  # -c, --index-url and other options: nothing pinned.
        match = REQUIREMENT.match(line)
        if not match or match.group("rest").strip() or not match.group("version"):
            errors.append(f"{path.name}:{number}: not pinned as name==version: {line}")
            continue
        pins[normalise(match.group("name"))] = match.group("version")
    return pins


def read_lock(path, errors):
    """{normalised name: version} of a lock file; an entry without a hash is an error."""
    locked = {}
    for number, line in logical_lines(path):
        if line.startswith("-"):
            continue  # --index-url and the like, never a package.
        hashes = re.findall(r"--hash=\S+", line)
        requirement = re.sub(r"\s--hash=\S+", "", " " + line).strip()
        match = REQUIREMENT.match(requirement)
        if not match or match.group("rest").strip() or not match.group("version"):
            errors.append(
                f"{path.name}:{number}: not pinned as name==version: {requirement}"
            )
            continue
        name = normalise(match.group("name"))
        if not hashes:
            errors.append(f"{path.name}:{number}: {name} has no --hash")
        locked[name] = match.group("version")
    return locked


def check(root=ROOT):
    """The disagreements between the top-level files and the locks under `root`, as text."""
    root = Path(root)
    errors = []
    locks = {}
    for top_level, lock in LOCKS.items():
        if not (root / lock).exists():
            errors.append(f"{lock} is missing: run `make lock`")
            continue
        pins = read_pins(root / top_level, errors)
        locked = locks[lock] = read_lock(root / lock, errors)
        for name, version in sorted(pins.items()):
            if name not in locked:
                errors.append(
                    f"{name}=={version} is pinned in {top_level} but missing from {lock}: "
                    "run `make lock`"
                )
            elif locked[name] != version:
                errors.append(
                    f"{name}: {top_level} pins {version} but {lock} has {locked[name]}: "
                    "run `make lock`"
                )
    if RUNTIME_LOCK in locks and DEV_LOCK in locks:
        for name, version in sorted(locks[RUNTIME_LOCK].items()):
            dev_version = locks[DEV_LOCK].get(name)
            if dev_version != version:
                errors.append(
                    f"{name}: {RUNTIME_LOCK} has {version} but {DEV_LOCK} has "
                    f"{dev_version or 'nothing'}: run `make lock`"
                )
    return errors


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else ROOT
    errors = check(root)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 1
    print(f"Lock files agree with the requirements ({', '.join(LOCKS.values())}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
