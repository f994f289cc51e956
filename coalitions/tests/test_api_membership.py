"""Membership through the API, under the page's rules: coordinators invite and decide
requests; the organisation itself accepts, refuses or leaves; outsiders of a private
coalition get a 404, and a refused write changes nothing."""

import pytest
from rest_framework.test import APIClient

from coalitions.models import CoalitionMember
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db
URL = "/api/v1/coalitions/samen-epd/"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def people(coalition):
    hospital = OrganizationFactory(slug="zh", name="Ziekenhuis Zuid")
    clinic = OrganizationFactory(slug="kliniek", name="Kliniek Noord")
    return {
        "coordinator": coalition.created_by,
        "hospital": member(hospital, Membership.Role.PROCUREMENT_SPECIALIST, username="zh"),
        "hospital_viewer": member(hospital, Membership.Role.VIEWER, username="zh-lezer"),
        "clinic": member(clinic, Membership.Role.PROCUREMENT_SPECIALIST, username="kl"),
    }


def status_of(slug):
    return CoalitionMember.objects.get(coalition__slug="samen-epd", organization__slug=slug).status


def test_invite_accept_request_approve_and_leave(people):
    coordinator = api(people["coordinator"])
    invited = coordinator.post(URL + "invitations/", {"organization": "zh"}, format="json")
    assert invited.status_code == 201, invited.content
    assert invited.json() == {
        "organization": "zh",
        "role": "member",
        "status": "invited",
        "decided_at": None,
    }
    accepted = api(people["hospital"]).post(URL + "members/zh/accept/")
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"

    asked = api(people["clinic"]).post(URL + "join-requests/", {"organization": "kliniek"})
    assert asked.status_code == 201 and status_of("kliniek") == "requested"
    approved = coordinator.post(URL + "members/kliniek/approve/")
    assert approved.status_code == 200 and status_of("kliniek") == "active"

    left = api(people["hospital"]).post(URL + "members/zh/leave/")
    assert left.status_code == 200 and status_of("zh") == "left"


def test_who_may_decide_what(people):
    coordinator = api(people["coordinator"])
    coordinator.post(URL + "invitations/", {"organization": "zh"}, format="json")
    # only the invited organisation accepts; a coordinator cannot accept for it
    assert coordinator.post(URL + "members/zh/accept/").status_code == 404
    # a viewer does not act for its organisation in coalitions
    assert api(people["hospital_viewer"]).post(URL + "members/zh/accept/").status_code == 404
    # only coordinators invite and approve
    clinic = api(people["clinic"])
    assert clinic.post(URL + "invitations/", {"organization": "kliniek"}).status_code == 404
    assert clinic.post(URL + "join-requests/", {"organization": "zh"}).status_code == 404
    clinic.post(URL + "join-requests/", {"organization": "kliniek"})
    assert api(people["hospital"]).post(URL + "members/kliniek/approve/").status_code == 404
    assert status_of("zh") == "invited" and status_of("kliniek") == "requested"


def test_refusals_say_why_and_change_nothing(people, coalition):
    coordinator = api(people["coordinator"])
    assert coordinator.post(URL + "invitations/", {"organization": "nobody"}).status_code == 400
    last_coordinator = coordinator.post(URL + "members/coord/leave/")
    assert last_coordinator.status_code == 400
    assert "laatste coördinator" in last_coordinator.json()["detail"][0]  # Dutch by default
    assert status_of("coord") == "active"
    nothing_to_decide = coordinator.post(URL + "members/coord/approve/")
    assert nothing_to_decide.status_code == 400

    coalition.visibility = "private"
    coalition.save(update_fields=["visibility"])
    # a private coalition does not exist for outsiders
    asked = api(people["clinic"]).post(URL + "join-requests/", {"organization": "kliniek"})
    assert asked.status_code == 404
    assert not CoalitionMember.objects.filter(organization__slug="kliniek").exists()
