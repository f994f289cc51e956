"""portal.permissions answers as guardian's get_objects_for_user does under the portal's
rules (members-only data, no global permissions, nothing for inactive users), for
people and for organisation tokens, in one query."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from guardian.shortcuts import assign_perm, get_objects_for_group, get_objects_for_user

from coalitions import services as coalition_services
from coalitions.models import Coalition
from coalitions.tests.conftest import join
from contracts.api_auth import OrganizationPrincipal
from contracts.models import Contract, OrganizationApiToken
from contracts.tests.factories import ContractFactory
from portal.models import Membership, Organization
from portal.permissions import _members_only, has_perm, objects_for_user
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.tests.factories import LeafCategoryFactory

PERMISSIONS = {
    Contract: ["contracts.view_contract", "contracts.change_contract", "contracts.delete_contract"],
    Organization: [
        "portal.view_organization_contracts",
        "portal.manage_organization_contracts",
        "portal.administer_organization",
    ],
    Coalition: ["coalitions.view_coalition"],
    Group: ["auth.change_group"],  # not members-only: a superuser holds it everywhere
}


def _token(organization, can_write):
    token = OrganizationApiToken.objects.create(
        organization=organization,
        name="ERP",
        key_prefix="abcdefgh",
        key_hash=f"{organization.pk}-{can_write}",
        can_write=can_write,
    )
    return OrganizationPrincipal(OrganizationApiToken.objects.get(pk=token.pk))


@pytest.fixture
def principals(db):
    """Users and tokens with grants of every kind, over two hospitals' data."""
    north, south = OrganizationFactory(slug="noord"), OrganizationFactory(slug="zuid")
    coordinator = OrganizationFactory(slug="coord")
    coalition = coalition_services.create_coalition(
        coordinator=coordinator,
        user=member(coordinator),
        categories=[LeafCategoryFactory()],
        name="Samen EPD",
        slug="samen-epd",
        goal="Samen een nieuw EPD inkopen",
        type=Coalition.Type.JOINT_PURCHASING,
        visibility=Coalition.Visibility.PUBLIC,
    )
    join(coalition, north)
    for organization in (north, south, north):
        ContractFactory(organization=organization)
    south_contract = Contract.objects.filter(organization=south).get()

    group_only = member(north, Membership.Role.PROCUREMENT_SPECIALIST)
    viewer = member(south, Membership.Role.VIEWER)
    assign_perm("contracts.change_contract", viewer, south_contract)  # a user's own grant
    outsider = UserFactory()
    assign_perm("contracts.view_contract", outsider, south_contract)
    assign_perm("portal.view_organization_contracts", outsider, south)
    assign_perm("auth.change_group", outsider, north.group)
    global_only = UserFactory()
    global_only.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_contract", "view_organization_contracts"])
    )
    inactive = member(north, Membership.Role.ORGANIZATION_ADMIN)
    inactive.is_active = False
    inactive.save()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    return {
        "member with group grants only": group_only,
        "organisation admin": member(north, Membership.Role.ORGANIZATION_ADMIN),
        "viewer with a grant of their own": viewer,
        "outsider with grants on another organisation's objects": outsider,
        "user with global permissions only": global_only,
        "inactive member": inactive,
        "superuser on members-only data": superuser,
        "anonymous visitor": AnonymousUser(),
        "read-only organisation token": _token(north, can_write=False),
        "organisation token that may write": _token(south, can_write=True),
    }


def _guardian_answer(principal, perm, queryset):
    """What guardian says under the portal's rules, as ids."""
    if not (principal.is_authenticated and principal.is_active):
        return set()
    if principal.pk is None:  # a token: its groups' grants
        found = set()
        for group in principal.groups.all():
            granted = get_objects_for_group(group, perm, klass=queryset, accept_global_perms=False)
            found |= set(granted.values_list("pk", flat=True))
        return found
    found = get_objects_for_user(
        principal,
        perm,
        klass=queryset,
        with_superuser=not _members_only(perm, queryset.model),
        accept_global_perms=False,
    )
    return set(found.values_list("pk", flat=True))


PRINCIPALS = [
    "member with group grants only",
    "organisation admin",
    "viewer with a grant of their own",
    "outsider with grants on another organisation's objects",
    "user with global permissions only",
    "inactive member",
    "superuser on members-only data",
    "anonymous visitor",
    "read-only organisation token",
    "organisation token that may write",
]


@pytest.mark.parametrize("name", PRINCIPALS)
def test_objects_for_user_and_has_perm_agree_with_guardian(principals, name):
    principal = principals[name]
    for model, perms in PERMISSIONS.items():
        queryset = model.objects.all()
        for perm in perms:
            expected = _guardian_answer(principal, perm, queryset)
            found = set(objects_for_user(principal, perm, queryset).values_list("pk", flat=True))
            assert found == expected, (name, perm)
            for obj in queryset:
                assert has_perm(principal, perm, obj) == (obj.pk in expected), (name, perm, obj)


def test_the_cases_are_not_vacuous(principals):
    """Each kind of grant opens something, and members-only data stays closed."""
    contracts = Contract.objects.all()
    assert (
        objects_for_user(
            principals["member with group grants only"], "contracts.view_contract", contracts
        ).count()
        == 2
    )
    outsider = principals["outsider with grants on another organisation's objects"]
    assert objects_for_user(outsider, "contracts.view_contract", contracts).count() == 1
    assert objects_for_user(outsider, "auth.change_group", Group.objects.all()).count() == 1
    superuser = principals["superuser on members-only data"]
    assert not objects_for_user(superuser, "contracts.view_contract", contracts).exists()
    assert objects_for_user(superuser, "auth.change_group", Group.objects.all()).count() > 1
    reader = principals["read-only organisation token"]
    assert objects_for_user(reader, "contracts.view_contract", contracts).count() == 2
    assert not objects_for_user(reader, "contracts.change_contract", contracts).exists()
    writer = principals["organisation token that may write"]
    assert objects_for_user(writer, "contracts.change_contract", contracts).count() == 1
    assert not objects_for_user(
        writer, "portal.administer_organization", Organization.objects.all()
    ).exists()


def test_a_token_holds_no_global_permissions(principals):
    writer = principals["organisation token that may write"]
    assert not has_perm(writer, "contracts.view_contract")


def test_a_list_is_one_query(principals, django_assert_num_queries):
    user = principals["member with group grants only"]
    with django_assert_num_queries(1):
        list(objects_for_user(user, "contracts.view_contract", Contract.objects.all()))
    contract = Contract.objects.first()
    with django_assert_num_queries(1):
        has_perm(user, "contracts.view_contract", contract)
