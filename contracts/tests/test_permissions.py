"""Only members of the owning organisation see a contract; only its procurement
specialists and admins may change it. Everyone else gets 404, superusers included."""

import pytest
from django.urls import reverse

from contracts.tests.factories import ContractFactory
from portal.models import Membership, Organization
from portal.permissions import has_perm
from portal.services import change_member_role, remove_member
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def world():
    org_a = OrganizationFactory(name="Ziekenhuis A", slug="ziekenhuis-a")
    org_b = OrganizationFactory(name="Ziekenhuis B", slug="ziekenhuis-b")
    association = OrganizationFactory(
        name="Vereniging", slug="vereniging", type=Organization.Type.USER_ASSOCIATION, sector=""
    )
    policy = OrganizationFactory(
        name="Ministerie", slug="ministerie", type=Organization.Type.POLICY_BODY, sector=""
    )
    contract = ContractFactory(organization=org_a, reference="A-001")
    other = ContractFactory(organization=org_b, reference="B-001")
    rep = UserFactory(username="rep")
    add_vendor_representative(vendor=contract.vendor, user=rep)
    users = {
        "procurement_a": member(org_a, Role.PROCUREMENT_SPECIALIST, username="inkoper-a"),
        "admin_a": member(org_a, Role.ORGANIZATION_ADMIN, username="admin-a"),
        "viewer_a": member(org_a, Role.VIEWER, username="viewer-a"),
        "coordinator_a": member(org_a, Role.COALITION_COORDINATOR, username="coord-a"),
        "procurement_b": member(org_b, Role.PROCUREMENT_SPECIALIST, username="inkoper-b"),
        "association_coordinator": member(
            association, Role.COALITION_COORDINATOR, username="coord"
        ),
        "policy_analyst": member(policy, Role.POLICY_ANALYST, username="analist"),
        "vendor_representative": rep,
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    return {"contract": contract, "other": other, "users": users, "org_a": org_a}


# role -> (may view contract of org A, may change it)
EXPECTED = {
    "procurement_a": (True, True),
    "admin_a": (True, True),
    "viewer_a": (True, False),
    "coordinator_a": (True, False),
    "procurement_b": (False, False),
    "association_coordinator": (False, False),
    "policy_analyst": (False, False),
    "vendor_representative": (False, False),
    "superuser": (False, False),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_object_permissions_per_role(world, role):
    user = world["users"][role]
    may_view, may_change = EXPECTED[role]
    contract = world["contract"]
    assert has_perm(user, "contracts.view_contract", contract) is may_view
    assert has_perm(user, "contracts.change_contract", contract) is may_change
    assert has_perm(user, "contracts.delete_contract", contract) is may_change


@pytest.mark.parametrize("role", EXPECTED)
def test_contract_page_is_404_for_everyone_but_members(client, world, role):
    client.force_login(world["users"][role])
    response = client.get(reverse("contract_detail", args=[world["contract"].pk]))
    assert response.status_code == (200 if EXPECTED[role][0] else 404)
    if response.status_code == 200:
        assert "A-001" in response.content.decode()


@pytest.mark.parametrize("role", EXPECTED)
def test_contract_list_shows_own_organisation_only(client, world, role):
    client.force_login(world["users"][role])
    html = client.get(reverse("contract_list")).content.decode()
    assert ("A-001" in html) is EXPECTED[role][0]
    assert ("B-001" in html) is (role == "procurement_b")


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("contract_detail", args=[world["contract"].pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert has_perm(None, "contracts.view_contract", world["contract"]) is False


def test_role_change_and_leaving_update_access(world):
    user = world["users"]["viewer_a"]
    contract = world["contract"]
    membership = Membership.objects.get(user=user, organization=world["org_a"])
    change_member_role(membership=membership, role=Role.PROCUREMENT_SPECIALIST)
    user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    assert has_perm(user, "contracts.change_contract", contract)
    change_member_role(membership=membership, role=Role.VIEWER)
    user = type(user).objects.get(pk=user.pk)
    assert not has_perm(user, "contracts.change_contract", contract)
    remove_member(membership=membership)
    user = type(user).objects.get(pk=user.pk)
    assert not has_perm(user, "contracts.view_contract", contract)


def test_contract_list_queries_are_bounded(client, world, django_assert_max_num_queries):
    for n in range(30):
        ContractFactory(
            organization=world["org_a"],
            vendor=world["contract"].vendor,
            category=world["contract"].category,
            reference=f"A-1{n:02d}",
        )
    client.force_login(world["users"]["procurement_a"])
    # 15: one of them asks whether this log-in needs a second factor (portal.two_factor),
    # one whether the menu shows the AI register (airegister.access), one which
    # organisations the list holds (named once above the table when one); two find the
    # knowledge base's menu link (its page and the site root, then cached: knowledge.links).
    with django_assert_max_num_queries(17):
        response = client.get(reverse("contract_list"))
    assert response.content.decode().count("A-1") == 30
