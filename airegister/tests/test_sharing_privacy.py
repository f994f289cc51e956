"""What a coalition started from the AI register does not give away (red-team findings):
who else showed interest but did not join, the coalition's address from the
application's name; and an interest stays the interested organisation's to withdraw
after the owner unshared the application."""

import re

import pytest
from django.urls import reverse

from airegister.sharing import express_interest, set_shared, start_coalition
from coalitions.models import CoalitionMember
from coalitions.services import accept_invitation, decline_invitation
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition_of_three(world):
    """A's shared application; B and C showed interest; A started the coalition; B joined
    and C declined."""
    app = set_shared(application=world["application"], shared=True)
    org_c = OrganizationFactory(name="Concurrent C", slug="concurrent-c")
    member(org_c, Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper-c")
    express_interest(application=app, organization=org_c, kind="adopt", note="budget 2027")
    express_interest(application=app, organization=world["org_b"], kind="adopt")
    coalition = start_coalition(
        application=app,
        user=world["users"]["procurement_a"],
        name=f"Opschalen van {app.name}",
        goal="Samen opschalen",
        category=world["product"].category,
    )
    decline_invitation(CoalitionMember.objects.get(coalition=coalition, organization=org_c))
    accept_invitation(CoalitionMember.objects.get(coalition=coalition, organization=world["org_b"]))
    return coalition


def test_a_member_does_not_learn_who_was_invited_and_declined(client, world, coalition_of_three):
    client.force_login(world["users"]["procurement_b"])
    page = client.get(reverse("coalition_detail", args=[coalition_of_three.slug])).content.decode()
    members = page[page.index('id="members"') :]
    assert "Ziekenhuis A" in members and "Ziekenhuis B" in members
    assert "Concurrent C" not in page
    api = client.get(f"/api/v1/coalitions/{coalition_of_three.slug}/members/")
    assert api.status_code == 200
    assert {m["organization"] for m in api.json()} == {"ziekenhuis-a", "ziekenhuis-b"}


def test_the_coordinator_still_sees_every_invitation_and_answer(client, world, coalition_of_three):
    client.force_login(world["users"]["procurement_a"])
    page = client.get(reverse("coalition_detail", args=[coalition_of_three.slug])).content.decode()
    assert "Concurrent C" in page


def test_the_coalitions_address_cannot_be_guessed_from_the_applications_name(
    world, coalition_of_three
):
    assert re.fullmatch(
        r"opschalen-van-geheime-sepsisvoorspeller-[0-9a-f]{6}", coalition_of_three.slug
    )


def test_interest_can_be_withdrawn_after_the_owner_unshared(client, world):
    app = set_shared(application=world["application"], shared=True)
    express_interest(application=app, organization=world["org_b"], kind="adopt", note="x")
    set_shared(application=app, shared=False)
    client.force_login(world["users"]["procurement_b"])
    page = client.post(
        reverse("ai_interest_withdraw", args=[app.pk]), {"organisatie": "ziekenhuis-b"}
    )
    assert page.status_code == 302 and page["Location"] == reverse("ai_shared_list")
    assert not app.interests.exists()
    # Without an interest of its own, an unshared application stays a 404.
    assert (
        client.post(
            reverse("ai_interest_withdraw", args=[app.pk]), {"organisatie": "ziekenhuis-b"}
        ).status_code
        == 404
    )
    express_interest_via_api = client.delete(f"/api/v1/ai-applications/shared/{app.pk}/interest/")
    assert express_interest_via_api.status_code == 404


def test_the_api_withdraws_after_the_owner_unshared(client, world):
    app = set_shared(application=world["application"], shared=True)
    express_interest(application=app, organization=world["org_b"], kind="adopt")
    set_shared(application=app, shared=False)
    client.force_login(world["users"]["procurement_b"])
    answer = client.delete(f"/api/v1/ai-applications/shared/{app.pk}/interest/")
    assert answer.status_code == 204
    assert not app.interests.exists()


def test_withdrawing_through_the_api_with_a_pk_that_is_no_number_is_a_404(client, world):
    client.force_login(world["users"]["procurement_b"])
    assert client.delete("/api/v1/ai-applications/shared/-signed_at/interest/").status_code == 404
