"""A Redis that stops answering costs one timeout, not one per cache call.

With the real Redis of this machine behind a proxy that can hang (accept connections and
answer nothing, as a frozen host does) or cut them (as a dead one does).
"""

import logging
import threading

from django.core.cache import caches

import pytest
import redis

from iurc_site.caching import redis_backend
from iurc_site.settings.services import redis_cache
from tests.support.redis_url import redis_address, redis_url
from tests.support.tcp_proxy import CuttableProxy

OPEN_SECONDS = 30


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(redis_backend.CircuitBreaker, "clock", staticmethod(fake))
    redis_backend.reset_breakers()
    yield fake
    redis_backend.reset_breakers()


@pytest.fixture
def redis_proxy():
    with CuttableProxy(*redis_address()) as proxy:
        yield proxy


@pytest.fixture
def shared(settings, redis_proxy, clock):
    """The production cache settings, pointed at Redis through the proxy."""
    config = redis_cache(redis_url(7, port=redis_proxy.port), key_prefix="breaker")
    config["OPTIONS"]["SOCKET_TIMEOUT"] = 0.2
    config["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] = 0.2
    config["OPTIONS"]["CIRCUIT_OPEN_SECONDS"] = OPEN_SECONDS
    settings.CACHES = {"default": config}
    cache = caches["default"]
    cache.clear()
    yield cache
    redis_proxy.restore()
    cache.clear()
    cache.close()


def every_kind_of_call(cache):
    """The calls the site makes; each returns what a miss or a skipped write returns."""
    return [
        cache.get("page"),
        cache.get_many(["a", "b"]),
        cache.set("page", "html"),
        cache.set_many({"a": 1}),
        cache.add("lock", 1),
        cache.delete("page"),
    ]


def test_a_hung_redis_is_asked_once_then_left_alone(shared, redis_proxy, caplog):
    assert shared.set("page", "cached html") is True
    assert shared.get("page") == "cached html"

    redis_proxy.hang()
    with caplog.at_level(logging.WARNING, logger="iurc_site.caching.redis_backend"):
        assert shared.get("page") is None  # waited for the timeout: a miss
        tries = redis_proxy.connections_while_hung
        for _ in range(20):
            every_kind_of_call(shared)
        assert redis_proxy.connections_while_hung == tries  # nothing more was sent

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "bypassed" in warnings[0] and "TimeoutError" in warnings[0]


def test_the_cache_comes_back_when_redis_answers_again(
    shared, redis_proxy, clock, caplog
):
    shared.set("page", "cached html")
    redis_proxy.cut()
    assert shared.get("page") is None  # refused: opens the circuit too
    redis_proxy.restore()
    # Still open: Redis is not asked, even though it would answer.
    assert shared.get("page") is None

    clock.now += OPEN_SECONDS
    with caplog.at_level(logging.WARNING, logger="iurc_site.caching.redis_backend"):
        assert shared.get("page") == "cached html"
    assert "answers again" in caplog.records[-1].getMessage()
    assert shared.set("other", 2) is True
    assert shared.get("other") == 2


def test_a_redis_still_hung_after_the_pause_opens_the_circuit_again(
    shared, redis_proxy, clock
):
    redis_proxy.hang()
    shared.get("page")  # on the pooled connection, which stalls and is dropped
    first = redis_proxy.connections_while_hung

    clock.now += OPEN_SECONDS
    assert shared.get("page") is None  # one more try, which times out
    second = redis_proxy.connections_while_hung
    assert second == first + 1
    for _ in range(5):
        every_kind_of_call(shared)
    assert redis_proxy.connections_while_hung == second


def test_an_error_answer_from_redis_does_not_open_the_circuit(shared, redis_proxy):
    # A key of another type: Redis answers GET with a WRONGTYPE error, which the
    # cache reports as a miss. Redis did answer, so the circuit stays closed.
    raw = redis.Redis.from_url(redis_url(7))
    raw.rpush(shared.make_key("listed"), "x")
    assert shared.get("listed") is None
    breaker = redis_backend.breaker_for(redis_url(7, port=redis_proxy.port))
    assert breaker.open_until is None
    shared.set("page", "cached html")
    assert shared.get("page") == "cached html"


def test_every_thread_of_a_process_shares_the_breaker(shared, redis_proxy):
    redis_proxy.hang()
    shared.get("page")
    tries = redis_proxy.connections_while_hung

    answers = []

    def in_another_thread():
        # Django makes a cache object per thread; it must still see the open circuit.
        other = caches["default"]
        answers.append((other is not shared, other.get("page")))

    worker = threading.Thread(target=in_another_thread)
    worker.start()
    worker.join()
    assert answers == [(True, None)]
    assert redis_proxy.connections_while_hung == tries
