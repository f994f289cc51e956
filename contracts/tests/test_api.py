"""The contract API: an organisation's systems (organisation token) and its members
manage its own contracts; nobody else sees them."""

import pytest
from rest_framework.test import APIClient

from contracts.models import Contract, OrganizationApiToken
from contracts.services import issue_api_token, revoke_api_token
from contracts.tests.factories import ContractFactory
from portal.models import AuditEvent, Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative

pytestmark = pytest.mark.django_db

NEW = {
    "reference": "API-1",
    "vendor": "zorgsoft-een",
    "category": "epd-ziekenhuis",
    "products": ["zorgsoft-epd"],
    "start_date": "2025-01-01",
    "end_date": "2029-12-31",
    "initial_term_months": 60,
    "notice_period_months": 12,
    "auto_renewal": True,
    "renewal_term_months": 12,
    "status": "active",
    "lines": [
        {"cost_type": "subscription", "amount": "100000.00", "frequency": "yearly"},
        {"cost_type": "implementation", "amount": "50000.00", "frequency": "once"},
    ],
    "clauses": {"exit-plan": "yes", "escrow": "no"},
}


def token_client(organization, can_write=True):
    _token, key = issue_api_token(
        organization=organization, name="ERP", created_by=None, can_write=can_write
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def user_client(user):
    """A member's browser session (both factors passed where needed): user tokens are
    refused for anyone with a second factor (portal/tests/test_user_tokens.py)."""
    client = APIClient()
    client.force_login(user)
    return client


def test_organisation_token_creates_reads_updates_and_deletes(catalogue, hospital):
    api = token_client(hospital)
    created = api.post("/api/v1/contracts/", NEW, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["organization"] == hospital.slug
    assert body["annual_cost"] == "110000.00"
    assert body["clauses"] == {"exit-plan": "yes", "escrow": "no"}
    contract_id = body["id"]
    assert api.get("/api/v1/contracts/").json()["count"] == 1
    patched = api.patch(
        f"/api/v1/contracts/{contract_id}/", {"notice_period_months": 6}, format="json"
    )
    assert patched.status_code == 200 and patched.json()["notice_period_months"] == 6
    event = AuditEvent.objects.get(action="update")
    assert event.actor_label.startswith("API-token ERP")
    assert event.api_token == OrganizationApiToken.objects.get(name="ERP")
    assert (event.before["notice_period_months"], event.after["notice_period_months"]) == (
        "12",
        "6",
    )
    assert api.delete(f"/api/v1/contracts/{contract_id}/").status_code == 204
    assert not Contract.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_label="API-1").exists()


def test_invalid_contract_is_refused_with_field_errors(catalogue, hospital):
    api = token_client(hospital)
    bad = {**NEW, "end_date": "2024-01-01"}
    response = api.post("/api/v1/contracts/", bad, format="json")
    assert response.status_code == 400
    assert "end_date" in response.json()
    negative = {**NEW, "lines": [{"cost_type": "licence", "amount": "-1", "frequency": "once"}]}
    assert api.post("/api/v1/contracts/", negative, format="json").status_code == 400
    assert not Contract.objects.exists()


@pytest.mark.parametrize("field", ["vendor", "category", "products"])
def test_a_nul_character_in_a_reference_is_refused_not_a_server_error(catalogue, hospital, field):
    """PostgreSQL cannot compare text holding NUL: the API fuzzing found a 500 there."""
    value = "zorgsoft\x00een"
    sent = {**NEW, field: [value] if field == "products" else value}
    refused = token_client(hospital).post("/api/v1/contracts/", sent, format="json")
    assert refused.status_code == 400
    assert field in refused.json()
    assert not Contract.objects.exists()


def test_contracts_of_other_organisations_do_not_exist_for_the_caller(catalogue, hospital):
    other = ContractFactory(reference="ANDER")
    api = token_client(hospital)
    assert api.get("/api/v1/contracts/").json()["count"] == 0
    assert api.get(f"/api/v1/contracts/{other.pk}/").status_code == 404
    assert api.delete(f"/api/v1/contracts/{other.pk}/").status_code == 404
    assert (
        api.post(
            "/api/v1/contracts/", {**NEW, "organization": other.organization.slug}, format="json"
        ).status_code
        == 404
    )
    assert Contract.objects.count() == 1


def test_read_only_and_revoked_tokens(catalogue, hospital):
    api = token_client(hospital, can_write=False)
    assert api.get("/api/v1/contracts/").status_code == 200
    assert api.post("/api/v1/contracts/", NEW, format="json").status_code == 403
    token = hospital.api_tokens.get()
    revoke_api_token(token=token)
    assert api.get("/api/v1/contracts/").status_code == 401
    anonymous = APIClient()
    assert anonymous.get("/api/v1/contracts/").status_code == 401
    anonymous.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert anonymous.get("/api/v1/contracts/").status_code == 401


@pytest.mark.parametrize(
    ("role", "sees", "writes"),
    [
        ("procurement", True, True),
        ("admin", True, True),
        ("viewer", True, False),
        ("other_org", False, False),
        ("policy", False, False),
        ("vendor", False, False),
        ("superuser", False, False),
    ],
)
def test_members_use_the_api_with_their_own_rights(catalogue, hospital, role, sees, writes):
    contract = ContractFactory(organization=hospital, reference="EIGEN")
    users = {
        "procurement": lambda: member(hospital, Membership.Role.PROCUREMENT_SPECIALIST),
        "admin": lambda: member(hospital, Membership.Role.ORGANIZATION_ADMIN),
        "viewer": lambda: member(hospital, Membership.Role.VIEWER),
        "other_org": lambda: member(OrganizationFactory(), Membership.Role.PROCUREMENT_SPECIALIST),
        "policy": lambda: member(
            OrganizationFactory(type=Organization.Type.POLICY_BODY, sector=""),
            Membership.Role.POLICY_ANALYST,
        ),
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
    }
    if role == "vendor":
        user = UserFactory()
        add_vendor_representative(vendor=catalogue["vendor"], user=user)
    else:
        user = users[role]()
    api = user_client(user)
    assert api.get("/api/v1/contracts/").json()["count"] == (1 if sees else 0)
    assert api.get(f"/api/v1/contracts/{contract.pk}/").status_code == (200 if sees else 404)
    response = api.patch(
        f"/api/v1/contracts/{contract.pk}/", {"notice_period_months": 3}, format="json"
    )
    assert response.status_code == (200 if writes else 404)
    created = api.post("/api/v1/contracts/", {**NEW, "organization": hospital.slug}, format="json")
    assert created.status_code == (201 if writes else 404)


def test_the_contract_api_is_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/contracts/" in schema
    assert "organisationToken" in schema
