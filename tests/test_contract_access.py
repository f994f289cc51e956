"""Every contract page, for every role: members see their own organisation's data,
editors may change it, admins read the audit trail; nobody else sees anything."""

import pytest
from django.urls import reverse

from contracts.tests.factories import ContractFactory
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative

pytestmark = pytest.mark.django_db
Role = Membership.Role

ROLES = [
    "anonymous",
    "procurement_a",
    "admin_a",
    "viewer_a",
    "procurement_b",
    "coordinator",
    "policy_analyst",
    "vendor_representative",
    "superuser",
]


@pytest.fixture
def world(reference_data):
    org_a = OrganizationFactory(slug="org-a")
    org_b = OrganizationFactory(slug="org-b")
    contract = ContractFactory(organization=org_a, reference="GEHEIM-A")
    rep = UserFactory(username="rep")
    add_vendor_representative(vendor=contract.vendor, user=rep)
    users = {
        "procurement_a": member(org_a, Role.PROCUREMENT_SPECIALIST),
        "admin_a": member(org_a, Role.ORGANIZATION_ADMIN),
        "viewer_a": member(org_a, Role.VIEWER),
        "procurement_b": member(org_b, Role.PROCUREMENT_SPECIALIST),
        "coordinator": member(
            OrganizationFactory(type=Organization.Type.USER_ASSOCIATION, sector=""),
            Role.COALITION_COORDINATOR,
        ),
        "policy_analyst": member(
            OrganizationFactory(type=Organization.Type.POLICY_BODY, sector=""), Role.POLICY_ANALYST
        ),
        "vendor_representative": rep,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    return {"contract": contract, "users": users}


MEMBERS = {"procurement_a", "admin_a", "viewer_a"}
EDITORS = {"procurement_a", "admin_a"}


def pages(contract):
    """(url, who gets 200, what the others get when logged in)."""
    return [
        (reverse("contract_detail", args=[contract.pk]), MEMBERS, 404),
        (reverse("contract_update", args=[contract.pk]), EDITORS, 404),
        (reverse("contract_create"), EDITORS | {"procurement_b"}, 404),
        (reverse("contract_import"), EDITORS | {"procurement_b"}, 404),
        (reverse("contract_template", args=["csv"]), EDITORS | {"procurement_b"}, 404),
        (reverse("contract_export", args=["csv"]) + "?organisatie=org-a", MEMBERS, 404),
        (reverse("contract_audit", args=["org-a"]), {"admin_a"}, 404),
        (reverse("api_tokens", args=["org-a"]), {"admin_a"}, 404),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_contract_pages_per_role(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    for url, allowed, otherwise in pages(world["contract"]):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/inloggen/" in response["Location"], url
        else:
            expected = 200 if role in allowed else otherwise
            assert response.status_code == expected, (url, role)
            if expected == 200 and "export" in url:
                assert b"GEHEIM-A" in response.content


@pytest.mark.parametrize("role", ROLES[1:])
def test_lists_and_calendars_show_only_own_contracts(client, world, role):
    client.force_login(world["users"][role])
    for name in ("contract_list", "renewal_radar", "renewal_calendar"):
        body = client.get(reverse(name)).content.decode()
        assert ("GEHEIM-A" in body) is (role in MEMBERS), (name, role)
