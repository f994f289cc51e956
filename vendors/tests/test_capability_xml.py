"""XML CapabilityStatements, tried as an attacker would upload them: any DTD is refused
with a clear message in every encoding (the check reads the document as the parser
decodes it, not its bytes), entities are never expanded, nothing is fetched, and none
of it gives a 500."""

import http.server
import threading
import time

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from portal.tests.factories import UserFactory
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/products/demo-zis/capability-statements/"
REFUSED = "XML met een DOCTYPE wordt niet geaccepteerd."

BODY = (
    '<CapabilityStatement xmlns="http://hl7.org/fhir">'
    '<status value="active"/><date value="2026-02-01"/><kind value="instance"/>'
    '<software><name value="Demo XML-server"/></software>'
    '<publisher value="{publisher}"/>'
    '<fhirVersion value="4.0.1"/><format value="xml"/>'
    '<rest><mode value="server"/><resource><type value="Task"/>'
    '<interaction><code value="read"/></interaction></resource></rest>'
    "</CapabilityStatement>"
)


def document(doctype="", publisher="Demo", encoding="UTF-16"):
    return f'<?xml version="1.0" encoding="{encoding}"?>{doctype}' + BODY.format(
        publisher=publisher
    )


ENCODINGS = {
    "utf-16 with BOM": lambda text: text.encode("utf-16"),
    "utf-16le without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16be without BOM": lambda text: text.encode("utf-16-be"),
    "utf-8": lambda text: text.replace('encoding="UTF-16"', 'encoding="UTF-8"').encode(),
}

ATTACKS = {
    "internal entity": ('<!DOCTYPE x [<!ENTITY e "EXPANDED-ENTITY">]>', "&e;"),
    "parameter entity": (
        "<!DOCTYPE x [<!ENTITY % p \"<!ENTITY e 'EXPANDED-ENTITY'>\"> %p;]>",
        "&e;",
    ),
    "parameter entities nested": (
        '<!DOCTYPE x [<!ENTITY % a "aaaaaaaaaa"><!ENTITY % b "%a;%a;%a;%a;%a;">]>',
        "Demo",
    ),
    "file entity": ('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;"),
    "billion laughs": (
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {name} "{("&" + previous + ";") * 10}">'
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]>",
        "&i;",
    ),
    "bare doctype": ("<!DOCTYPE CapabilityStatement>", "Demo"),
}


@pytest.fixture
def rep_client(reference_data):
    product = ProductFactory(slug="demo-zis")
    rep = UserFactory()
    add_vendor_representative(vendor=product.vendor, user=rep)
    client = APIClient()
    client.force_authenticate(rep)
    client.product, client.rep = product, rep
    return client


@pytest.mark.parametrize("encode", ENCODINGS.values(), ids=ENCODINGS.keys())
@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_any_dtd_is_refused_in_every_encoding(rep_client, encode, attack):
    doctype, publisher = attack
    started = time.monotonic()
    response = rep_client.post(
        API, encode(document(doctype, publisher)), content_type="application/xml"
    )
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == REFUSED
    assert time.monotonic() - started < 5
    assert not rep_client.product.capability_statements.exists()


def test_an_external_dtd_is_neither_fetched_nor_accepted(rep_client):
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY e "FROM-THE-NETWORK">')

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/evil.dtd"
        for doctype in (
            f'<!DOCTYPE x SYSTEM "{url}">',
            f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{url}"> %p;]>',
        ):
            response = rep_client.post(
                API, document(doctype, "&e;").encode("utf-16"), content_type="application/xml"
            )
            assert response.status_code == 400 and response.json()["detail"] == REFUSED
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


def test_the_self_service_page_refuses_a_utf16_dtd(client, rep_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(rep_client.rep)
    data = document(*ATTACKS["internal entity"]).encode("utf-16-le")
    response = client.post(
        reverse("vendor_statement_add", args=["demo-zis"]),
        {"file": SimpleUploadedFile("statement.xml", data)},
    )
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not rep_client.product.capability_statements.exists()


@pytest.mark.parametrize("encode", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_a_statement_without_dtd_is_read_in_every_encoding(rep_client, encode):
    response = rep_client.post(
        API, encode(document(publisher="Zorg &amp; Co")), content_type="application/xml"
    )
    assert response.status_code == 201, response.content
    version = rep_client.product.capability_statements.get()
    assert version.document["publisher"] == "Zorg & Co"
    assert version.software == "Demo XML-server"


def test_an_undeclared_entity_is_invalid_xml(rep_client):
    response = rep_client.post(
        API, document(publisher="&e;").encode("utf-16"), content_type="application/xml"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Dit is geen geldige XML")
