"""Fetching a CapabilityStatement by URL, tried as a vendor representative would attack it
(SSRF): every non-public address is refused in every numeric form and at every redirect
hop, only allowed ports are used, every failure gets the same message that shows nothing
of the answer, malformed URLs get a clear 400, and none of it gives a 500.

Servers run on 127.0.0.1 only. Loopback is refused by default like any non-public
address; the tests that fetch for real turn CAPABILITY_FETCH_ALLOW_LOOPBACK on, so the
refusals below do not pass by accident of loopback."""

import http.server
import socket
import socketserver
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from portal.tests.factories import UserFactory
from vendors.public_fetch import is_public
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
STATEMENT = (Path(__file__).parent / "statements" / "r4-bgz-server.json").read_bytes()
GENERIC = "kon niet van dit adres worden opgehaald"
API = "/api/v1/products/demo-zis/capability-statements/"


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {}  # path: (status, headers, body)
    hits = None

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    """Start real HTTP servers on 127.0.0.1: serve(routes) -> (port, hits)."""
    servers = []

    def start(routes):
        hits = []
        handler = type("Handler", (_Handler,), {"routes": routes, "hits": hits})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1], hits

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def serve_raw():
    """A TCP server on 127.0.0.1 that answers every connection with handle(socket)."""
    servers = []

    def start(handle):
        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                handle(self.request)

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def rep_client(reference_data):
    product = ProductFactory(slug="demo-zis")
    rep = UserFactory()
    add_vendor_representative(vendor=product.vendor, user=rep)
    client = APIClient()
    client.force_authenticate(rep)
    client.product = product
    client.rep = rep
    return client


def _post_url(client, url):
    return client.post(API, {"url": url}, format="json")


def _allow(settings, *ports, loopback=True):
    settings.CAPABILITY_FETCH_PORTS = (80, 443, *ports)
    settings.CAPABILITY_FETCH_ALLOW_LOOPBACK = loopback


def _statement_server(serve):
    return serve({"/fhir/metadata": (200, {"Content-Type": "application/fhir+json"}, STATEMENT)})


# --- refused addresses ------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "127.0.0.1",
        "127.1",
        "2130706433",
        "0x7f000001",
        "0177.0.0.1",
        "0.0.0.0",
        "0",
        "[::1]",
        "[::ffff:127.0.0.1]",
    ],
)
def test_loopback_in_every_form_is_refused_before_anything_is_sent(
    rep_client, serve, settings, host
):
    """The port is allowed and a statement waits there: only the address check refuses."""
    port, hits = _statement_server(serve)
    _allow(settings, port, loopback=False)
    response = _post_url(rep_client, f"http://{host}:{port}/fhir")
    assert response.status_code == 400 and GENERIC in response.json()["detail"]
    assert hits == []
    assert not rep_client.product.capability_statements.exists()


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared address space
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "0.0.0.0",
        "::",
        "fe80::1",
        "fe80::1%lo",
        "fc00::1",
        "ff02::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "::127.0.0.1",
        "2002:7f00:1::1",  # 6to4 around 127.0.0.1
        "2002:a00:1::1",  # 6to4 around 10.0.0.1
        "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused_even_with_loopback_allowed(settings, address):
    """Checked without sending anything: these must never be contacted from a test."""
    settings.CAPABILITY_FETCH_ALLOW_LOOPBACK = True
    assert not is_public(address)


def test_public_addresses_are_allowed_and_loopback_only_when_set(settings):
    assert is_public("93.184.215.14") and is_public("2a00:1450:4001:80b::200e")
    assert not is_public("127.0.0.1") and not is_public("::1")
    settings.CAPABILITY_FETCH_ALLOW_LOOPBACK = True
    assert is_public("127.0.0.1") and is_public("::1")


# --- a real fetch, with a checked redirect ----------------------------------------------


def test_fetch_through_a_redirect_stores_the_statement(rep_client, serve, settings):
    port, hits = serve(
        {
            "/old/metadata": (302, {"Location": "/fhir/metadata"}, b""),
            "/fhir/metadata": (200, {"Content-Type": "application/fhir+json"}, STATEMENT),
        }
    )
    _allow(settings, port)
    response = _post_url(rep_client, f"http://127.0.0.1:{port}/old")
    assert response.status_code == 201, response.content
    assert response.json()["coverage"]["bgz"]["shall_met"] == 31
    assert hits == ["/old/metadata", "/fhir/metadata"]
    version = rep_client.product.capability_statements.get()
    assert version.source_url == f"http://127.0.0.1:{port}/old"


@pytest.mark.parametrize(
    "location",
    [
        "http://0.0.0.0:{target}/fhir/metadata",  # unspecified, not loopback
        "http://[::ffff:127.0.0.1]:{target}/fhir/metadata",  # mapped, not loopback itself
        "http://127.0.0.1:{target}/fhir/metadata",  # a port that is not allowed
        "file:///etc/passwd",
        "gopher://127.0.0.1:{target}/_INFO",
        "http://[::1",
    ],
)
def test_every_redirect_hop_is_checked(rep_client, serve, settings, location):
    target, target_hits = _statement_server(serve)
    port, hits = serve({"/fhir/metadata": (302, {"Location": location.format(target=target)}, b"")})
    _allow(settings, port)  # loopback allowed, but only this port
    response = _post_url(rep_client, f"http://127.0.0.1:{port}/fhir")
    assert response.status_code == 400 and GENERIC in response.json()["detail"]
    assert hits == ["/fhir/metadata"] and target_hits == []


def test_redirect_loops_end(rep_client, serve, settings):
    port, hits = serve({"/fhir/metadata": (302, {"Location": "/fhir/metadata"}, b"")})
    _allow(settings, port)
    response = _post_url(rep_client, f"http://127.0.0.1:{port}/fhir")
    assert response.status_code == 400 and GENERIC in response.json()["detail"]
    assert len(hits) == settings.CAPABILITY_FETCH_MAX_REDIRECTS + 1


def test_ports_outside_the_setting_are_refused(rep_client, serve, settings):
    port, hits = _statement_server(serve)
    settings.CAPABILITY_FETCH_ALLOW_LOOPBACK = True  # the port alone refuses
    response = _post_url(rep_client, f"http://127.0.0.1:{port}/fhir")
    assert response.status_code == 400
    assert response.json()["detail"] == "Geef een adres op poort 80 / 443."
    assert hits == []


# --- one message for every failure ------------------------------------------------------


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_every_failure_gets_the_same_message_without_the_answer(
    rep_client, serve, serve_raw, settings
):
    """Closed port, an HTTP error with a body, Redis-like and other non-HTTP answers, an
    empty answer: a port scan learns nothing, and nothing the server said is shown."""
    http_port, _ = serve({"/fhir/metadata": (500, {}, b"SECRET-BODY internal stack trace")})
    redis = serve_raw(lambda sock: sock.sendall(b"-ERR unknown command 'GET' SECRET-REDIS\r\n"))
    postgres = serve_raw(lambda sock: sock.sendall(b"E\x00\x00\x00\x08SFATAL\x00SECRET"))
    silent_close = serve_raw(lambda sock: None)
    closed = _closed_port()
    _allow(settings, http_port, redis, postgres, silent_close, closed)
    details = set()
    for port in (http_port, redis, postgres, silent_close, closed):
        response = _post_url(rep_client, f"http://127.0.0.1:{port}/fhir")
        assert response.status_code == 400, (port, response.content)
        details.add(response.json()["detail"])
    assert len(details) == 1
    (detail,) = details
    assert GENERIC in detail and "SECRET" not in detail
    assert not rep_client.product.capability_statements.exists()


def test_the_size_limit_holds(rep_client, serve, settings):
    port, _ = serve({"/fhir/metadata": (200, {}, b" " * 5000 + STATEMENT)})
    _allow(settings, port)
    settings.CAPABILITY_STATEMENT_MAX_BYTES = len(STATEMENT)
    response = _post_url(rep_client, f"http://127.0.0.1:{port}/fhir")
    assert response.status_code == 400 and GENERIC in response.json()["detail"]


def test_the_time_limit_holds_for_the_whole_fetch(rep_client, serve_raw, settings):
    """A server that trickles its headers a byte at a time gets no longer than the limit."""

    def trickle(sock):
        try:
            sock.sendall(b"HTTP/1.1 200 OK\r\n")
            for _ in range(100):
                sock.sendall(b"X")
                time.sleep(0.1)
        except OSError:
            pass

    port = serve_raw(trickle)
    _allow(settings, port)
    settings.CAPABILITY_STATEMENT_FETCH_TIMEOUT = 1
    started = time.monotonic()
    response = _post_url(rep_client, f"http://127.0.0.1:{port}/fhir")
    assert response.status_code == 400 and GENERIC in response.json()["detail"]
    assert time.monotonic() - started < 3


# --- malformed URLs: a clear 400 --------------------------------------------------------


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://[::1", "Dit is geen geldig webadres."),
        ("http://exa mple.nl/", "Dit is geen geldig webadres."),
        ("http://example.nl\r\nX-Injected: 1/", "Dit is geen geldig webadres."),
        ("http://example.nl:99999/", "Dit is geen geldig webadres."),
        ("http://example.nl:port/", "Dit is geen geldig webadres."),
        ("http://user:secret@example.nl/", "Dit is geen geldig webadres."),
        ("http:///metadata", "Dit is geen geldig webadres."),
        ("ftp://example.nl/", "Geef een http- of https-adres."),
        ("file:///etc/passwd", "Geef een http- of https-adres."),
    ],
)
def test_malformed_urls_get_a_clear_400(rep_client, url, message):
    response = _post_url(rep_client, url)
    assert response.status_code == 400
    assert response.json()["detail"] == message


# --- the same checks through the self-service page and the command ----------------------


def test_self_service_page_refuses_loopback_and_fetches_when_allowed(
    client, rep_client, serve, settings
):
    port, hits = _statement_server(serve)
    _allow(settings, port, loopback=False)
    client.force_login(rep_client.rep)
    page = reverse("vendor_statement_add", args=["demo-zis"])
    refused = client.post(page, {"url": f"http://localhost:{port}/fhir"})
    assert refused.status_code == 200 and GENERIC in refused.content.decode()
    assert hits == [] and not rep_client.product.capability_statements.exists()
    settings.CAPABILITY_FETCH_ALLOW_LOOPBACK = True
    stored = client.post(page, {"url": f"http://localhost:{port}/fhir"})
    assert stored.status_code == 302 and hits == ["/fhir/metadata"]
    assert rep_client.product.capability_statements.count() == 1


def test_self_service_page_malformed_url_is_a_form_error(client, rep_client):
    client.force_login(rep_client.rep)
    page = reverse("vendor_statement_add", args=["demo-zis"])
    for url in ("http://[::1", "http://exa mple.nl/"):
        response = client.post(page, {"url": url})
        assert response.status_code == 200 and "Voer een geldige URL in" in (
            response.content.decode()
        )


def test_command_refuses_loopback_and_malformed_urls(serve, settings):
    ProductFactory(slug="demo-zis")
    port, hits = _statement_server(serve)
    _allow(settings, port, loopback=False)
    with pytest.raises(CommandError, match=GENERIC):
        call_command("ingest_capability_statement", "--product", "demo-zis", f"http://127.1:{port}")
    with pytest.raises(CommandError, match="geen geldig webadres"):
        call_command("ingest_capability_statement", "--product", "demo-zis", "http://[::1")
    assert hits == []
