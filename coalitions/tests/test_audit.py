"""Coalition writes in the one audit trail (portal.AuditEvent): membership decisions and
requirement changes, made through the pages and the API, name who acted and the old and
new values, and show on the organisation's audit page for its admins."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coalitions.models import CoalitionMember, Requirement
from portal.models import AuditEvent, Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital():
    return OrganizationFactory(slug="zh", name="Ziekenhuis Zuid")


def events_of(obj):
    return list(AuditEvent.objects.for_object(obj).order_by("at", "id"))


def test_membership_decisions_through_the_pages_are_recorded(client, coalition, hospital):
    coordinator = coalition.created_by
    buyer = member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="zh")
    client.force_login(buyer)
    client.post(reverse("coalition_request", args=["samen-epd"]), {"organisatie": "zh"})
    membership = CoalitionMember.objects.get(coalition=coalition, organization=hospital)
    client.force_login(coordinator)
    approve = reverse("coalition_member_action", args=["samen-epd", membership.pk, "goedkeuren"])
    client.post(approve)
    client.post(
        reverse("coalition_member_volume", args=["samen-epd", membership.pk]), {"volume": "12,5"}
    )

    asked, approved, volume = events_of(membership)
    assert (asked.action, asked.actor, asked.before, asked.after) == (
        "create",
        buyer,
        {},
        {"status": "requested", "role": "member"},
    )
    assert (approved.action, approved.actor, approved.before, approved.after) == (
        "update",
        coordinator,
        {"status": "requested"},
        {"status": "active", "role": "member"},
    )
    assert (volume.before, volume.after) == ({"volume": None}, {"volume": "12.5"})
    assert {e.organization for e in (asked, approved, volume)} == {hospital}


def test_membership_decisions_through_the_api_are_recorded(coalition, hospital):
    buyer = member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="zh")
    coordinator = APIClient()
    coordinator.force_authenticate(coalition.created_by)
    coordinator.post("/api/v1/coalitions/samen-epd/invitations/", {"organization": "zh"})
    own = APIClient()
    own.force_authenticate(buyer)
    own.post("/api/v1/coalitions/samen-epd/members/zh/accept/")
    own.post("/api/v1/coalitions/samen-epd/members/zh/leave/")

    membership = CoalitionMember.objects.get(coalition=coalition, organization=hospital)
    trail = [
        (e.actor.username, e.before.get("status"), e.after["status"]) for e in events_of(membership)
    ]
    assert trail == [
        ("coord-user", None, "invited"),
        ("zh", "invited", "active"),
        ("zh", "active", "left"),
    ]


def test_requirement_changes_are_recorded_and_shown_to_the_admins(client, coalition):
    coordinator = coalition.created_by
    client.force_login(coordinator)
    requirements = reverse("coalition_requirements", args=["samen-epd"])
    client.post(requirements, {"text": "Exporteert alle dossiers", "priority": "must"})
    requirement = Requirement.objects.get(coalition=coalition)
    detail = reverse("coalition_requirement", args=["samen-epd", requirement.pk])
    client.post(detail, {"text": "Exporteert alle dossiers in FHIR", "priority": "should"})
    client.post(reverse("coalition_requirement_delete", args=["samen-epd", requirement.pk]))

    added, changed, deleted = events_of(requirement)
    assert added.action == "create" and added.after["text"] == "Exporteert alle dossiers"
    assert (changed.before, changed.after) == (
        {"text": "Exporteert alle dossiers", "priority": "must"},
        {"text": "Exporteert alle dossiers in FHIR", "priority": "should"},
    )
    assert deleted.action == "delete" and deleted.before["priority"] == "should"
    assert {e.actor for e in (added, changed, deleted)} == {coordinator}

    admin = member(
        coalition.members.get().organization, Membership.Role.ORGANIZATION_ADMIN, username="beheer"
    )
    client.force_login(admin)
    page = client.get(reverse("contract_audit", args=["coord"])).content.decode()
    assert "Exporteert alle dossiers in FHIR" in page and "coord-user" in page
