"""The shared (Redis) cache, which stops waiting for a Redis that has stopped answering.

django-redis with IGNORE_EXCEPTIONS already turns a failed call into a miss, so pages are
served uncached when Redis is down. But a Redis that hangs (a full network link, a
frozen host) costs the socket timeout on *every* call, and one uncached page makes
several: the page cache, the content version, each published fragment. Half a second
each turns a 10 ms page into seconds, in every worker, for as long as the fault lasts.

CircuitBreakingRedisCache is django-redis's RedisCache with a circuit breaker: after a
connection error or timeout it treats every call as failed, without touching the
network, for OPTIONS["CIRCUIT_OPEN_SECONDS"] (default 5); the first call after that tries
Redis again and either closes the circuit or opens it for another period. The state is
per process and per Redis location (Django makes one cache object per thread, and all
of them share it). Errors that are Redis's answer (a ResponseError) do not open it.
"""

import logging
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from iurc_site.private_apis import django_redis_client

logger = logging.getLogger(__name__)

DEFAULT_OPEN_SECONDS = 5.0

# Exceptions that mean "Redis did not answer", as opposed to an answer that was an error.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Client methods that never talk to Redis, so the breaker leaves them alone.
LOCAL_METHODS = frozenset({"close", "make_key", "reverse_key", "encode", "decode"})


class CacheBypassed(RedisConnectionError):
    """The circuit is open: the call was not sent to Redis."""


class CircuitBreaker:
    """Whether calls to one Redis location should be attempted now."""

    clock = staticmethod(time.monotonic)  # replaced in tests

    def __init__(self, location, open_seconds):
        self.location = location
        self.open_seconds = open_seconds
        self.open_until = None  # None while closed

    def allows_call(self) -> bool:
        return self.open_until is None or self.clock() >= self.open_until

    def record_failure(self, error: BaseException) -> None:
        if self.open_until is None:
            logger.warning(
                "Redis did not answer (%s); the shared cache is bypassed for %s s "
                "at a time until it does.",
                type(error).__name__,
                self.open_seconds,
            )
        self.open_until = self.clock() + self.open_seconds

    def record_success(self) -> None:
        if self.open_until is not None:
            self.open_until = None
            logger.warning("Redis answers again; the shared cache is back in use.")


_breakers = {}


def breaker_for(
    location: str, open_seconds: float = DEFAULT_OPEN_SECONDS
) -> "CircuitBreaker":
    """The one breaker of this process for a Redis location."""
    breaker = _breakers.get(location)
    if breaker is None:
        breaker = _breakers.setdefault(location, CircuitBreaker(location, open_seconds))
    return breaker


def reset_breakers() -> None:
    """Close every circuit of this process (tests and benchmarks)."""
    for breaker in _breakers.values():
        breaker.open_until = None


class _GuardedClient:
    """The django-redis client seen through the breaker: each call to Redis first asks
    the breaker, and reports how it went."""

    def __init__(self, client, breaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name in LOCAL_METHODS or not callable(attribute):
            return attribute
        breaker = self._breaker

        def guarded(*args, **kwargs):
            if not breaker.allows_call():
                # RedisCache turns this into a miss (IGNORE_EXCEPTIONS) or raises the cause.
                raise ConnectionInterrupted(connection=None) from CacheBypassed(
                    "circuit open"
                )
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                if isinstance(error.__cause__, UNREACHABLE):
                    breaker.record_failure(error.__cause__)
                raise
            except UNREACHABLE as error:
                breaker.record_failure(error)
                raise
            breaker.record_success()
            return result

        setattr(self, name, guarded)  # found without __getattr__ from now on
        return guarded


class CircuitBreakingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        options = params.get("OPTIONS", {})
        self._breaker = breaker_for(
            server, float(options.get("CIRCUIT_OPEN_SECONDS", DEFAULT_OPEN_SECONDS))
        )

    @property
    def client(self):
        guarded = self.__dict__.get("_guarded_client")
        if guarded is None:
            guarded = _GuardedClient(django_redis_client(self), self._breaker)
            self._guarded_client = guarded
        return guarded
