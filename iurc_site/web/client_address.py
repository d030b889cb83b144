"""The visitor's address, for login throttling (django-axes) and the API's rate limit.

Behind N proxies that each append the address they received a request from to
X-Forwarded-For (a load balancer: N=1; a CDN in front of it: N=2), the visitor is the
Nth entry from the right: what a client writes into the header itself stays on the left,
so it cannot pose as someone else. With N=0 (no proxy) the connection's address is used.
"""

import ipaddress

from django.conf import settings


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: a request that did not come through all of
        # them (a health probe, a misconfiguration). The connection is all we know.
        return remote
    candidate = forwarded[-proxies]
    return candidate if _is_address(candidate) else remote
