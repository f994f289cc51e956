"""Coalition lifecycle, membership flows, the permissions that follow them, and cost
shares as worked examples."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coalitions import services
from coalitions.access import is_coordinator, is_member
from coalitions.history import stage_history
from coalitions.models import Coalition, CoalitionMember
from portal.models import Membership
from portal.permissions import has_perm
from portal.tests.factories import OrganizationFactory, member, size

pytestmark = pytest.mark.django_db
Stage = Coalition.Stage


def test_lifecycle_moves_only_along_allowed_transitions(coalition):
    user = coalition.created_by
    for stage in (Stage.REQUIREMENTS, Stage.CONSULTATION, Stage.NEGOTIATING, Stage.CONTRACTED):
        services.advance(coalition, stage, user=user)
    with pytest.raises(ValidationError, match="kan niet naar"):
        services.advance(coalition, Stage.FORMING, user=user)
    services.advance(coalition, Stage.CLOSED, user=user)
    history = [step.to_stage for step in stage_history(coalition)]
    assert history == [
        "forming",
        "requirements",
        "consultation",
        "negotiating",
        "contracted",
        "closed",
    ]


def test_skipping_a_stage_is_refused_and_abandoning_is_allowed(coalition):
    with pytest.raises(ValidationError):
        services.advance(coalition, Stage.NEGOTIATING, user=coalition.created_by)
    assert coalition.stage == Stage.FORMING
    services.advance(coalition, Stage.ABANDONED, user=coalition.created_by)
    with pytest.raises(ValidationError):
        services.advance(coalition, Stage.REQUIREMENTS, user=coalition.created_by)


def test_permissions_follow_membership(coalition):
    coordinator_user = coalition.created_by
    organization = coalition.members.get().organization
    viewer_of_coordinator = member(organization, Membership.Role.VIEWER)
    coordinator_role = member(organization, Membership.Role.COALITION_COORDINATOR)
    hospital = OrganizationFactory(slug="zh")
    buyer = member(hospital)
    assert is_coordinator(coordinator_user, coalition)
    assert is_coordinator(coordinator_role, coalition)
    assert is_member(viewer_of_coordinator, coalition)
    assert not is_coordinator(viewer_of_coordinator, coalition)
    assert not is_member(buyer, coalition)
    invitation = services.invite(coalition, hospital)
    assert not is_member(buyer, coalition)  # not yet accepted
    services.accept_invitation(invitation)
    assert is_member(buyer, coalition)
    assert has_perm(buyer, "coalitions.view_coalition", coalition)  # guardian, by group
    assert not is_coordinator(buyer, coalition)
    services.leave(invitation)
    assert not is_member(buyer, coalition)
    assert not has_perm(buyer, "coalitions.view_coalition", coalition)


def test_join_requests_only_for_public_coalitions(coalition):
    hospital = OrganizationFactory(slug="zh")
    request = services.request_to_join(coalition, hospital)
    services.decline_request(request)
    assert CoalitionMember.objects.get(organization=hospital).status == "declined"
    again = services.request_to_join(coalition, hospital)  # may ask again later
    services.approve_request(again)
    assert again.status == "active"
    coalition.visibility = Coalition.Visibility.PRIVATE
    coalition.save()
    with pytest.raises(ValidationError, match="openbare"):
        services.request_to_join(coalition, OrganizationFactory(slug="other"))


def test_the_last_coordinator_cannot_leave(coalition):
    with pytest.raises(ValidationError, match="laatste coördinator"):
        services.leave(coalition.members.get())


def test_cost_shares_add_up_to_the_cent():
    """EUR 10,000 over weights 1:1:1 -> 3,333.34 + 3,333.33 + 3,333.33."""
    shares = services.cost_shares(Decimal("10000.00"), {"a": 1, "b": 1, "c": 1})
    assert shares == {"a": Decimal("3333.34"), "b": Decimal("3333.33"), "c": Decimal("3333.33")}
    by_fte = services.cost_shares(Decimal("9000"), {"a": Decimal(2000), "b": Decimal(1000)})
    assert by_fte == {"a": Decimal("6000.00"), "b": Decimal("3000.00")}
    assert services.cost_shares(Decimal("100"), {"a": 0, "b": 0}) == {
        "a": Decimal("50.00"),
        "b": Decimal("50.00"),
    }


def test_member_weights_by_beds_skip_observers(coalition):
    hospital, adviser = OrganizationFactory(slug="zh"), OrganizationFactory(slug="adviseur")
    size(coalition.members.get().organization, year=2025, beds=300)
    size(hospital, year=2025, beds=600)
    services.accept_invitation(services.invite(coalition, hospital))
    services.accept_invitation(services.invite(coalition, adviser, role="observer"))
    coalition.cost_sharing = Coalition.CostSharing.BEDS
    weights = services.member_weights(coalition, year=2025)
    assert weights == {
        coalition.members.get(role="coordinator").organization_id: 300,
        hospital.pk: 600,
    }
    shares = services.cost_shares(Decimal("900"), weights)
    assert sorted(shares.values()) == [Decimal("300.00"), Decimal("600.00")]
