"""CapabilityStatement ingestion: R4 and R5, coverage with the exact missing items,
refusals that store nothing, fetching from a server and the command."""

import http.server
import json
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from vendors.capability import CapabilityStatementError, coverage, ingest, requirement_sets
from vendors.models import CapabilityStatementVersion
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
STATEMENTS = Path(__file__).parent / "statements"
UPLOAD = CapabilityStatementVersion.Source.UPLOAD


def statement(name):
    return (STATEMENTS / name).read_bytes()


def test_r4_statement_is_stored_with_its_coverage():
    product = ProductFactory()
    version = ingest(product, statement("r4-bgz-server.json"), source=UPLOAD)
    assert (version.fhir_version, version.software) == ("4.0.1", "Demo ZIS FHIR-server 7.2")
    bgz = version.coverage["bgz"]
    # SHALL: 10 resources, 11 interactions, 10 search parameters; all offered
    assert (bgz["shall_met"], bgz["shall_total"]) == (31, 31)
    missing = {(m["resource"], m["kind"], m["value"]) for m in bgz["missing"]}
    assert ("Coverage", "resource", "Coverage") in missing  # SHOULD, not offered
    assert ("Immunization", "search_param", "status") in missing
    # the versioned supportedProfile matches the requirement's canonical URL
    assert (
        "Patient",
        "profile",
        "http://nictiz.nl/fhir/StructureDefinition/nl-core-Patient",
    ) not in missing
    assert all(m["expectation"] == "SHOULD" for m in bgz["missing"])


def test_r5_statement_and_every_version_is_kept():
    product = ProductFactory()
    ingest(product, statement("r5-minimal-server.json"), source=UPLOAD)
    second = ingest(product, statement("r4-bgz-server.json"), source=UPLOAD)
    assert product.capability_statements.count() == 2
    medmij = product.capability_statements.get(fhir_version="5.0.0").coverage[
        "medmij-patient-access"
    ]
    assert medmij["shall_met"] == medmij["shall_total"]
    assert {m["value"] for m in medmij["missing"]} >= {"code", "date", "Condition"}
    assert (
        second.coverage["eoverdracht"]["shall_met"] < second.coverage["eoverdracht"]["shall_total"]
    )


def test_worked_coverage_example():
    document = {
        "resourceType": "CapabilityStatement",
        "rest": [
            {"mode": "server", "resource": [{"type": "Task", "interaction": [{"code": "read"}]}]}
        ],
    }
    result = coverage(document, requirement_sets()["eoverdracht"])
    task_missing = [m for m in result["missing"] if m["resource"] == "Task"]
    assert task_missing == [
        {"resource": "Task", "kind": "interaction", "value": "update", "expectation": "SHALL"}
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "leeg"),
        (b"{not json", "geen geldige JSON"),
        (b'{"resourceType": "Patient", "id": "x"}', "Patient, geen CapabilityStatement"),
        (b'["CapabilityStatement"]', "geen FHIR-resource"),
        (
            b'{"resourceType": "CapabilityStatement", "fhirVersion": "4.0.1", "status": "active"}',
            "niet geldig",
        ),
        (b'{"resourceType": "CapabilityStatement", "fhirVersion": "1.0.2"}', "niet ondersteund"),
        (b"<CapabilityStatement xmlns='http://hl7.org/fhir'><status", "geen geldige XML"),
        (b"<Patient xmlns='http://hl7.org/fhir'/>", "Patient, geen CapabilityStatement"),
        (
            b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
            b"<CapabilityStatement xmlns='http://hl7.org/fhir'><publisher value='&e;'/>"
            b"</CapabilityStatement>",
            "DOCTYPE",
        ),
        (
            b"<CapabilityStatement xmlns='http://hl7.org/fhir'>"
            b"<fhirVersion value='4.0.1'/></CapabilityStatement>",
            "niet geldig",
        ),
    ],
)
def test_broken_documents_are_refused_and_nothing_is_stored(data, message):
    product = ProductFactory()
    with pytest.raises(CapabilityStatementError) as refused:
        ingest(product, data, source=UPLOAD)
    assert message in str(refused.value)
    assert not CapabilityStatementVersion.objects.exists()


def test_too_large_is_refused(settings):
    settings.CAPABILITY_STATEMENT_MAX_BYTES = 1000
    with pytest.raises(CapabilityStatementError, match="te groot"):
        ingest(ProductFactory(), statement("r4-bgz-server.json"), source=UPLOAD)


@pytest.fixture
def fhir_server(settings):
    """A real HTTP server on loopback answering /fhir/metadata (loopback and its port are
    allowed for the fetch here only)."""
    body = statement("r4-bgz-server.json")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path != "/fhir/metadata":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/fhir+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.CAPABILITY_FETCH_ALLOW_LOOPBACK = True
    settings.CAPABILITY_FETCH_PORTS = (80, 443, server.server_address[1], 9)
    yield f"http://127.0.0.1:{server.server_address[1]}/fhir"
    server.shutdown()


def test_command_fetches_from_a_server(fhir_server, capsys):
    product = ProductFactory(slug="demo-zis")
    call_command("ingest_capability_statement", "--product", "demo-zis", fhir_server)
    version = product.capability_statements.get()
    assert version.source == "url" and version.source_url == fhir_server
    out = capsys.readouterr().out
    assert "BgZ" in out and "missing (SHOULD): Coverage resource Coverage" in out


def test_command_refuses_with_a_clear_error(tmp_path, fhir_server):
    ProductFactory(slug="demo-zis")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"resourceType": "Bundle"}))
    with pytest.raises(CommandError, match="Bundle, geen CapabilityStatement"):
        call_command("ingest_capability_statement", "--product", "demo-zis", str(broken))
    with pytest.raises(CommandError, match="kon niet van dit adres worden opgehaald"):
        call_command("ingest_capability_statement", "--product", "demo-zis", fhir_server + "/nope")
    with pytest.raises(CommandError, match="kon niet van dit adres worden opgehaald"):
        call_command("ingest_capability_statement", "--product", "demo-zis", "http://127.0.0.1:9")


def test_api_upload_by_the_vendors_representative_only(reference_data):
    from rest_framework.test import APIClient

    from portal.tests.factories import UserFactory
    from vendors.services import add_vendor_representative

    product = ProductFactory(slug="demo-zis")
    other = ProductFactory(slug="other-zis")
    rep = UserFactory()
    add_vendor_representative(vendor=product.vendor, user=rep)
    client = APIClient()
    client.force_authenticate(rep)
    url = "/api/v1/products/demo-zis/capability-statements/"
    response = client.post(url, statement("r4-bgz-server.json"), content_type="application/json")
    assert response.status_code == 201
    assert response.json()["coverage"]["bgz"]["shall_met"] == 31
    refused = client.post(url, b'{"resourceType": "Bundle"}', content_type="application/json")
    assert refused.status_code == 400 and "Bundle" in refused.json()["detail"]
    assert (
        client.post(
            "/api/v1/products/other-zis/capability-statements/",
            statement("r4-bgz-server.json"),
            content_type="application/json",
        ).status_code
        == 404
    )
    assert not other.capability_statements.exists()
    body = APIClient().get("/api/v1/products/demo-zis/").json()
    assert body["capability_statement"]["fhir_version"] == "4.0.1"
    assert body["score"]["method_version"] == 1


def test_xml_statement_is_read_like_its_json_form():
    xml = b"""<?xml version="1.0" encoding="UTF-8"?>
<CapabilityStatement xmlns="http://hl7.org/fhir">
  <status value="active"/><date value="2026-02-01"/><kind value="instance"/>
  <software><name value="Demo XML-server"/></software>
  <fhirVersion value="4.0.1"/><format value="xml"/>
  <rest><mode value="server"/>
    <resource><type value="Task"/>
      <interaction><code value="read"/></interaction>
      <interaction><code value="update"/></interaction>
    </resource>
  </rest>
</CapabilityStatement>"""
    version = ingest(ProductFactory(), xml, source=UPLOAD)
    assert version.document["rest"][0]["resource"][0]["type"] == "Task"
    assert version.software == "Demo XML-server"
    missing = {(m["resource"], m["value"]) for m in version.coverage["eoverdracht"]["missing"]}
    assert ("Task", "update") not in missing and ("Task", "read") not in missing


@pytest.mark.parametrize(
    "name, software, bgz_shall_met",
    [
        ("hl7-r4-examples/CapabilityStatement-example.json", "EHR 0.00.020.2134", 3),
        ("hl7-r4-examples/CapabilityStatement-phr.json", "ACME PHR Server", 5),
    ],
)
def test_published_hl7_example_statements(name, software, bgz_shall_met):
    """Two statements published by HL7 for two different (example) servers."""
    version = ingest(ProductFactory(), statement(name), source=UPLOAD)
    assert version.software == software
    assert version.coverage["bgz"]["shall_met"] == bgz_shall_met
    assert version.coverage["bgz"]["missing"]  # far from the Dutch BgZ
