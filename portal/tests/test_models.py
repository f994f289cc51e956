import pytest
from django.core.exceptions import ValidationError

from portal.models import Membership, Organization
from portal.services import add_member
from portal.tests.factories import OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_organisation_gets_its_own_member_and_editor_groups():
    org = OrganizationFactory(slug="ziekenhuis-x")
    assert org.group.name == "org:ziekenhuis-x:members"
    assert org.editors_group.name == "org:ziekenhuis-x:editors"


def test_care_provider_needs_a_sector():
    with pytest.raises(ValidationError) as err:
        OrganizationFactory(sector="")
    assert "sector" in err.value.message_dict


def test_only_care_providers_have_sector_and_agb():
    with pytest.raises(ValidationError):
        OrganizationFactory(type=Organization.Type.POLICY_BODY)  # still has the default sector
    with pytest.raises(ValidationError):
        OrganizationFactory(type=Organization.Type.USER_ASSOCIATION, sector="", agb_code="12345678")


def test_kvk_number_has_eight_digits():
    with pytest.raises(ValidationError) as err:
        OrganizationFactory(kvk_number="1234")
    assert "kvk_number" in err.value.message_dict
    assert OrganizationFactory(kvk_number="12345678").kvk_number == "12345678"


def test_policy_analyst_must_belong_to_a_policy_body():
    hospital = OrganizationFactory()
    with pytest.raises(ValidationError):
        add_member(organization=hospital, user=UserFactory(), role=Membership.Role.POLICY_ANALYST)
    ministry = OrganizationFactory(type=Organization.Type.POLICY_BODY, sector="")
    with pytest.raises(ValidationError):
        add_member(
            organization=ministry, user=UserFactory(), role=Membership.Role.PROCUREMENT_SPECIALIST
        )


@pytest.mark.parametrize(
    ("role", "editor"),
    [
        (Membership.Role.PROCUREMENT_SPECIALIST, True),
        (Membership.Role.ORGANIZATION_ADMIN, True),
        (Membership.Role.VIEWER, False),
        (Membership.Role.COALITION_COORDINATOR, False),
    ],
)
def test_role_decides_group_membership(role, editor):
    org = OrganizationFactory()
    user = member(org, role)
    assert user.groups.filter(pk=org.group.pk).exists()
    assert user.groups.filter(pk=org.editors_group.pk).exists() is editor


def test_one_membership_per_user_and_organisation():
    org = OrganizationFactory()
    user = member(org)
    with pytest.raises(ValidationError):
        add_member(organization=org, user=user, role=Membership.Role.VIEWER)


def test_home_page_contract_figures_come_from_the_release(reference_data):
    """Counts over contract data are not live (they would move with every write): they
    are those of the current release, and none before the first."""
    from datetime import date

    from contracts.models import Contract
    from contracts.services import create_contract
    from contracts.tests.factories import ContractFactory
    from disclosure.releases import publish
    from portal.home import home_figures

    contract = ContractFactory()
    figures = home_figures()
    assert figures["contracts"] is None and figures["release"] is None
    publish(as_of=date(2026, 11, 1), topics=["portal"])
    assert home_figures()["contracts"] == 1
    create_contract(
        organization=contract.organization,
        vendor=contract.vendor,
        category=contract.category,
        reference="TWEEDE",
        start_date=date(2025, 1, 1),
        end_date=date(2027, 12, 31),
        initial_term_months=36,
        status=Contract.Status.ACTIVE,
    )
    assert home_figures()["contracts"] == 1  # not until the next release
    publish(as_of=date(2026, 12, 1), topics=["portal"])
    figures = home_figures()
    assert (figures["contracts"], figures["sharing_organizations"]) == (2, 1)
    assert figures["release"].as_of == date(2026, 12, 1)


def test_home_page_figures_cost_a_few_queries(reference_data, django_assert_max_num_queries):
    from datetime import date

    from contracts.tests.factories import ContractFactory
    from disclosure.releases import publish
    from portal.home import home_figures

    for _ in range(3):
        ContractFactory()
    publish(as_of=date(2026, 11, 1), topics=["portal"])
    home_figures()  # the release and its part are remembered by the process
    with django_assert_max_num_queries(3):  # organisations by type, vendors, products
        assert home_figures()["contracts"] == 3
