"""The published interoperability score follows the evidence on every path that changes
it: statements by command, API and self-service page; claims added and removed; customer
reviews; certificates added, starting or ending (the daily command); a new scoring method
made live; old statements compared again under the R5 name mapping.

Worked figures, live method v1 (claims 50, coverage 35, openness 15; a claim counts 0.3
self-declared, 0.7 confirmed, 1.0 certified, 6 counts give full marks; coverage per set is
0.75 x SHALL met + 0.25 x SHOULD met, averaged over the 3 sets). The test product has only
"API access without an extra fee" of the three openness signals: 15 x 1/3 = 5.0 points."""

import copy
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from contracts.tests.factories import ContractFactory
from portal.models import Membership
from portal.tests.factories import UserFactory, member
from vendors.capability import all_coverage, ingest, requirement_sets
from vendors.models import CapabilityStatementVersion, ScoringMethod, Standard
from vendors.models.evidence import Certificate, StandardClaim
from vendors.models.scoring import default_weights
from vendors.rescoring import rescore_products
from vendors.scoring import interoperability
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory
from vendors.tests.test_fhir_versions import _bgz_server  # all of BgZ but profiles

pytestmark = pytest.mark.django_db


def published(product):
    """The stored score of the live method, checked against the method itself."""
    method = ScoringMethod.objects.live()
    stored = product.scores.get(method=method).score
    product.refresh_from_db()
    assert stored == interoperability(product, method, timezone.localdate())[0]
    return stored


def statement(resources, fhir_version="4.0.1"):
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-01",
        "kind": "instance",
        "fhirVersion": fhir_version,
        "format": ["json"],
        "rest": [{"mode": "server", "resource": resources}],
    }


def rich_statement():
    """Every item of every requirement set: coverage 1.0 in each."""
    offered = {}
    for requirement_set in requirement_sets().values():
        for item in requirement_set["resources"]:
            entry = offered.setdefault(item["type"], [set(), set(), set()])
            entry[0] |= {v for v, _ in item["interactions"]}
            entry[1] |= {v for v, _ in item["search_params"]}
            entry[2] |= {v for v, _ in item["profiles"]}
    return statement(
        [
            {
                "type": kind,
                "interaction": [{"code": c} for c in sorted(i)],
                "searchParam": [{"name": n, "type": "token"} for n in sorted(s)],
                **({"supportedProfile": sorted(p)} if p else {}),
            }
            for kind, (i, s, p) in sorted(offered.items())
        ]
    )


# Only Binary with read: BgZ 0, eOverdracht 0; MedMij 2 of 9 SHALL (Binary, its read),
# 0 of 12 SHOULD: 0.75 x 2/9 = 0.1667. Coverage (0 + 0 + 0.1667) / 3 = 0.05557.
MINIMAL = statement([{"type": "Binary", "interaction": [{"code": "read"}]}])


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return path


@pytest.fixture
def product(reference_data):
    return ProductFactory(slug="weergave", api_access_free=True)


@pytest.fixture
def rep(product):
    user = UserFactory(username="vertegenwoordiger")
    add_vendor_representative(vendor=product.vendor, user=user)
    return user


def test_command_rich_then_minimal_statement(product, tmp_path):
    call_command(
        "ingest_capability_statement",
        "--product",
        "weergave",
        write(tmp_path, "rich.json", rich_statement()),
        stdout=open("/dev/null", "w"),
    )  # noqa: SIM115
    assert published(product) == Decimal("40.0")  # 35 x 1.0 + 5.0
    call_command(
        "ingest_capability_statement",
        "--product",
        "weergave",
        write(tmp_path, "minimal.json", MINIMAL),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert published(product) == Decimal("6.9")  # 35 x 0.05557 = 1.94, + 5.0 = 6.94


def test_refused_statement_by_command_changes_no_score(product, tmp_path):
    rescore_products([product])
    assert published(product) == Decimal("5.0")
    with pytest.raises(CommandError, match="CapabilityStatement"):
        call_command(
            "ingest_capability_statement",
            "--product",
            "weergave",
            write(tmp_path, "patient.json", {"resourceType": "Patient"}),
        )
    assert published(product) == Decimal("5.0") and not product.capability_statements.exists()


def test_api_statement_and_claim(product, rep):
    api = APIClient()
    api.force_authenticate(rep)
    response = api.post(
        "/api/v1/products/weergave/capability-statements/",
        data=json.dumps(MINIMAL),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert published(product) == Decimal("6.9")
    response = api.post("/api/v1/products/weergave/claims/", {"standard": "nictiz-bgz"})
    assert response.status_code == 201, response.content
    # claims 0.3 / 6 = 0.05 -> 50 x 0.05 = 2.5; 1.94 + 2.5 + 5.0 = 9.44
    assert published(product) == Decimal("9.4")


def test_self_service_statement_claim_added_and_removed(client, product, rep):
    client.force_login(rep)
    upload = SimpleUploadedFile("rich.json", json.dumps(rich_statement()).encode())
    response = client.post(reverse("vendor_statement_add", args=["weergave"]), {"file": upload})
    assert response.status_code == 302
    assert published(product) == Decimal("40.0")
    fhir = Standard.objects.get(code="hl7-fhir-r4")
    client.post(reverse("vendor_claim_add", args=["weergave"]), {"standard": fhir.pk})
    assert published(product) == Decimal("42.5")  # + 50 x 0.3/6 = 2.5
    claim = product.claims.get()
    client.post(reverse("vendor_claim_remove", args=["weergave", claim.pk]))
    assert published(product) == Decimal("40.0")


def test_customer_confirms_then_disputes(client, product):
    claim = StandardClaim.objects.create(
        product=product, standard=Standard.objects.get(code="nictiz-bgz")
    )
    rescore_products([product])
    assert published(product) == Decimal("7.5")  # 50 x 0.3/6 = 2.5, + 5.0
    contract = ContractFactory(
        vendor=product.vendor,
        category=product.category,
        start_date=date(2024, 1, 1),
        end_date=date(2099, 12, 31),
    )
    contract.products.set([product])
    client.force_login(member(contract.organization, Membership.Role.PROCUREMENT_SPECIALIST))
    url = reverse("claim_review", args=["weergave", claim.pk])
    client.post(url, {"verdict": "confirm"})
    assert published(product) == Decimal("10.8")  # 50 x 0.7/6 = 5.83, + 5.0 = 10.83
    client.post(url, {"verdict": "dispute"})  # replaces the organisation's review
    assert published(product) == Decimal("7.5")


def test_certificate_added_on_the_self_service_page(client, product, rep):
    bgz = Standard.objects.get(code="nictiz-bgz")
    StandardClaim.objects.create(product=product, standard=bgz)
    rescore_products([product])
    client.force_login(rep)
    today = timezone.localdate()
    response = client.post(
        reverse("vendor_certificate_add", args=["weergave"]),
        {
            "standard": bgz.pk,
            "kind": "nictiz_qualification",
            "issuer": "Nictiz",
            "number": "KWAL-1",
            "valid_from": (today - timedelta(days=10)).isoformat(),
            "valid_until": (today + timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert published(product) == Decimal("13.3")  # 50 x 1.0/6 = 8.33, + 5.0 = 13.33


def _certificate(product, standard, valid_from, valid_until):
    return Certificate.objects.create(
        vendor=product.vendor,
        product=product,
        standard=standard,
        kind=Certificate.Kind.NICTIZ_QUALIFICATION,
        issuer="Nictiz",
        number="KWAL-2",
        valid_from=valid_from,
        valid_until=valid_until,
    )


def test_daily_command_follows_certificates_ending_and_starting(product):
    """Scores published yesterday, when one certificate still ran and another had not
    started, are brought in line by the daily run today, with no write in between."""
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    bgz, medmij = (Standard.objects.get(code=c) for c in ("nictiz-bgz", "nictiz-medmij"))
    StandardClaim.objects.create(product=product, standard=bgz)
    StandardClaim.objects.create(product=product, standard=medmij)
    _certificate(product, bgz, date(2025, 1, 1), yesterday)  # ends: last valid yesterday
    starting = ProductFactory(api_access_free=True)
    StandardClaim.objects.create(product=starting, standard=medmij)
    _certificate(starting, medmij, today, today + timedelta(days=365))  # starts today
    rescore_products([product, starting], day=yesterday)
    method = ScoringMethod.objects.live()
    # yesterday: bgz certified 1.0 + medmij self-declared 0.3 = 1.3 / 6 -> 10.83 + 5.0;
    # the other: medmij self-declared 0.3 / 6 -> 2.5 + 5.0
    assert product.scores.get(method=method).score == Decimal("15.8")
    assert starting.scores.get(method=method).score == Decimal("7.5")
    call_command("recompute_scores", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert published(product) == Decimal("10.0")  # 0.6 / 6 -> 5.0, + 5.0
    assert published(starting) == Decimal("13.3")  # 1.0 / 6 -> 8.33, + 5.0


def test_a_new_method_made_live_in_the_cms_rescores_every_product(client, product):
    StandardClaim.objects.create(product=product, standard=Standard.objects.get(code="nen-7510"))
    other = ProductFactory(bulk_export=True)
    rescore_products([product, other])
    assert (published(product), published(other)) == (Decimal("7.5"), Decimal("5.0"))
    editor = UserFactory(username="redacteur")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    weights = {**default_weights(), "claims": 40, "openness": 25}
    response = client.post(
        "/cms/snippets/vendors/scoringmethod/add/",
        {"name": "Meer gewicht op openheid", "notes": "", "weights": json.dumps(weights)},
    )
    assert response.status_code == 302
    assert ScoringMethod.objects.live().version == 2
    # 40 x 0.05 = 2.0, + 25 x 1/3 = 8.33 -> 10.33; the other: 25 x 1/3 = 8.33
    assert (published(product), published(other)) == (Decimal("10.3"), Decimal("8.3"))


def test_openness_changed_in_the_cms_rescores_the_product(admin_client, product):
    rescore_products([product])
    response = admin_client.post(
        f"/cms/snippets/vendors/product/edit/{product.pk}/",
        {
            "vendor": product.vendor_id,
            "category": product.category_id,
            "name": product.name,
            "slug": product.slug,
            "deployment": product.deployment,
            "api_access_free": "on",
            "bulk_export": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert published(product) == Decimal("10.0")  # 15 x 2/3


def test_old_r5_statement_is_compared_again_like_r4(product):
    """An R5 statement stored before the R5 mapping lacked DeviceUsage (compared under the
    R4 name); recompute_scores compares it again and it covers BgZ as the R4 one does.

    BgZ: 31 of 31 SHALL, 22 of 25 SHOULD (no profiles): 0.75 + 0.25 x 0.88 = 0.97
    (stored before the mapping: 19 of 25, 0.94). eOverdracht: 12/17 SHALL, 6/11 SHOULD:
    0.6658. MedMij: 5/9 SHALL, 9/12 SHOULD: 0.6042. (0.97 + 0.6658 + 0.6042) / 3 = 0.7467;
    35 x 0.7467 = 26.13, + 5.0 openness = 31.1."""
    r4_product = ProductFactory(api_access_free=True)
    ingest(r4_product, json.dumps(_bgz_server("4.0.1")).encode(), source="upload")
    r5_document = _bgz_server("5.0.0")
    old = ingest(product, json.dumps(r5_document).encode(), source="upload")
    # as stored before the mapping: compared with R4 names, no basis kept
    CapabilityStatementVersion.objects.filter(pk=old.pk).update(
        coverage=all_coverage({**copy.deepcopy(r5_document), "fhirVersion": "4.0.1"}),
        coverage_basis="",
    )
    old.refresh_from_db()
    assert old.coverage["bgz"]["should_met"] == 19
    call_command("recompute_scores", stdout=open("/dev/null", "w"))  # noqa: SIM115
    old.refresh_from_db()
    r4 = r4_product.capability_statements.get()
    assert old.coverage == r4.coverage and old.coverage["bgz"]["should_met"] == 22
    assert published(product) == published(r4_product) == Decimal("31.1")
