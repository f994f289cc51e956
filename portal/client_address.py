"""The address of the client behind a request: the one function the API rate limits, the
log-in lock-out (django-axes) and the access log use.

Without trusted proxies (``TRUSTED_PROXIES`` empty, the default) it is the connection's
peer, ``REMOTE_ADDR``, and ``X-Forwarded-For`` is ignored: anyone can send that header.
When the peer is one of ``TRUSTED_PROXIES`` (addresses or networks), the header is read
from the right: each trusted proxy appends the address it got the request from, so the
first address from the right that is not a trusted proxy is the client. What a client
wrote into the header itself stands to the left of that and is never used.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

UNKNOWN = "0.0.0.0"  # a placeholder that is never a real client


@lru_cache(maxsize=8)
def _networks(proxies):
    try:
        return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)
    except ValueError as err:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {err}") from err


def _parse(value):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is that IPv4 client.
    return getattr(address, "ipv4_mapped", None) or address


def _trusted(address, networks):
    return any(address in network for network in networks)


def client_address(request):
    """The client's address as text (``UNKNOWN`` if the connection has none)."""
    peer = _parse(request.META.get("REMOTE_ADDR") or "")
    if peer is None:
        return UNKNOWN
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(peer, networks):
        return str(peer)
    client = peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:
            break  # not written by a proxy of ours: keep the last address we can trust
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
