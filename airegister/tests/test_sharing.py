"""Scale up together: an owner shares an application, other care providers find it with
search and facets and express interest, and enough interest becomes a coalition with
one click. Only what is shared is visible outside, and only to care providers."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from airegister.models import AIApplicationInterest
from airegister.services import delete_application, update_application
from airegister.sharing import express_interest, set_shared, start_coalition, withdraw_interest
from airegister.tests.factories import application
from coalitions.models import Coalition, CoalitionMember
from portal.models import AuditEvent, Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db

# role -> status of the shared list; the detail of a shared application of org A
FINDERS = {"procurement_a", "admin_a", "viewer_a", "coordinator_a", "procurement_b"}
OUTSIDERS = {"association_coordinator", "policy_analyst", "vendor_representative", "superuser"}


@pytest.fixture
def shared(world):
    app = set_shared(application=world["application"], shared=True)
    world["org_c"] = OrganizationFactory(name="Ziekenhuis C", slug="ziekenhuis-c")
    world["users"]["procurement_c"] = member(
        world["org_c"], Membership.Role.PROCUREMENT_SPECIALIST, username="inkoper-c"
    )
    return app


def login(client, world, role):
    client.force_login(world["users"][role])
    return client


@pytest.mark.parametrize("role", sorted(FINDERS | OUTSIDERS))
def test_only_care_providers_members_find_shared_applications(client, world, shared, role):
    login(client, world, role)
    listing = client.get(reverse("ai_shared_list"))
    detail = client.get(reverse("ai_shared_detail", args=[shared.pk]))
    if role in FINDERS:
        assert listing.status_code == 200 and detail.status_code == 200
        assert "Geheime sepsisvoorspeller" in listing.content.decode()
    else:
        assert listing.status_code == 403 and detail.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, shared):
    assert client.get(reverse("ai_shared_list")).status_code == 302
    assert client.get(reverse("ai_shared_detail", args=[shared.pk])).status_code == 302
    assert client.get("/api/v1/ai-applications/shared/").status_code == 401


def test_unshared_applications_are_404_for_outsiders_and_vanish_at_once(client, world, shared):
    application(world["org_a"], name="Interne triage")
    login(client, world, "procurement_b")
    page = client.get(reverse("ai_shared_list")).content.decode()
    assert "Geheime sepsisvoorspeller" in page and "Interne triage" not in page
    set_shared(application=shared, shared=False)
    assert "Geheime sepsisvoorspeller" not in client.get(reverse("ai_shared_list")).content.decode()
    assert client.get(reverse("ai_shared_detail", args=[shared.pk])).status_code == 404
    assert client.get(reverse("ai_application_detail", args=[shared.pk])).status_code == 404


def test_the_shared_page_shows_what_is_shared_and_keeps_internal_fields_internal(
    client, world, shared
):
    update_application(
        application=shared,
        owner="Dr. Geheim, afdelingshoofd",
        department="Intensive care",
        purpose_description="Waarschuwt bij dreigende sepsis",
    )
    page = login(client, world, "procurement_b").get(reverse("ai_shared_detail", args=[shared.pk]))
    text = page.content.decode()
    for shown in ("Ziekenhuis A", "Intensive care", "Waarschuwt bij dreigende sepsis"):
        assert shown in text
    assert world["product"].name in text and world["product"].vendor.name in text
    assert "Dr. Geheim" not in text
    assert "Volgende beoordeling" not in text


def test_facets_count_under_the_current_selection_and_search_narrows(client, world, shared):
    application(world["org_b"], name="Spraakverslag", purpose="documentation", shared=True)
    application(world["org_b"], name="Longnodules", purpose="diagnosis", phase="idea", shared=True)
    application(world["org_b"], name="Niet gedeeld", purpose="diagnosis")
    login(client, world, "procurement_b")
    page = client.get(reverse("ai_shared_list"), {"fase": "pilot"}).content.decode()
    assert "Spraakverslag" in page and "Longnodules" not in page
    purposes = page[page.index('id="facet-doel"') :].split("</ul>")[0]
    # under phase "pilot": one prediction, one documentation, no diagnosis
    assert "Voorspelling en vroegsignalering (1)" in purposes
    assert "Verslaglegging en administratie (1)" in purposes
    assert "Diagnose" not in purposes
    phases = page[page.index('id="facet-fase"') :].split("</ul>")[0]
    assert "Pilot (2)" in phases and "Idee (1)" in phases  # its own selection not applied
    found = client.get(reverse("ai_shared_list"), {"q": "longnod"}).content.decode()
    assert "Longnodules" in found and "Spraakverslag" not in found
    by_vendor = client.get(reverse("ai_shared_list"), {"q": world["product"].vendor.name})
    assert "Geheime sepsisvoorspeller" in by_vendor.content.decode()


def test_an_editor_toggles_sharing_on_the_detail_page_and_it_is_audited(client, world):
    app = world["application"]
    login(client, world, "procurement_a")
    client.post(reverse("ai_application_share", args=[app.pk]), {"shared": "1"})
    app.refresh_from_db()
    assert app.shared
    assert AuditEvent.objects.filter(object_id=app.pk, after__shared="True").exists()
    client.post(reverse("ai_application_share", args=[app.pk]), {"shared": "0"})
    app.refresh_from_db()
    assert not app.shared


@pytest.mark.parametrize("role", ["viewer_a", "coordinator_a", "procurement_b", "policy_analyst"])
def test_only_the_owners_editors_toggle_sharing(client, world, role):
    app = world["application"]
    login(client, world, role)
    response = client.post(reverse("ai_application_share", args=[app.pk]), {"shared": "1"})
    assert response.status_code == 404
    app.refresh_from_db()
    assert not app.shared


def test_expressing_interest_tells_the_owner_and_can_be_withdrawn(
    client, world, shared, django_capture_on_commit_callbacks
):
    login(client, world, "procurement_b")
    url = reverse("ai_interest_express", args=[shared.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"organization": world["org_b"].pk, "kind": "adopt", "note": "Graag"})
    interest = AIApplicationInterest.objects.get()
    assert (interest.organization, interest.kind, interest.note) == (
        world["org_b"],
        "adopt",
        "Graag",
    )
    told = {to for message in mail.outbox for to in message.to}
    assert told == {"inkoper-a@example.invalid", "admin-a@example.invalid"}  # editors of A
    # the owner sees who is interested; B sees its own interest
    owner_page = login(client, world, "viewer_a").get(shared.get_absolute_url()).content.decode()
    assert "Ziekenhuis B" in owner_page and "Graag" in owner_page
    # twice is refused with a clear message
    login(client, world, "procurement_b")
    again = client.post(url, {"organization": world["org_b"].pk, "kind": "adopt"}, follow=True)
    assert "heeft al interesse getoond" in again.content.decode()
    client.post(reverse("ai_interest_withdraw", args=[shared.pk]), {"organisatie": "ziekenhuis-b"})
    assert not AIApplicationInterest.objects.exists()


def test_interest_rules(world, shared):
    with pytest.raises(ValidationError):
        express_interest(application=shared, organization=world["org_a"], kind="adopt")
    with pytest.raises(ValidationError):
        express_interest(application=shared, organization=world["association"], kind="adopt")
    with pytest.raises(ValidationError):
        express_interest(application=shared, organization=world["org_b"], kind="buy")
    set_shared(application=shared, shared=False)
    with pytest.raises(ValidationError):
        express_interest(application=shared, organization=world["org_b"], kind="adopt")


@pytest.mark.parametrize("role", ["viewer_a", "procurement_a", "policy_analyst"])
def test_who_may_not_express_interest_for_org_b(client, world, shared, role):
    login(client, world, role)
    client.post(
        reverse("ai_interest_express", args=[shared.pk]),
        {"organization": world["org_b"].pk, "kind": "adopt"},
    )
    assert not AIApplicationInterest.objects.exists()


def test_a_viewer_of_b_finds_but_cannot_withdraw_b_interest(client, world, shared):
    express_interest(application=shared, organization=world["org_b"], kind="adopt")
    viewer = member(world["org_b"], Membership.Role.VIEWER, username="lezer-b")
    client.force_login(viewer)
    response = client.post(
        reverse("ai_interest_withdraw", args=[shared.pk]), {"organisatie": "ziekenhuis-b"}
    )
    assert response.status_code == 404
    assert AIApplicationInterest.objects.exists()


def test_one_click_coalition_invites_every_interested_organisation(client, world, shared):
    express_interest(application=shared, organization=world["org_b"], kind="adopt")
    login(client, world, "procurement_a")
    detail = client.get(shared.get_absolute_url()).content.decode()
    assert 'id="start-coalition"' not in detail  # one is not enough (AI_COALITION_MIN_INTEREST)
    express_interest(application=shared, organization=world["org_c"], kind="co_create")
    detail = client.get(shared.get_absolute_url()).content.decode()
    assert 'id="start-coalition"' in detail
    confirm = client.get(reverse("ai_coalition_start", args=[shared.pk])).content.decode()
    assert "Opschalen van Geheime sepsisvoorspeller" in confirm
    response = client.post(
        reverse("ai_coalition_start", args=[shared.pk]),
        {
            "name": "Opschalen sepsisvoorspeller",
            "goal": "Samen inkopen",
            "category": world["product"].category.pk,
        },
    )
    coalition = Coalition.objects.get()
    assert response.url == coalition.get_absolute_url()
    members = {m.organization.slug: (m.role, m.status) for m in coalition.members.all()}
    assert members == {
        "ziekenhuis-a": ("coordinator", "active"),
        "ziekenhuis-b": ("member", "invited"),
        "ziekenhuis-c": ("member", "invited"),
    }
    assert coalition.visibility == "private" and coalition.type == "joint_purchasing"
    assert list(coalition.target_vendors.all()) == [world["product"].vendor]
    shared.refresh_from_db()
    assert shared.coalition == coalition
    assert 'id="coalition-link"' in client.get(shared.get_absolute_url()).content.decode()
    # B sees the invitation on its normal coalition pages
    page = login(client, world, "procurement_b").get(coalition.get_absolute_url())
    assert page.status_code == 200
    assert CoalitionMember.objects.filter(organization=world["org_b"], status="invited").exists()
    # once is enough
    with pytest.raises(ValidationError):
        start_coalition(
            application=shared,
            user=None,
            name="Nog een",
            goal="x",
            category=coalition.categories.get(),
        )


@pytest.mark.parametrize("role", ["viewer_a", "coordinator_a", "procurement_b", "superuser"])
def test_only_the_owners_editors_start_the_coalition(client, world, shared, role):
    for org in (world["org_b"], world["org_c"]):
        express_interest(application=shared, organization=org, kind="adopt")
    login(client, world, role)
    response = client.post(
        reverse("ai_coalition_start", args=[shared.pk]),
        {"name": "Kaping", "goal": "x", "category": world["product"].category.pk},
    )
    assert response.status_code == 404
    assert not Coalition.objects.exists()


def test_too_little_interest_starts_nothing(client, world, shared):
    express_interest(application=shared, organization=world["org_b"], kind="adopt")
    login(client, world, "procurement_a")
    client.post(
        reverse("ai_coalition_start", args=[shared.pk]),
        {"name": "Te vroeg", "goal": "x", "category": world["product"].category.pk},
    )
    assert not Coalition.objects.exists()


def test_withdrawing_and_deleting_keep_interest_consistent(world, shared):
    interest = express_interest(application=shared, organization=world["org_b"], kind="adopt")
    withdraw_interest(interest=interest)
    assert AuditEvent.objects.filter(
        action="delete", object_label__contains="Ziekenhuis B"
    ).exists()
    express_interest(application=shared, organization=world["org_b"], kind="adopt")
    delete_application(application=shared)
    assert not AIApplicationInterest.objects.exists()


def test_the_shared_list_takes_a_bounded_number_of_queries(
    client, world, shared, django_assert_max_num_queries
):
    for number in range(20):
        application(world["org_b"], name=f"Gedeeld model {number}", shared=True)
    login(client, world, "procurement_b")
    with django_assert_max_num_queries(20):
        page = client.get(reverse("ai_shared_list"), {"fase": "pilot", "q": "model"})
    assert page.content.decode().count("Gedeeld model") >= 20
