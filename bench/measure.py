"""In-process measurements through Django's test Client: server time and SQL queries.

"Server time" here is the time Django takes to answer a request in this process
(the whole middleware stack and the view, no network, no gunicorn), the median of
several requests after a first one. The first request is reported apart as the
"cold" time: it runs with an empty cache (fragments, routes, site root paths).
"CPU ms" is this process's CPU time for the same requests (time.process_time): on a
machine shared with other work it moves much less than the wall-clock time, though it
leaves out PostgreSQL's own time. Queries are counted with CaptureQueriesContext.
"""

import socket
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Render:
    """How one URL rendered in this process."""

    url: str
    median_ms: float
    cold_ms: float
    cpu_ms: float
    queries: int
    status: int
    cache_header: str = ""


def render_times(client, url, runs, *, clear_cache=True):
    """Cold time, then the median of `runs` more requests, and their query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from iurc_site.caching.fragments import clear_all_caches

    if clear_cache:
        clear_all_caches()  # the fragments kept in this process too
    started = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - started
    times, cpu_times = [], []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            if response.streaming:  # a download: the time to its last byte
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
        queries = len(captured)
    return Render(
        url=url,
        median_ms=statistics.median(times) * 1000,
        cold_ms=cold * 1000,
        cpu_ms=statistics.median(cpu_times) * 1000,
        queries=queries,
        status=response.status_code,
        cache_header=response.get("X-Page-Cache", ""),
    )


def flush_redis_database(url):
    """FLUSHDB on the Redis database of `url` (redis://host:port/N) only."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    with socket.create_connection(
        (parts.hostname or "127.0.0.1", parts.port or 6379), timeout=5
    ) as connection:
        connection.sendall(f"SELECT {number}\r\nFLUSHDB\r\n".encode())
        answer = b""
        while answer.count(b"\r\n") < 2:
            chunk = connection.recv(1024)
            if not chunk:
                break
            answer += chunk
    if answer.count(b"+OK") < 2:
        raise RuntimeError(f"Redis did not flush {url}: {answer!r}")
