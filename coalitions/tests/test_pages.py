"""Coalition pages: creation, invitation, acceptance, stage changes, join requests and
leaving, and private coalitions invisible to everyone outside them."""

import pytest
from django.urls import reverse

from coalitions.models import Coalition
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative
from vendors.tests.factories import LeafCategoryFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    return {
        "coord": OrganizationFactory(slug="coord", name="Coördinerend Ziekenhuis"),
        "zh": OrganizationFactory(slug="zh", name="Ziekenhuis Zuid"),
    }


def create(client, user, visibility):
    category = LeafCategoryFactory()
    client.force_login(user)
    response = client.post(
        reverse("coalition_create"),
        {
            "name": "Samen EPD",
            "slug": "samen-epd",
            "goal": "Samen een EPD kopen",
            "type": "joint_purchasing",
            "categories": [category.pk],
            "visibility": visibility,
            "cost_sharing": "flat",
            "coordinator": user.memberships.get().organization.pk,
        },
    )
    assert response.status_code == 302
    return Coalition.objects.get(slug="samen-epd")


def test_create_invite_accept_and_move_along(client, orgs):
    coordinator = member(orgs["coord"], username="coord-user")
    coalition = create(client, coordinator, "private")
    client.post(
        reverse("coalition_invite", args=["samen-epd"]), {"organization": "zh", "role": "member"}
    )
    invited = coalition.members.get(organization=orgs["zh"])
    buyer = member(orgs["zh"], username="zh-user")
    client.force_login(buyer)
    assert (
        "is uitgenodigd"
        in client.get(reverse("coalition_detail", args=["samen-epd"])).content.decode()
    )
    client.post(reverse("coalition_member_action", args=["samen-epd", invited.pk, "accepteren"]))
    html = client.get(reverse("coalition_detail", args=["samen-epd"])).content.decode()
    assert "Coördinerend Ziekenhuis" in html and 'id="members"' in html
    assert (
        client.post(
            reverse("coalition_advance", args=["samen-epd"]), {"stage": "requirements"}
        ).status_code
        == 404
    )
    client.force_login(coordinator)
    client.post(reverse("coalition_advance", args=["samen-epd"]), {"stage": "negotiating"})
    coalition.refresh_from_db()
    assert coalition.stage == "forming"
    response = client.get(reverse("coalition_detail", args=["samen-epd"]))
    assert "kan niet naar" in response.content.decode()
    for stage in ("", "nonsense"):  # a clear message, never a server error
        answer = client.post(reverse("coalition_advance", args=["samen-epd"]), {"stage": stage})
        assert answer.status_code == 302
        html = client.get(reverse("coalition_detail", args=["samen-epd"])).content.decode()
        assert "Kies de fase" in html
    client.post(
        reverse("coalition_advance", args=["samen-epd"]),
        {"stage": "requirements", "note": "Eisen verzamelen"},
    )
    coalition.refresh_from_db()
    assert coalition.stage == "requirements"
    html = client.get(reverse("coalition_detail", args=["samen-epd"])).content.decode()
    history = html.split('id="history"')[1].split("</ul>")[0]
    assert "In oprichting" in history and "Eisen formuleren (Eisen verzamelen)" in history


def test_join_request_approved_then_leave(client, orgs):
    coordinator = member(orgs["coord"], username="coord-user")
    coalition = create(client, coordinator, "public")
    buyer = member(orgs["zh"], username="zh-user")
    client.force_login(buyer)
    client.post(reverse("coalition_request", args=["samen-epd"]), {"organisatie": "zh"})
    request = coalition.members.get(organization=orgs["zh"])
    assert request.status == "requested"
    assert (
        client.post(
            reverse("coalition_member_action", args=["samen-epd", request.pk, "goedkeuren"])
        ).status_code
        == 404
    )  # only coordinators approve
    client.force_login(coordinator)
    client.post(reverse("coalition_member_action", args=["samen-epd", request.pk, "goedkeuren"]))
    client.force_login(buyer)
    client.post(reverse("coalition_member_action", args=["samen-epd", request.pk, "vertrekken"]))
    request.refresh_from_db()
    assert request.status == "left"


@pytest.mark.parametrize("who", ["anonymous", "other_org", "vendor", "superuser", "member"])
def test_private_coalitions_are_invisible_outside(client, orgs, who):
    coordinator = member(orgs["coord"], username="coord-user")
    create(client, coordinator, "private")
    client.logout()
    users = {
        "other_org": member(orgs["zh"]),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "member": member(orgs["coord"], Membership.Role.VIEWER),
        "vendor": UserFactory(),
    }
    if who == "vendor":
        add_vendor_representative(vendor=VendorFactory(), user=users["vendor"])
    if who != "anonymous":
        client.force_login(users[who])
    listed = "Samen EPD" in client.get(reverse("coalition_list")).content.decode()
    status = client.get(reverse("coalition_detail", args=["samen-epd"])).status_code
    assert (listed, status) == ((True, 200) if who == "member" else (False, 404))


def test_members_see_each_members_share_of_the_cost(client, orgs):
    """EUR 1,000 by volume 1:3 -> 250.00 and 750.00; the coordinator sets volumes."""
    from decimal import Decimal

    from coalitions.tests.conftest import join

    coordinator = member(orgs["coord"], username="coord-user")
    coalition = create(client, coordinator, "private")
    Coalition.objects.filter(pk=coalition.pk).update(
        cost_sharing="volume", shared_cost=Decimal("1000.00")
    )
    zh = join(coalition, orgs["zh"])
    own = coalition.members.get(organization=orgs["coord"])
    url = "coalition_member_volume"
    client.post(reverse(url, args=["samen-epd", own.pk]), {"volume": "1"})
    client.post(reverse(url, args=["samen-epd", zh.pk]), {"volume": "3,0"})
    html = client.get(reverse("coalition_detail", args=["samen-epd"])).content.decode()
    members = html[html.index('id="members"') :]
    assert "€ 250,00" in members and "€ 750,00" in members
    buyer = member(orgs["zh"], username="zh-user")
    client.force_login(buyer)  # a member, not a coordinator
    assert client.post(reverse(url, args=["samen-epd", zh.pk]), {"volume": "9"}).status_code == 404
    response = client.get(reverse("coalition_detail", args=["samen-epd"]))
    assert "€ 750,00" in response.content.decode()
