"""The shared-applications API: care providers' members and tokens list what others
share (with the page's filters) and express or withdraw interest; nobody else gets in,
and unshared applications do not exist there."""

import pytest
from rest_framework.test import APIClient

from airegister.models import AIApplicationInterest
from airegister.sharing import set_shared
from airegister.tests.factories import application
from airegister.tests.test_api import as_user, token_client

pytestmark = pytest.mark.django_db
API = "/api/v1/ai-applications/shared/"


@pytest.fixture
def shared(world):
    return set_shared(application=world["application"], shared=True)


def names(response):
    return sorted(row["name"] for row in response.json()["results"])


@pytest.mark.parametrize(
    "role,status",
    [
        ("procurement_a", 200),
        ("viewer_a", 200),
        ("procurement_b", 200),
        ("association_coordinator", 403),
        ("policy_analyst", 403),
        ("vendor_representative", 403),
        ("superuser", 403),
    ],
)
def test_who_lists_shared_applications(world, shared, role, status):
    response = as_user(world["users"][role]).get(API)
    assert response.status_code == status
    if status == 200:
        assert names(response) == ["Geheime sepsisvoorspeller"]


def test_anonymous_is_refused():
    assert APIClient().get(API).status_code == 401


def test_only_shared_fields_and_applications_with_filters(world, shared):
    application(world["org_b"], name="Spraakverslag", purpose="documentation", shared=True)
    application(world["org_b"], name="Intern", purpose="documentation")
    client = token_client(world["org_b"], can_write=False)
    response = client.get(API)
    assert names(response) == ["Geheime sepsisvoorspeller", "Spraakverslag"]
    row = next(r for r in response.json()["results"] if r["name"] == "Spraakverslag")
    assert "owner" not in row and "last_reviewed_on" not in row and "partners" not in row
    assert row["organization"] == "ziekenhuis-b"
    assert names(client.get(API, {"purpose": "documentation"})) == ["Spraakverslag"]
    assert names(client.get(API, {"q": "sepsis"})) == ["Geheime sepsisvoorspeller"]
    assert names(client.get(API, {"phase": "idea"})) == []
    unshared = application(world["org_a"], name="Ongedeeld")
    assert client.get(f"{API}{unshared.pk}/").status_code == 404


def test_express_and_withdraw_interest(world, shared):
    client = as_user(world["users"]["procurement_b"])
    url = f"{API}{shared.pk}/interest/"
    response = client.post(url, {"kind": "co_create", "note": "Samen verder"}, format="json")
    assert response.status_code == 201
    interest = AIApplicationInterest.objects.get()
    assert (interest.organization, interest.user) == (
        world["org_b"],
        world["users"]["procurement_b"],
    )
    again = client.post(url, {"kind": "adopt"}, format="json")
    assert again.status_code == 400
    assert client.delete(url).status_code == 204
    assert not AIApplicationInterest.objects.exists()


def test_a_write_token_expresses_interest_a_read_token_may_not(world, shared):
    url = f"{API}{shared.pk}/interest/"
    refused = token_client(world["org_b"], can_write=False).post(url, {"kind": "adopt"})
    assert refused.status_code == 403
    accepted = token_client(world["org_b"]).post(url, {"kind": "adopt"}, format="json")
    assert accepted.status_code == 201
    assert AIApplicationInterest.objects.get().organization == world["org_b"]


@pytest.mark.parametrize("role", ["viewer_a", "procurement_a", "policy_analyst"])
def test_who_may_not_express_interest(world, shared, role):
    response = as_user(world["users"][role]).post(
        f"{API}{shared.pk}/interest/", {"kind": "adopt"}, format="json"
    )
    assert response.status_code in (400, 403, 404)
    assert not AIApplicationInterest.objects.exists()


def test_unmarking_hides_it_from_the_api_at_once(world, shared):
    client = as_user(world["users"]["procurement_b"])
    set_shared(application=shared, shared=False)
    assert names(client.get(API)) == []
    assert client.post(f"{API}{shared.pk}/interest/", {"kind": "adopt"}).status_code == 404
