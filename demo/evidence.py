"""Fictional evidence for the demo vendors: standard claims, certificates (some
expired), openness signals and FHIR CapabilityStatements built from the shipped
requirement sets with random gaps. Deterministic for a seed; products that already have
a score are left alone, so a second run adds nothing."""

import json
import random
from datetime import timedelta

from django.db import transaction

from vendors.capability import ingest, requirement_sets
from vendors.models import (
    CapabilityStatementVersion,
    InteroperabilityScore,
    Product,
    Standard,
)
from vendors.models.evidence import Certificate, StandardClaim
from vendors.rescoring import rescore_products

# Categories whose products speak FHIR in the demo, and the standards they may claim.
FHIR_PARENTS = {"epd-zis", "patientportaal", "beeld", "laboratorium", "apotheek"}
CLAIMABLE = ["hl7-fhir-r4", "nictiz-bgz", "nictiz-eoverdracht", "nictiz-medmij", "nen-7510"]
CERTIFIED_BY = {
    "nictiz-bgz": (Certificate.Kind.NICTIZ_QUALIFICATION, "Nictiz (fictief)"),
    "nictiz-medmij": (Certificate.Kind.MEDMIJ_LABEL, "MedMij (fictief)"),
    "nen-7510": (Certificate.Kind.NEN_7510, "Certificerende instelling (fictief)"),
}


def _statement(rng, product):
    """A server statement offering most of every requirement set's items."""
    resources = {}
    for requirement_set in requirement_sets().values():
        for item in requirement_set["resources"]:
            if rng.random() < 0.15:
                continue  # a gap the coverage will report
            entry = resources.setdefault(
                item["type"], {"interaction": set(), "searchParam": set(), "profiles": set()}
            )
            entry["interaction"] |= {v for v, _ in item["interactions"] if rng.random() < 0.9}
            entry["searchParam"] |= {v for v, _ in item["search_params"] if rng.random() < 0.85}
            entry["profiles"] |= {v for v, _ in item["profiles"] if rng.random() < 0.6}
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-01-15",
        "kind": "instance",
        "software": {"name": product.name, "version": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}"},
        "fhirVersion": "4.0.1",
        "format": ["json"],
        "rest": [
            {
                "mode": "server",
                "resource": [
                    {
                        "type": kind,
                        "interaction": [{"code": c} for c in sorted(entry["interaction"])],
                        "searchParam": [
                            {"name": n, "type": "token"} for n in sorted(entry["searchParam"])
                        ],
                        **(
                            {"supportedProfile": sorted(entry["profiles"])}
                            if entry["profiles"]
                            else {}
                        ),
                    }
                    for kind, entry in sorted(resources.items())
                ],
            }
        ],
    }


@transaction.atomic
def seed_evidence(seed, today):
    """Returns the number of products that got evidence in this run."""
    standards = Standard.objects.in_bulk(CLAIMABLE, field_name="code")
    done = set(InteroperabilityScore.objects.values_list("product_id", flat=True))
    products = Product.objects.select_related("vendor", "category__parent").order_by("slug")
    seeded = []
    for product in products:
        if product.pk in done:
            continue
        rng = random.Random(f"{seed}:evidence:{product.slug}")
        speaks_fhir = (
            product.category.parent.slug in FHIR_PARENTS if product.category.parent else False
        )
        product.api_docs_url = (
            f"https://docs.example.org/{product.slug}" if rng.random() < 0.5 else ""
        )
        product.api_access_free = rng.random() < 0.4
        product.bulk_export = rng.random() < 0.3
        product.save(update_fields=["api_docs_url", "api_access_free", "bulk_export"])
        candidates = CLAIMABLE if speaks_fhir else ["nen-7510"]
        for code in candidates:
            if rng.random() < (0.7 if speaks_fhir else 0.4):
                StandardClaim.objects.create(product=product, standard=standards[code])
                if code in CERTIFIED_BY and rng.random() < 0.35:
                    kind, issuer = CERTIFIED_BY[code]
                    start = today - timedelta(days=rng.randint(30, 900))
                    Certificate.objects.create(
                        vendor=product.vendor,
                        product=product,
                        standard=standards[code],
                        kind=kind,
                        issuer=issuer,
                        number=f"DEMO-{rng.randint(1000, 9999)}",
                        valid_from=start,
                        valid_until=start + timedelta(days=rng.choice([365, 730, 1095])),
                    )
        if speaks_fhir and rng.random() < 0.6:
            data = json.dumps(_statement(rng, product)).encode()
            ingest(product, data, source=CapabilityStatementVersion.Source.UPLOAD)
        seeded.append(product)
    rescore_products(seeded, day=today)
    return len(seeded)
