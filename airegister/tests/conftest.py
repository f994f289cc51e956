import pytest

from airegister.tests.factories import application
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory

Role = Membership.Role


@pytest.fixture
def world(db):
    """Two hospitals, org A with one application, and a user in every role."""
    org_a = OrganizationFactory(name="Ziekenhuis A", slug="ziekenhuis-a")
    org_b = OrganizationFactory(name="Ziekenhuis B", slug="ziekenhuis-b")
    association = OrganizationFactory(
        name="Vereniging", slug="vereniging", type=Organization.Type.USER_ASSOCIATION, sector=""
    )
    policy = OrganizationFactory(
        name="Ministerie", slug="ministerie", type=Organization.Type.POLICY_BODY, sector=""
    )
    product = ProductFactory(name="Beeldanalyse Pro")
    rep = UserFactory(username="rep")
    add_vendor_representative(vendor=product.vendor, user=rep)
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
    app = application(
        org_a,
        name="Geheime sepsisvoorspeller",
        origin="bought",
        vendor=product.vendor,
        product=product,
        purpose="prediction",
    )
    return {
        "org_a": org_a,
        "org_b": org_b,
        "association": association,
        "product": product,
        "application": app,
        "users": users,
    }
