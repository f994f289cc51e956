"""The AI-register API: an organisation's systems (organisation token) and its members
keep its own register; nobody else sees it; every write is audited."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from airegister.models import AIApplication
from contracts.services import issue_api_token
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db
API = "/api/v1/ai-applications/"


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def token_client(organization, can_write=True):
    _token, key = issue_api_token(
        organization=organization, name="Registersysteem", created_by=None, can_write=can_write
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


NEW = {
    "name": "Sepsis-alert",
    "purpose": "prediction",
    "origin": "co_created",
    "partners": ["ziekenhuis-b"],
    "phase": "implementation",
    "kind": "traditional",
    "risk_class": "high",
    "risk_reason": "Bijlage III, medisch hulpmiddel",
    "mdr_class": "IIa",
    "ce_marking": "yes",
    "owner": "Afdelingshoofd IC",
    "last_reviewed_on": "2026-01-15",
}


def test_members_list_only_their_own(world):
    body = as_user(world["users"]["viewer_a"]).get(API).json()
    assert [a["name"] for a in body["results"]] == ["Geheime sepsisvoorspeller"]
    assert body["results"][0]["vendor"] == world["product"].vendor.slug
    assert "review_due_on" in body["results"][0]
    for role in ("procurement_b", "policy_analyst", "superuser", "vendor_representative"):
        assert as_user(world["users"][role]).get(API).json()["results"] == []
    url = f"{API}{world['application'].pk}/"
    assert as_user(world["users"]["procurement_b"]).get(url).status_code == 404


def test_an_organisation_token_registers_and_the_trail_names_it(world):
    response = token_client(world["org_a"]).post(API, NEW, format="json")
    assert response.status_code == 201, response.content
    created = AIApplication.objects.get(name="Sepsis-alert")
    assert created.organization == world["org_a"]
    assert [p.slug for p in created.partners.all()] == ["ziekenhuis-b"]
    event = AuditEvent.objects.get(object_id=created.pk, action="create")
    assert event.actor_label.startswith("API-token Registersysteem")


def test_validation_errors_come_back_as_400(world):
    client = as_user(world["users"]["procurement_a"])
    response = client.post(API, {**NEW, "risk_reason": ""}, format="json")
    assert response.status_code == 400 and "risk_reason" in response.json()
    response = client.post(API, {**NEW, "partners": []}, format="json")
    assert response.status_code == 400 and "partners" in response.json()
    assert not AIApplication.objects.filter(name="Sepsis-alert").exists()


def test_a_read_only_token_and_viewers_cannot_write(world):
    assert (
        token_client(world["org_a"], can_write=False).post(API, NEW, format="json").status_code
        == 403
    )
    assert as_user(world["users"]["viewer_a"]).post(API, NEW, format="json").status_code == 403
    url = f"{API}{world['application'].pk}/"
    viewer = as_user(world["users"]["viewer_a"])
    assert viewer.patch(url, {"phase": "production"}, format="json").status_code == 404
    assert viewer.delete(url).status_code == 404
    assert AIApplication.objects.get(pk=world["application"].pk).phase == "pilot"


def test_an_editor_of_another_hospital_cannot_write_into_this_register(world):
    client = as_user(world["users"]["procurement_b"])
    response = client.post(API, {**NEW, "organization": "ziekenhuis-a", "partners": []})
    assert response.status_code in (400, 404)
    assert not AIApplication.objects.filter(organization=world["org_a"], name="Sepsis-alert")
    url = f"{API}{world['application'].pk}/"
    assert client.patch(url, {"phase": "idea"}, format="json").status_code == 404


def test_an_editor_changes_and_deletes(world):
    client = as_user(world["users"]["procurement_a"])
    url = f"{API}{world['application'].pk}/"
    response = client.patch(url, {"phase": "production"}, format="json")
    assert response.status_code == 200 and response.json()["phase"] == "production"
    assert AuditEvent.objects.filter(action="update", after={"phase": "production"}).exists()
    assert client.delete(url).status_code == 204
    assert not AIApplication.objects.filter(pk=world["application"].pk).exists()


def test_the_api_is_documented(client, world):
    schema = client.get(reverse("api_schema")).content.decode()
    assert "/api/v1/ai-applications/" in schema and "risk_class" in schema
