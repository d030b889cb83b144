"""The load generator of the benchmarks: wrk (Debian package `wrk`), driven from Python.

wrk is written in C and keeps a 2-core machine's server busy, which a load generator
in Python cannot. A Lua script makes it report, as one JSON line: requests, seconds,
latency percentiles, socket errors, and how many answers had each HTTP status.
It can cycle through several paths (the soak's mixed traffic) and send headers.
"""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field

INSTALL_HINT = (
    "The benchmark needs the load generator wrk: apt-get install -y wrk "
    "(Debian/Ubuntu; other systems: https://github.com/wg/wrk)."
)

# Every thread counts the statuses it sees; done() adds them up and prints one line.
LUA = r"""
local threads = {}
local paths = {%(paths)s}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  counter = id
end

%(request)s
function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"]
  if cache then
    local name = "cache-" .. cache
    statuses[name] = (statuses[name] or 0) + 1
  end
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for key, count in pairs(counts) do
      all[key] = (all[key] or 0) + count
    end
  end
  local parts = {}
  for key, count in pairs(all) do
    table.insert(parts, string.format('"%%s": %%d', key, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "seconds": %%.6f, "p50_us": %%d, "p90_us": %%d, ' ..
    '"p99_us": %%d, "max_us": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"timeout": %%d, "status_errors": %%d, "statuses": {%%s}}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, errors.connect, errors.read, errors.write, errors.timeout,
    errors.status, table.concat(parts, ", ")))
end
"""
REQUEST_FUNCTION = """
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
"""


@dataclass
class LoadResult:
    """What one wrk run measured."""

    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int
    statuses: dict = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    @property
    def requests_per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def failed(self):
        """Socket errors plus answers that are neither 2xx nor 3xx."""
        bad_statuses = sum(
            count
            for status, count in self.statuses.items()
            if not 200 <= int(status) < 400
        )
        return self.socket_errors + bad_statuses


def require_wrk():
    """The path of wrk, or exit with how to install it."""
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(INSTALL_HINT)
    return path


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(base_url, paths, *, seconds=10, connections=16, threads=2, timeout_s=10):
    """Load `paths` (cycled, each connection in turn) on `base_url` for `seconds`."""
    wrk = require_wrk()
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(
            LUA
            % {
                "paths": ", ".join(lua_string(path) for path in paths),
                # One path: wrk's own fast request; several: one after the other.
                "request": REQUEST_FUNCTION if len(paths) > 1 else "",
            }
        )
        script.flush()
        completed = subprocess.run(
            [
                wrk,
                f"--threads={threads}",
                f"--connections={connections}",
                f"--duration={seconds}s",
                f"--timeout={timeout_s}s",
                "--latency",
                f"--script={script.name}",
                base_url + (paths[0] if len(paths) == 1 else "/"),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=seconds + 60,
        )
    line = next(
        (
            line
            for line in completed.stdout.splitlines()
            if line.startswith("WRK_JSON ")
        ),
        None,
    )
    if line is None:
        raise RuntimeError(f"wrk failed: {completed.stdout}\n{completed.stderr}")
    data = json.loads(line.removeprefix("WRK_JSON "))
    statuses = {key: count for key, count in data["statuses"].items() if key.isdigit()}
    cache = {
        key.removeprefix("cache-"): count
        for key, count in data["statuses"].items()
        if key.startswith("cache-")
    }
    return LoadResult(
        requests=data["requests"],
        seconds=data["seconds"],
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        socket_errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
        statuses=statuses,
        cache=cache,
    )
