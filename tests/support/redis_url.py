"""The tests' Redis server, from one variable: TEST_REDIS_URL.

TEST_REDIS_URL names the server (scheme, host, port, user and password), default
redis://127.0.0.1:6379; any database number in it is ignored, because each test keeps
its own (5, 6, 7, 9, 12, 13, 15: see docs/testing.md), so that tests never empty each other's
keys.
"""

import os
from urllib.parse import urlsplit

DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379"


def _server():
    return urlsplit(os.environ.get("TEST_REDIS_URL") or DEFAULT_TEST_REDIS_URL)


def redis_address():
    """(host, port) of the tests' Redis server, e.g. the upstream of a TCP proxy."""
    parts = _server()
    return parts.hostname or "127.0.0.1", parts.port or 6379


def redis_url(db_number, *, port=None):
    """redis://[user:password@]host:port/<db_number> on the tests' Redis server. With
    `port`, the address is 127.0.0.1:<port> (a proxy in front of that server) and the
    scheme and credentials stay the server's."""
    parts = _server()
    host, server_port = redis_address()
    if port is not None:
        host, server_port = "127.0.0.1", port
    credentials = ""
    if parts.username or parts.password:
        credentials = (parts.username or "") + (
            f":{parts.password}" if parts.password else ""
        )
        credentials += "@"
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    return f"{parts.scheme or 'redis'}://{credentials}{host}:{server_port}/{int(db_number)}"
