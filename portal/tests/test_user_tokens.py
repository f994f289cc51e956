"""A member's user token (`Authorization: Token <key>`) stands for the password alone: it
opens the API only for users without a second factor."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from contracts.tests.factories import ContractFactory
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, authenticator_for, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital():
    organisation = OrganizationFactory(slug="zh")
    ContractFactory(organization=organisation, reference="GEHEIM-1")
    return organisation


def with_token(user):
    return APIClient(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def test_a_member_without_a_second_factor_uses_the_api_with_a_user_token(hospital):
    response = with_token(member(hospital)).get("/api/v1/contracts/")
    assert response.status_code == 200
    assert "GEHEIM-1" in response.content.decode()


def test_an_organisation_admins_token_does_not_skip_the_second_factor(hospital):
    admin = member(hospital, Membership.Role.ORGANIZATION_ADMIN)
    api = with_token(admin)
    for response in (
        api.get("/api/v1/contracts/"),
        api.post("/api/v1/contracts/", {"reference": "X"}, format="json"),
    ):
        assert response.status_code == 401
        assert "GEHEIM-1" not in response.content.decode()
        assert "tweede factor" in response.json()["detail"]


def test_a_member_who_switched_the_second_factor_on_cannot_use_a_user_token(hospital):
    user = member(hospital)
    authenticator_for(user)
    assert with_token(user).get("/api/v1/contracts/").status_code == 401


def test_staff_tokens_are_refused(hospital):
    user = member(hospital, is_staff=True)
    assert with_token(user).get("/api/v1/contracts/").status_code == 401
