"""The address a request came from, the one place the sign-in lockout, the sign-up rate limit
and the security log ask: REMOTE_ADDR, or X-Forwarded-For's entry for the client when
EQTRACK_TRUSTED_PROXY_COUNT says how many proxies of ours stand in front."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from python_ipware import IpWare


def client_ip(request: HttpRequest) -> str:
    """The client's address. Without trusted proxies, X-Forwarded-For is ignored: anyone can
    send it. With N trusted proxies, the last (right-most) proxy's entry is the client's
    address as it reached our first proxy; entries further left were sent by the client itself
    and are never believed."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies: int = settings.EQTRACK_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    # Our nearest proxy is REMOTE_ADDR, not in the header; each proxy before it added one
    # entry, so ipware skips proxies - 1 entries from the right. Not strict: entries a client
    # put in front of its real address are simply never looked at.
    ipware = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1)
    address, _ = ipware.get_client_ip(request.META, strict=False)
    return str(address) if address is not None else remote
