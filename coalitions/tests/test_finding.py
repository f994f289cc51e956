"""Finding coalitions and partners: search (real engine) with the visibility rules,
the public directory page, and matchmaking for one contract with the opt-in."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from coalitions import services
from coalitions.models import Coalition, CoalitionDirectoryPage
from coalitions.tests.conftest import join
from contracts.tests.factories import ContractFactory
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, UserFactory, member
from search.query import SearchRequest, run_search
from vendors.models import ProductCategory
from vendors.services import add_vendor_representative
from vendors.tests.factories import LeafCategoryFactory, VendorFactory

pytestmark = pytest.mark.django_db


def new_coalition(organization, slug, visibility, category=None):
    return services.create_coalition(
        coordinator=organization,
        user=None,
        categories=[category or LeafCategoryFactory()],
        name=f"Coalitie {slug}",
        slug=slug,
        goal="Gezamenlijk beeldarchief inkopen",
        type=Coalition.Type.JOINT_PURCHASING,
        visibility=visibility,
    )


def found(user, q="beeldarchief"):
    result = run_search(user, SearchRequest(q=q, filters={"kind": "coalition"}))
    return sorted(str(h.title) for h in result.hits)


@pytest.mark.search_engine
def test_private_coalitions_are_found_only_by_their_members(
    reference_data, search_index, django_capture_on_commit_callbacks
):
    owner, joiner = OrganizationFactory(slug="eigen"), OrganizationFactory(slug="later")
    with django_capture_on_commit_callbacks(execute=True):
        new_coalition(owner, "open", "public")
        private = new_coalition(owner, "besloten", "private")
    users = {
        "member": member(owner, Membership.Role.VIEWER),
        "joiner": member(joiner),
        "outsider": member(OrganizationFactory(slug="ander")),
        "vendor": UserFactory(),
        "anonymous": None,
    }
    add_vendor_representative(vendor=VendorFactory(), user=users["vendor"])
    from django.contrib.auth.models import AnonymousUser

    users["anonymous"] = AnonymousUser()
    assert found(users["member"]) == ["Coalitie besloten", "Coalitie open"]
    for role in ("joiner", "outsider", "vendor", "anonymous"):
        assert found(users[role]) == ["Coalitie open"], role
    with django_capture_on_commit_callbacks(execute=True):
        join(private, joiner)  # membership changes re-index the coalition
    assert found(users["joiner"]) == ["Coalitie besloten", "Coalitie open"]


def test_directory_page_lists_public_coalitions_only(client, reference_data):
    owner = OrganizationFactory(slug="eigen")
    new_coalition(owner, "open", "public")
    new_coalition(owner, "besloten", "private")
    home = Page.objects.get(depth=2)
    directory = CoalitionDirectoryPage(title="Inkoopcoalities", slug="coalitiegids")
    home.add_child(instance=directory)
    directory.save_revision().publish()
    html = client.get("/coalitiegids/").content.decode()
    assert "Coalitie open" in html and "Coalitie besloten" not in html


def opted_in(organization):
    organization.findable_for_coalitions = True
    organization.save(update_fields=["findable_for_coalitions"])
    return organization


@pytest.fixture
def contracts(reference_data):
    pacs = ProductCategory.objects.get(slug="pacs-vna")
    own = OrganizationFactory(slug="eigen", name="Eigen Ziekenhuis", sector="general_hospital")
    findable = opted_in(OrganizationFactory(slug="vindbaar", name="Vindbaar Ziekenhuis"))
    hidden = OrganizationFactory(slug="verborgen", name="Verborgen Ziekenhuis")
    far = opted_in(OrganizationFactory(slug="ver", name="Later Ziekenhuis"))
    ends = {own: date(2027, 6, 30), findable: date(2028, 3, 31), hidden: date(2027, 7, 1)}
    ends[far] = date(2028, 9, 30)  # 15 months after ours
    made = {
        org: ContractFactory(
            organization=org, category=pacs, end_date=end, start_date=date(2022, 1, 1)
        )
        for org, end in ends.items()
    }
    return {"own": made[own], "pacs": pacs, "user": member(own, Membership.Role.VIEWER)}


def test_matchmaking_lists_opted_in_organisations_near_our_end_date(client, contracts):
    client.force_login(contracts["user"])
    html = client.get(reverse("contract_partners", args=[contracts["own"].pk])).content.decode()
    table = html[html.index('id="partners"') :]
    assert "Vindbaar Ziekenhuis" in table and "2028 Q1" in table
    assert "Verborgen Ziekenhuis" not in table  # did not opt in
    assert "Later Ziekenhuis" not in table  # more than 12 months apart
    assert "2028-03-31" not in table and "31-03-2028" not in table  # never the exact date


def test_matchmaking_shows_open_coalitions_in_the_category(client, contracts):
    other = OrganizationFactory(slug="trekker")
    new_coalition(other, "pacs-samen", "public", category=contracts["pacs"])
    new_coalition(other, "pacs-besloten", "private", category=contracts["pacs"])
    ended = new_coalition(other, "pacs-oud", "public", category=contracts["pacs"])
    services.advance(ended, "abandoned", user=None)
    client.force_login(contracts["user"])
    html = client.get(reverse("contract_partners", args=[contracts["own"].pk])).content.decode()
    listed = html[html.index('id="open-coalitions"') : html.index('id="partners"')]
    assert "Coalitie pacs-samen" in listed
    assert "pacs-besloten" not in listed and "pacs-oud" not in listed


def test_the_opt_in_is_the_organisation_admins_setting(client, contracts):
    own = contracts["own"].organization
    admin = member(own, Membership.Role.ORGANIZATION_ADMIN)
    url = reverse("organization_settings", args=[own.slug])
    client.force_login(contracts["user"])  # a viewer
    assert client.post(url, {"findable": "on"}).status_code == 404
    client.force_login(admin)
    assert client.post(url, {"findable": "on"}).status_code == 302
    own.refresh_from_db()
    assert own.findable_for_coalitions
    client.post(url, {})
    own.refresh_from_db()
    assert not own.findable_for_coalitions


def test_matchmaking_is_for_the_contracts_organisation_only(client, contracts):
    client.force_login(member(OrganizationFactory(slug="buiten")))
    assert client.get(reverse("contract_partners", args=[contracts["own"].pk])).status_code == 404


def test_moving_ones_own_end_date_reveals_no_more_than_the_quarter(contracts):
    """The red team slid its own end date a day at a time: the day another organisation
    dropped out of a 365-day window gave that organisation's end date to the day.
    The window is now whole quarters: every own end date within one quarter lists the
    same partners, so the edge tells no more than the end quarter shown anyway. A
    contract younger than 90 days is not listed."""
    from coalitions.matchmaking import partners

    own = contracts["own"]
    target = opted_in(OrganizationFactory(slug="doel", name="Doel Ziekenhuis"))
    ContractFactory(
        organization=target,
        category=contracts["pacs"],
        start_date=date(2022, 1, 1),
        end_date=date(2028, 5, 15),  # mid-quarter: a 365-day edge would fall on 2027-05-16
    )
    seen = set()
    for day in range(0, 91, 3):
        own.end_date = date(2027, 4, 1) + timedelta(days=day)
        seen.add(tuple(p.slug for p in partners(own)))
    assert seen == {("doel", "vindbaar")}
    own.end_date = date(2027, 7, 1)  # one quarter on: Later Ziekenhuis (2028 Q3) in reach
    assert [p.slug for p in partners(own)] == ["doel", "ver", "vindbaar"]
    young = opted_in(OrganizationFactory(slug="jong", name="Jong Ziekenhuis"))
    ContractFactory(
        organization=young,
        category=contracts["pacs"],
        start_date=timezone.localdate() - timedelta(days=30),
        end_date=date(2027, 9, 30),
    )
    assert "jong" not in [p.slug for p in partners(own)]
