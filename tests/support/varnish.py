"""A real Varnish (Debian's varnishd) in front of a test server, with the repository's VCL."""

import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.error import URLError

from tests.support.servers import ROOT, ServerProcess, fetch, free_port

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
BACKEND = re.compile(r"backend default \{.*?\}", re.DOTALL)


def vcl_for_backend(host, port, source=VCL):
    """The VCL's text with its backend pointed at host:port (varnishd's -b and -f exclude
    each other, so the address is written into a copy)."""
    text = Path(source).read_text()
    backend = f'backend default {{\n    .host = "{host}";\n    .port = "{port}";\n}}'
    replaced, count = BACKEND.subn(backend, text)
    if count != 1:
        raise ValueError(f"{source} has no single `backend default` block")
    return replaced


class VarnishServer(ServerProcess):
    """varnishd in the foreground on a free port, stopped (and its files removed) on exit."""

    def __init__(self, backend_port, workdir, backend_host="127.0.0.1"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = Path(workdir)
        self.vcl_path = self.workdir / "default.vcl"
        self.vcl_path.write_text(vcl_for_backend(backend_host, backend_port))
        self.log_path = self.workdir / "varnishd.log"

    def __enter__(self):
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [
                    VARNISHD,
                    "-F",
                    "-a",
                    f"127.0.0.1:{self.port}",
                    "-f",
                    str(self.vcl_path),
                    "-n",
                    str(self.workdir / "instance"),
                    "-s",
                    "malloc,32m",
                    # No privilege separation: the tests may run as root or not, and
                    # the jail's user could not read the temporary directory.
                    "-j",
                    "none",
                    "-p",
                    "thread_pool_min=5",
                    "-p",
                    "thread_pools=1",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_listening()
        return self

    def _wait_until_listening(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd stopped:\n{self.log()}")
            try:
                # Any answer will do (the backend may not be up): Varnish listens.
                fetch(self.url + "/healthz", timeout=2)
                return
            except (URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"varnishd did not start in time:\n{self.log()}")
