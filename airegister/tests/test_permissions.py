"""Only members of the owning organisation see an application; only its procurement
specialists and admins change or delete it. Everyone else, superusers included, sees
nothing of it."""

import pytest

from airegister.access import CHANGE, DELETE, VIEW, editable_organizations, visible_applications
from portal.models import Membership
from portal.permissions import has_perm
from portal.services import change_member_role, remove_member

pytestmark = pytest.mark.django_db

# role -> (may view org A's application, may change and delete it)
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
def test_permissions_per_role(world, role):
    user, app = world["users"][role], world["application"]
    may_view, may_change = EXPECTED[role]
    assert has_perm(user, VIEW, app) is may_view
    assert has_perm(user, CHANGE, app) is may_change
    assert has_perm(user, DELETE, app) is may_change
    assert list(visible_applications(user)) == ([app] if may_view else [])


def test_shared_applications_stay_members_only_here(world):
    from airegister.services import update_application

    update_application(application=world["application"], shared=True)
    assert not visible_applications(world["users"]["procurement_b"]).exists()


def test_only_editors_of_care_providers_may_register(world):
    editors = {
        role for role, user in world["users"].items() if editable_organizations(user).exists()
    }
    assert editors == {"procurement_a", "admin_a", "procurement_b"}


def test_a_role_change_or_leaving_takes_the_rights_with_it(world):
    user, app = world["users"]["procurement_a"], world["application"]
    membership = Membership.objects.get(user=user)
    change_member_role(membership=membership, role=Membership.Role.VIEWER)
    assert has_perm(user, VIEW, app) and not has_perm(user, CHANGE, app)
    remove_member(membership=Membership.objects.get(user=user))
    assert not has_perm(user, VIEW, app)
