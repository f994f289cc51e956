"""GET a URL that a user typed without letting it reach into the portal's own network (SSRF).

Before anything is sent, each hop (the URL and every redirect) is checked: http or https,
a port from CAPABILITY_FETCH_PORTS, no user name or password, and a host whose every
address is public. The host is resolved once (every numeric form, `127.1`, `2130706433`,
`0x7f000001`, `[::ffff:127.0.0.1]`, is resolved by the system into the address it stands
for) and the connection goes to the very address that was checked, so a second DNS answer
cannot point it elsewhere (DNS rebinding); https verifies the certificate against the host
name. Proxies from the environment are not used: a proxy would resolve the name itself.

A total deadline (not one per read) and a size limit bound the work. Written on the
standard library because no kept library fits: see the README's Security section."""

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
DEFAULT_PORTS = {"http": 80, "https": 443}
URL_SAFE = "/%:@!$&'()*+,;=~-._?"  # kept as written; anything else (non-ASCII) is quoted


class UnsafeURL(ValueError):
    """The URL is refused as written, before any network access. `reason` is one of
    "malformed", "scheme" or "port"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class FetchFailed(Exception):
    """The fetch failed after the URL was accepted. Deliberately without detail: which
    step failed (name, refused address, closed port, not HTTP, status, timeout, size)
    would tell an attacker what listens where."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # ASCII (IDNA) host name or address literal, without brackets
    port: int
    path: str  # path and query


def parse_url(url) -> Target:
    """The checked parts of an http(s) URL, or UnsafeURL."""
    url = str(url).strip()
    if not url or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        raise UnsafeURL("malformed")
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname
    except ValueError as error:  # "[::1", a port that is not a number or out of range
        raise UnsafeURL("malformed") from error
    if parts.scheme not in DEFAULT_PORTS:
        raise UnsafeURL("scheme")
    if not host or parts.username is not None or parts.password is not None:
        raise UnsafeURL("malformed")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise UnsafeURL("malformed") from error
    port = DEFAULT_PORTS[parts.scheme] if port is None else port
    if port not in settings.CAPABILITY_FETCH_PORTS:
        raise UnsafeURL("port")
    path = quote(parts.path or "/", safe=URL_SAFE) + (
        f"?{quote(parts.query, safe=URL_SAFE)}" if parts.query else ""
    )
    return Target(parts.scheme, host, port, path)


def is_public(address) -> bool:
    """Whether an address may be contacted: globally routable and not loopback, private,
    link-local, multicast, reserved or unspecified, also inside IPv4-mapped or 6to4 IPv6.
    Loopback only when CAPABILITY_FETCH_ALLOW_LOOPBACK is on (tests)."""
    ip = ipaddress.ip_address(str(address).split("%", 1)[0])
    if ip.is_loopback and settings.CAPABILITY_FETCH_ALLOW_LOOPBACK:
        return True
    return _is_global(ip)


def _is_global(ip):
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None and not _is_global(embedded):
            return False
    return ip.is_global and not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _checked_addresses(target):
    """Every (family, sockaddr) the host resolves to, or FetchFailed if there is none or
    any of them is not public (a name that also points inward is refused whole)."""
    try:
        found = socket.getaddrinfo(
            target.host, target.port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
    except (OSError, UnicodeError, ValueError) as error:
        raise FetchFailed() from error
    addresses = [(family, sockaddr) for family, _, _, _, sockaddr in found]
    if not addresses or not all(is_public(sockaddr[0]) for _, sockaddr in addresses):
        raise FetchFailed()
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to one checked address; Host header from the URL's host."""

    def __init__(self, target, family, sockaddr, timeout):
        super().__init__(target.host, target.port, timeout=timeout)
        self._family, self._sockaddr = family, sockaddr

    def connect(self):
        sock = socket.socket(self._family, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect(self._sockaddr)
        except OSError:
            sock.close()
            raise
        self.sock = sock


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def connect(self):
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def _abort(connection):
    """Wake a read that is still waiting at the deadline (shutdown, unlike close, does)."""
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _get(target, family, sockaddr, *, headers, deadline, limit):
    """(status, location, body) of one GET, within the deadline and the size limit."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchFailed()
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target, family, sockaddr, timeout=remaining)
    # The socket timeout bounds each read; the watchdog bounds them all together (a
    # server trickling one byte at a time gets no longer than the deadline).
    watchdog = threading.Timer(remaining, _abort, args=(connection,))
    watchdog.start()
    try:
        connection.request("GET", target.path, headers=headers)
        response = connection.getresponse()
        if response.status in REDIRECT_STATUSES:
            return response.status, response.getheader("Location", ""), b""
        if response.status != 200:
            return response.status, "", b""
        chunks, size = [], 0
        while size <= limit:
            chunk = response.read1(65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit or time.monotonic() > deadline:
            raise FetchFailed()
        return 200, "", b"".join(chunks)
    finally:
        watchdog.cancel()
        connection.close()


def fetch(url, *, headers=None, max_bytes, timeout) -> bytes:
    """The body of a 200 answer to GET url, following checked redirects. UnsafeURL for a
    URL refused as written, FetchFailed (without detail) for everything else."""
    target = parse_url(url)
    deadline = time.monotonic() + timeout
    for _ in range(settings.CAPABILITY_FETCH_MAX_REDIRECTS + 1):
        last_error = None
        for family, sockaddr in _checked_addresses(target):
            try:
                status, location, body = _get(
                    target,
                    family,
                    sockaddr,
                    headers=headers or {},
                    deadline=deadline,
                    limit=max_bytes,
                )
                break
            except (OSError, http.client.HTTPException, ValueError) as error:
                last_error = error  # the next address of the same host, if any
        else:
            raise FetchFailed() from last_error
        if status == 200:
            return body
        if status not in REDIRECT_STATUSES or not location:
            raise FetchFailed()
        current = f"{target.scheme}://{_netloc(target)}{target.path}"
        try:
            target = parse_url(urljoin(current, location))
        except ValueError as error:  # UnsafeURL, or urljoin on a malformed Location
            raise FetchFailed() from error
    raise FetchFailed()  # too many redirects


def _netloc(target):
    host = f"[{target.host}]" if ":" in target.host else target.host
    return f"{host}:{target.port}"
