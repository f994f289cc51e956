"""Shared AI applications in the site-wide search: only shared ones are indexed, a
document goes when its application is unmarked or deleted, and only members of care
providers find them (not the public, vendors, policy staff or associations)."""

import pytest

from airegister.services import delete_application
from airegister.sharing import set_shared
from airegister.tests.factories import application
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from search.documents.airegister import SharedAIApplicationDocument
from search.query import SearchRequest, run_search, suggest
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory


def found(user, q="sepsis"):
    result = run_search(user, SearchRequest(q=q))
    return sorted(
        str(h.title).replace("<mark>", "").replace("</mark>", "")
        for h in result.hits
        if h.kind == "ai_application"
    )


@pytest.mark.django_db
def test_the_document_holds_only_what_is_shared():
    hospital = OrganizationFactory(name="Ziekenhuis Alfa")
    app = application(
        hospital,
        name="Sepsis-alert",
        owner="Dr. Intern",
        department="Intensive care",
        purpose="prediction",
        shared=True,
    )
    prepared = SharedAIApplicationDocument().prepare(app)
    assert prepared["kind"] == "ai_application"
    assert prepared["public"] is False and prepared["organization_id"] is None
    assert prepared["care_providers"] is True
    assert prepared["url"] == f"/ai-register/gedeeld/{app.pk}/"
    assert "Intensive care" in prepared["body"] and "Ziekenhuis Alfa" in prepared["body"]
    assert "Dr. Intern" not in prepared["body"]
    assert "Prediction" in prepared["body_en"]
    assert list(SharedAIApplicationDocument().get_queryset()) == [app]
    set_shared(application=app, shared=False)
    assert not SharedAIApplicationDocument().get_queryset().exists()


@pytest.fixture
def shared_world(reference_data, search_index, django_capture_on_commit_callbacks):
    product = ProductFactory(name="Sepsisradar")
    with django_capture_on_commit_callbacks(execute=True):
        alfa = OrganizationFactory(name="Ziekenhuis Alfa", slug="alfa")
        beta = OrganizationFactory(name="Ziekenhuis Beta", slug="beta")
        shared = application(
            alfa,
            name="Sepsis-vroegsignalering",
            purpose="prediction",
            origin="bought",
            vendor=product.vendor,
            product=product,
            shared=True,
        )
        application(alfa, name="Sepsis-intern", purpose="prediction")
    rep = UserFactory()
    add_vendor_representative(vendor=product.vendor, user=rep)
    users = {
        "anonymous": None,
        "procurement_a": member(alfa, Membership.Role.PROCUREMENT_SPECIALIST),
        "viewer_b": member(beta, Membership.Role.VIEWER),
        "association": member(
            OrganizationFactory(type=Organization.Type.USER_ASSOCIATION, sector=""),
            Membership.Role.COALITION_COORDINATOR,
        ),
        "policy_analyst": member(
            OrganizationFactory(type=Organization.Type.POLICY_BODY, sector=""),
            Membership.Role.POLICY_ANALYST,
        ),
        "vendor_representative": rep,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    return {"application": shared, "users": users}


CARE_PROVIDER_MEMBERS = {"procurement_a", "viewer_b"}


@pytest.mark.search_engine
@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "procurement_a",
        "viewer_b",
        "association",
        "policy_analyst",
        "vendor_representative",
        "superuser",
    ],
)
def test_only_care_providers_members_find_shared_applications(shared_world, role):
    user = shared_world["users"][role]
    expected = ["Sepsis-vroegsignalering"] if role in CARE_PROVIDER_MEMBERS else []
    assert found(user) == expected  # never the unshared "Sepsis-intern"
    kinds = {v for v, *_ in run_search(user, SearchRequest(q="sepsis")).facets["kind"]}
    assert ("ai_application" in kinds) is bool(expected)  # no leak through counts
    titles = {s["title"] for s in suggest(user, "sepsis-v")}
    assert ("Sepsis-vroegsignalering" in titles) is bool(expected)


@pytest.mark.search_engine
@pytest.mark.django_db
def test_unmarking_or_deleting_removes_the_document(
    shared_world, django_capture_on_commit_callbacks
):
    user, app = shared_world["users"]["viewer_b"], shared_world["application"]
    with django_capture_on_commit_callbacks(execute=True):
        set_shared(application=app, shared=False)
    assert found(user) == []
    with django_capture_on_commit_callbacks(execute=True):
        set_shared(application=app, shared=True)
    assert found(user) == ["Sepsis-vroegsignalering"]
    with django_capture_on_commit_callbacks(execute=True):
        delete_application(application=app)
    assert found(user) == []
