"""Coverage follows the statement's FHIR version (R5 names for renamed resources and
search parameters), and a statement of requirements is not a product's capability."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from portal.tests.factories import UserFactory
from vendors.capability import CapabilityStatementError, all_coverage, ingest
from vendors.models import CapabilityStatementVersion
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _bgz_server(fhir_version):
    """A server offering every BgZ item, in R4 or R5 names: R5 calls DeviceUseStatement
    DeviceUsage, and MedicationStatement's "context" search parameter "encounter"."""
    r5 = fhir_version.startswith("5.")
    searches = {
        "Patient": ["_id", "identifier"],
        "Condition": ["patient", "category"],
        "AllergyIntolerance": ["patient"],
        "MedicationStatement": ["patient", "category", "encounter" if r5 else "context"],
        "MedicationRequest": ["patient"],
        "Immunization": ["patient", "status"],
        "Observation": ["patient", "code", "category", "date"],
        "Procedure": ["patient", "category"],
        "Encounter": ["patient"],
        "Coverage": ["patient"],
        "Consent": ["patient", "category"],
        "Flag": ["patient"],
        "DeviceUsage" if r5 else "DeviceUseStatement": ["patient"],
    }
    resources = [
        {
            "type": resource,
            "interaction": [{"code": "read"}, {"code": "search-type"}],
            "searchParam": [{"name": name, "type": "token"} for name in names],
        }
        for resource, names in searches.items()
    ]
    resources += [
        {"type": t, "interaction": [{"code": "read"}]} for t in ("Practitioner", "Organization")
    ]
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-01",
        "kind": "instance",
        "fhirVersion": fhir_version,
        "format": ["json"],
        "rest": [{"mode": "server", "resource": resources}],
    }


def _without_missing_detail(coverage):
    return {
        code: {k: v for k, v in result.items() if k != "missing"}
        for code, result in coverage.items()
    }


def test_the_same_server_in_r4_and_r5_gets_the_same_coverage():
    r4, r5 = all_coverage(_bgz_server("4.0.1")), all_coverage(_bgz_server("5.0.0"))
    assert _without_missing_detail(r4) == _without_missing_detail(r5)
    assert r4["bgz"]["missing"] == r5["bgz"]["missing"]
    # Only the nl-core profiles, which this server does not claim; every resource,
    # interaction and search parameter is met in both versions.
    assert {item["kind"] for item in r5["bgz"]["missing"]} == {"profile"}


def test_an_r5_server_with_the_r4_name_does_not_count_for_the_renamed_resource():
    """R5 has no DeviceUseStatement: a statement that says so in R5 names a resource R5
    does not know, so it does not meet the requirement."""
    wrong = _bgz_server("5.0.0")
    for resource in wrong["rest"][0]["resource"]:
        if resource["type"] == "DeviceUsage":
            resource["type"] = "DeviceUseStatement"
    missing = all_coverage(wrong)["bgz"]["missing"]
    assert {
        "resource": "DeviceUseStatement",
        "kind": "resource",
        "value": "DeviceUseStatement",
        "expectation": "SHOULD",
    } in missing


def test_an_r5_statement_is_stored_with_the_coverage_of_its_r4_twin():
    product = ProductFactory()
    r4 = ingest(product, json.dumps(_bgz_server("4.0.1")).encode(), source="upload")
    r5 = ingest(product, json.dumps(_bgz_server("5.0.0")).encode(), source="upload")
    assert r5.fhir_version == "5.0.0"
    assert r5.coverage["bgz"]["should_met"] == r4.coverage["bgz"]["should_met"]
    assert r5.coverage["bgz"]["shall_met"] == r4.coverage["bgz"]["shall_met"]


def _requirements_statement():
    document = copy.deepcopy(_bgz_server("4.0.1"))
    document["kind"] = "requirements"
    return json.dumps(document).encode()


def test_a_requirements_statement_is_refused_by_ingest_the_command_and_the_api(
    tmp_path, reference_data
):
    product = ProductFactory(slug="demo-zis")
    with pytest.raises(CapabilityStatementError, match="requirements"):
        ingest(product, _requirements_statement(), source="upload")

    path = tmp_path / "requirements.json"
    path.write_bytes(_requirements_statement())
    with pytest.raises(CommandError, match="requirements"):
        call_command("ingest_capability_statement", "--product", "demo-zis", str(path))

    representative = UserFactory()
    add_vendor_representative(vendor=product.vendor, user=representative)
    client = APIClient()
    client.force_authenticate(representative)
    response = client.post(
        "/api/v1/products/demo-zis/capability-statements/",
        _requirements_statement(),
        content_type="application/json",
    )
    assert response.status_code == 400 and "requirements" in response.json()["detail"]
    assert not CapabilityStatementVersion.objects.filter(product=product).exists()
