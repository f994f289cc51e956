"""Child-process part of the vendor-score benchmark, on the national dataset:
recompute every product's interoperability score, and ingest and score a 1 MB
CapabilityStatement."""

import json
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from vendors.capability import ingest  # noqa: E402
from vendors.models import Product  # noqa: E402
from vendors.models.evidence import StandardClaim  # noqa: E402
from vendors.rescoring import rescore_products  # noqa: E402


def large_statement(target_bytes=1_000_000):
    """A valid R4 server statement of about ``target_bytes``: many resources, each with
    many interactions, search parameters and documentation."""
    resources = []
    n = 0
    while True:
        resources.append(
            {
                "type": "Basic" if n % 2 else "Observation",
                "profile": f"http://example.org/fhir/StructureDefinition/profile-{n}",
                "documentation": "Bench resource " + "x" * 200,
                "interaction": [{"code": c} for c in ("read", "vread", "search-type", "create")],
                "searchParam": [
                    {"name": f"param-{n}-{i}", "type": "token", "documentation": "y" * 60}
                    for i in range(12)
                ],
            }
        )
        n += 1
        if n % 50 == 0 and len(json.dumps(resources)) > target_bytes:
            break
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-01-01",
        "kind": "instance",
        "fhirVersion": "4.0.1",
        "format": ["json"],
        "rest": [{"mode": "server", "resource": resources}],
    }


if __name__ == "__main__":
    started = time.perf_counter()
    call_command("recompute_scores", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recompute = time.perf_counter() - started
    product = Product.objects.order_by("pk").first()
    data = json.dumps(large_statement()).encode()
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        ingest(product, data, source="upload")
        rescore_products([product], day=timezone.localdate())
        runs.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "recompute_seconds": recompute,
                "products": Product.objects.count(),
                "claims": StandardClaim.objects.count(),
                "statement_bytes": len(data),
                "statement_seconds": min(runs),
                "statement_seconds_max": max(runs),
            }
        )
    )
