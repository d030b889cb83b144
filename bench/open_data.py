"""Benchmark: the full downloads of many pairings through gunicorn, and what they cost a worker.

    DATABASE_URL=postgres://127.0.0.1:5432/iurc .venv/bin/python bench/open_data.py \\
        [--pairings 10000] [--runs 3]

Builds a throwaway database (demo content plus generated pairings in every language),
then for each URL starts gunicorn with the production settings and one worker, warms it
with the constant baseline page, and downloads the URL `--runs` times. It prints the
time to the first byte of the body, the time to the last, the size, and the worker's
peak resident memory (VmHWM) above what it held after the warm-up. The map document of
the same pairings, which is built whole before it is sent, is measured the same way:
the comparison shows what streaming saves. The database is dropped at the end.
"""

import argparse
import http.client
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

URLS = {
    "baseline page": "/bench/baseline/",
    "CSV, everything": "/en/data/pairings.csv",
    "CSV, one region (th)": "/th/data/pairings.csv?region=china",
    "JSON, everything": "/en/data/pairings.json",
    "GeoJSON, everything": "/en/data/pairings.geojson",
    "XLSX, everything": "/en/data/pairings.xlsx",
    "map JSON (built whole)": "/en/map/pairings.json",
    "API page 2": "/api/v1/pairings?page=2",
}


def peak_memory(pid):
    """The peak resident memory of a process so far (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def download(port, path):
    """(seconds to the first body byte, seconds to the last, bytes, status)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    first = response.read(1)
    first_byte = time.perf_counter() - started
    size = len(first)
    while chunk := response.read(65536):
        size += len(chunk)
    total = time.perf_counter() - started
    connection.close()
    return first_byte, total, size, response.status


def measure(database_url, path, runs):
    from bench.server import GunicornServer, child_pids

    with GunicornServer(database_url, workers=1) as server:
        (worker,) = child_pids(server.process.pid)
        for _ in range(3):
            download(server.port, "/bench/baseline/")
        before = peak_memory(worker)
        results = [download(server.port, path) for _ in range(runs)]
        after = peak_memory(worker)
    statuses = {status for *_rest, status in results}
    if statuses != {200}:
        raise SystemExit(f"{path} answered {statuses}")
    return {
        "first_byte": statistics.median(result[0] for result in results),
        "total": statistics.median(result[1] for result in results),
        "bytes": results[-1][2],
        "peak_above_warm": max(after - before, 0),
        "warm": before,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    server_url = os.environ.get("DATABASE_URL", "postgres://127.0.0.1:5432/iurc")
    if not server_url.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL.")
    from bench.site_benchmark import configure_process

    configure_process(urlunsplit(urlsplit(server_url)._replace(path="/postgres")))
    from django.core.management import call_command
    from django.db import connections

    from bench.dataset import BenchDatabases, add_generated_pairings, load_demo, use
    from regions.models import PairingPage

    databases = BenchDatabases(server_url)
    started = time.perf_counter()
    results = {}
    try:
        print("Building the database...", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        name = databases.create("opendata")
        load_demo(name)
        use(name)
        add_generated_pairings(options.pairings)
        total = PairingPage.objects.live().count()
        connections.close_all()
        for label, path in URLS.items():
            print(f"  {label}...", flush=True)
            results[label] = measure(databases.url(name), path, options.runs)
    finally:
        connections.close_all()
        databases.drop_all()

    print(
        f"\nOpen-data downloads: {total:,} live pairings, gunicorn with one sync "
        f"worker, median of {options.runs} downloads; "
        f"{time.perf_counter() - started:.0f} s in all\n"
    )
    header = (
        f"{'':24} {'first byte':>11} {'last byte':>10} {'size':>9} {'worker peak':>12}"
    )
    print(header)
    print(f"{'':24} {'s':>11} {'s':>10} {'MB':>9} {'MB above warm':>12}")
    print("-" * len(header))
    for label, figures in results.items():
        print(
            f"{label:24} {figures['first_byte']:11.3f} {figures['total']:10.3f} "
            f"{figures['bytes'] / 1e6:9.2f} {figures['peak_above_warm'] / 1e6:12.1f}"
        )
    warm = statistics.median(figures["warm"] for figures in results.values())
    print(f"\nA warm worker holds {warm / 1e6:.0f} MB before the downloads.")


if __name__ == "__main__":
    main()
