"""Benchmark: pages while Redis hangs, with the circuit breaker and without it.

A Redis that hangs (accepts connections, never answers: a frozen host, a full link)
costs the socket timeout on every cache call; a page makes several. This script serves
the same anonymous pages in this process (Django's test Client, page cache on, the
production cache settings) three ways, in one run:

- Redis answering (the real Redis of this machine): the reference;
- Redis hung, through iurc_site.caching.redis_backend.CircuitBreakingRedisCache (what production
  runs): one timeout, then Redis is left alone for CIRCUIT_OPEN_SECONDS;
- Redis hung, through plain django-redis: a timeout per cache call.

and prints the median and worst time per request, the total, and how many times the
hung server was contacted.

    DATABASE_URL=postgres://127.0.0.1:5432/iurc .venv/bin/python bench/cache_outage.py
    make bench-cache-outage

Uses the database of DATABASE_URL, migrating it and loading the demo content if it has
none; Redis database 8 at BENCH_REDIS_URL (default redis://127.0.0.1:6379).
"""

import argparse
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iurc_site.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from wagtail.models import Page  # noqa: E402

from iurc_site.caching import redis_backend  # noqa: E402
from iurc_site.caching.fragments import clear_all_caches  # noqa: E402
from iurc_site.settings.services import fragment_cache, redis_cache  # noqa: E402

PATHS = ["/en/", "/en/about/", "/ms/tentang-iurc/", "/en/regions/", "/en/pairings/"]
BREAKER = "iurc_site.caching.redis_backend.CircuitBreakingRedisCache"
PLAIN = "django_redis.cache.RedisCache"


class HungServer:
    """Accepts connections and never answers; counts the connections."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            self.held.append(client)


def serve(location, backend, rounds, hung):
    """Request every page `rounds` times: the times in ms, and the hung server's contacts."""
    config = redis_cache(location, key_prefix="outage-bench")
    config["BACKEND"] = backend
    aliases = {"default": config, "fragments": fragment_cache()}
    with override_settings(CACHES=aliases, PAGE_CACHE_ENABLED=True):
        clear_all_caches()  # every page renders anew (this process's memory too)
        redis_backend.reset_breakers()
        contacts_before = hung.connections
        client = Client()
        times = []
        for _round in range(rounds):
            for path in PATHS:
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
        return times, hung.connections - contacts_before


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4, help="requests per page")
    args = parser.parse_args()

    if not Page.objects.filter(depth__gt=1).exists():
        call_command("migrate", verbosity=0)
        call_command("load_demo_content", verbosity=0)

    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
    hung = HungServer()
    hung_location = f"redis://127.0.0.1:{hung.port}/8"
    runs = [
        ("Redis answering (reference)", f"{redis_url}/8", BREAKER),
        ("Redis hung, circuit breaker", hung_location, BREAKER),
        ("Redis hung, plain django-redis", hung_location, PLAIN),
    ]
    print(
        f"{len(PATHS)} pages x {args.rounds} requests each, in process, page cache on"
    )
    print(f"{'':32} {'p50 ms':>8} {'max ms':>8} {'total s':>8} {'contacts':>9}")
    for name, location, backend in runs:
        times, contacts = serve(location, backend, args.rounds, hung)
        if location != hung_location:
            contacts = "-"
        print(
            f"{name:32} {statistics.median(times):8.1f} {max(times):8.1f} "
            f"{sum(times) / 1000:8.1f} {contacts:>9}"
        )
    print("contacts: connections the hung server received (each costs a timeout)")


if __name__ == "__main__":
    main()
