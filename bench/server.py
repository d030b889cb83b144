"""Starting and stopping gunicorn with the production settings, for the benchmarks.

    with GunicornServer(database_url, page_cache=False) as server:
        server.url("/en/")          # http://127.0.0.1:<port>/en/
        server.worker_rss()         # {pid: resident memory in bytes}

The server runs `iurc_site.wsgi` with `iurc_site.settings.production`, configured the
way production is, from the environment: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
REDIS_URL, PAGE_CACHE (on/off: the anonymous page cache, where the build has one),
SECURE_SSL_REDIRECT=false (the load generator speaks plain HTTP on 127.0.0.1) and
BENCH_BASELINE_VIEW=on, which routes the constant page /bench/baseline/ that the
benchmark compares every page with. Nothing else ever sets BENCH_BASELINE_VIEW.
A gunicorn.conf.py in the project folder is used when there is one; the address and
the number of workers given here override it.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_PATH = "/bench/baseline/"


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(database_url, *, redis_url=None, page_cache=False):
    """The environment variables of a production-like run on this machine."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iurc_site.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-only-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "PAGE_CACHE": "on" if page_cache else "off",
        "BENCH_BASELINE_VIEW": "on",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        # Persistent database connections, as a production server should have them
        # (the settings' default, 0, opens one per request); override from outside.
        "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "60"),
    }
    if redis_url:
        environment["REDIS_URL"] = redis_url
    else:
        environment.pop("REDIS_URL", None)
    return environment


def process_rss(pid):
    """Resident memory of a process in bytes (from /proc), or 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def child_pids(pid):
    """The direct children of a process (gunicorn's workers), from /proc."""
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        children += [int(child) for child in task.read_text().split()]
    return sorted(children)


class GunicornServer:
    """gunicorn on 127.0.0.1 with the production settings; a context manager."""

    def __init__(
        self,
        database_url,
        *,
        redis_url=None,
        page_cache=False,
        workers=None,
        port=None,
        log_path=None,
        application="iurc_site.wsgi:application",
    ):
        self.port = port or free_port()
        self.workers = workers or (2 * (os.cpu_count() or 1) + 1)
        self.environment = production_environment(
            database_url, redis_url=redis_url, page_cache=page_cache
        )
        self.log_path = Path(
            log_path or Path(tempfile.gettempdir()) / f"iurc-bench-{self.port}.log"
        )
        self.process = None
        self.application = application

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self, timeout=60):
        """Start gunicorn and wait until it answers the baseline page."""
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            self.application,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            "--error-logfile",
            "-",
        ]
        if (ROOT / "gunicorn.conf.py").exists():
            command[1:1] = ["--config", str(ROOT / "gunicorn.conf.py")]
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn stopped at start-up; see {self.log_path}:\n"
                    + self.log_path.read_text()[-2000:]
                )
            try:
                # Our own http:// address on 127.0.0.1.
                with urllib.request.urlopen(  # noqa: S310
                    self.url(BASELINE_PATH), timeout=5
                ) as r:
                    if r.status == 200 and len(child_pids(self.process.pid)) >= 1:
                        self.wait_for_workers(deadline)
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(
            f"gunicorn did not answer in {timeout} s; see {self.log_path}"
        )

    def get(self, path, timeout=60):
        """One request (status, body); for warming up and waiting for a queue to drain."""
        try:
            # Our own http:// address on 127.0.0.1.
            with urllib.request.urlopen(  # noqa: S310
                self.url(path), timeout=timeout
            ) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, b""

    def wait_for_workers(self, deadline):
        while (
            len(child_pids(self.process.pid)) < self.workers
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)

    def worker_rss(self):
        """{worker pid: resident memory in bytes}."""
        if self.process is None:
            return {}
        return {pid: process_rss(pid) for pid in child_pids(self.process.pid)}

    def stop(self):
        """Stop gunicorn (graceful, then forced) and wait for it."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


def megabytes(size):
    return size / (1024 * 1024)
