"""The coalitions API under the pages' rules: private coalitions do not exist for
outsiders (404), members read members, requirements and answers, editors of member
organisations add requirements, vendors see and answer only their own requests."""

import pytest
from rest_framework.test import APIClient

from coalitions import requirements, rfi, services
from coalitions.models import Coalition
from coalitions.tests.conftest import join
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative
from vendors.tests.factories import VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coalition, reference_data):
    Coalition.objects.filter(pk=coalition.pk).update(visibility="private")
    coalition.refresh_from_db()
    hospital = OrganizationFactory(slug="zh", name="Ziekenhuis Geheim")
    join(coalition, hospital)
    services.advance(coalition, "requirements", user=coalition.created_by)
    requirement = requirements.add_requirement(
        coalition, organization=hospital, text="Exitplan", priority="must"
    )
    vendors = [VendorFactory(slug="lev-a"), VendorFactory(slug="lev-b")]
    reps = [UserFactory(username="rep-a"), UserFactory(username="rep-b")]
    for vendor, rep in zip(vendors, reps, strict=True):
        add_vendor_representative(vendor=vendor, user=rep)
    request = rfi.invite_vendor(coalition, vendors[0], user=coalition.created_by)
    return {
        "coalition": coalition,
        "requirement": requirement,
        "request": request,
        "buyer": member(hospital, username="zh-inkoper"),
        "viewer": member(hospital, Membership.Role.VIEWER, username="zh-lezer"),
        "outsider": member(OrganizationFactory(slug="buiten"), username="buiten"),
        "rep_a": reps[0],
        "rep_b": reps[1],
    }


def api(user=None):
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


MEMBER_URLS = [
    "/api/v1/coalitions/samen-epd/",
    "/api/v1/coalitions/samen-epd/members/",
    "/api/v1/coalitions/samen-epd/requirements/",
    "/api/v1/coalitions/samen-epd/vendor-answers/",
    "/api/v1/coalitions/samen-epd/demand/",
]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "rep_a", "rep_b"])
def test_a_private_coalition_does_not_exist_for_outsiders_and_vendors(world, who):
    client = api(world.get(who))
    assert "samen-epd" not in client.get("/api/v1/coalitions/").content.decode()
    for url in MEMBER_URLS:
        assert client.get(url).status_code == 404, url


def test_members_read_members_requirements_and_answers(world):
    rfi.save_answers(world["request"], {world["requirement"].pk: ("partly", "Deels")})
    client = api(world["viewer"])
    assert [c["slug"] for c in client.get("/api/v1/coalitions/").json()["results"]] == ["samen-epd"]
    members = client.get("/api/v1/coalitions/samen-epd/members/").json()
    assert {(m["organization"], m["role"]) for m in members} == {
        ("coord", "coordinator"),
        ("zh", "member"),
    }
    [requirement] = client.get("/api/v1/coalitions/samen-epd/requirements/").json()
    assert (requirement["number"], requirement["priority"]) == (1, "must")
    [answer] = client.get("/api/v1/coalitions/samen-epd/vendor-answers/").json()
    assert (answer["vendor"], answer["requirement"], answer["answer"]) == ("lev-a", 1, "partly")


def test_editors_of_members_add_requirements_viewers_do_not(world):
    url = "/api/v1/coalitions/samen-epd/requirements/"
    body = {"text": "FHIR BgZ", "priority": "should", "standards": ["hl7-fhir-r4"]}
    assert api(world["viewer"]).post(url, body, format="json").status_code == 404
    assert api(world["outsider"]).post(url, body, format="json").status_code == 404
    created = api(world["buyer"]).post(url, body, format="json")
    assert created.status_code == 201 and created.json()["number"] == 2
    assert created.json()["standards"] == ["hl7-fhir-r4"]
    bad = api(world["buyer"]).post(url, {"text": "x", "priority": "soms"}, format="json")
    assert bad.status_code == 400


def test_vendors_read_and_answer_their_own_requests_only(world, mailoutbox):
    mine = api(world["rep_a"]).get("/api/v1/vendor-requests/").json()
    assert [r["coalition"] for r in mine] == ["Samen EPD"]
    assert "Ziekenhuis Geheim" not in str(mine)  # never the members
    assert api(world["rep_b"]).get("/api/v1/vendor-requests/").json() == []
    assert api(world["buyer"]).get("/api/v1/vendor-requests/").status_code == 403
    url = f"/api/v1/vendor-requests/{world['request'].pk}/answers/"
    answer = [{"requirement": world["requirement"].pk, "answer": "complies", "comment": "Ja"}]
    assert api(world["rep_b"]).post(url, answer, format="json").status_code == 404
    response = api(world["rep_a"]).post(url, answer, format="json")
    assert response.status_code == 200
    assert response.json()["answers"][0]["answer"] == "complies"
    wrong = [{"requirement": 999999, "answer": "complies"}]
    assert api(world["rep_a"]).post(url, wrong, format="json").status_code == 400


def test_demand_comes_from_the_release_with_its_date(world):
    """Before the first release the API says so; after it, the release's figures:
    protected totals (withheld here: one buying member) and the market share as a band."""
    from coalitions.tests.conftest import joined_long_ago, release

    url = "/api/v1/coalitions/samen-epd/demand/"
    before = api(world["viewer"]).get(url).json()
    assert before["release"] is None and before["reason"]
    joined_long_ago(world["coalition"])
    release()
    found = api(world["viewer"]).get(url).json()
    assert found["release"]["as_of"] == "2026-11-22" and found["reason"] == ""
    assert found["members"] == 2  # the coordinating hospital and "zh"
    assert found["spend"] == {"value": None, "reason": "minder dan 5 organisaties"}
    assert set(found["market_share"]) == {"by_spend", "by_beds", "limit_percent", "exceeded"}
    assert found["market_share"]["limit_percent"] == "15"
