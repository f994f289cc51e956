"""The CMS (Wagtail admin at /cms/) manages the market catalogue and participants."""

import pytest

from portal.models import Membership
from portal.tests.factories import OrganizationFactory, UserFactory
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/cms/snippets/vendors/vendor/",
        "/cms/snippets/vendors/product/",
        "/cms/snippets/vendors/productcategory/",
        "/cms/snippets/vendors/standard/",
        "/cms/snippets/portal/organization/",
        "/cms/snippets/portal/membership/",
        "/cms/snippets/contracts/lockinclause/",
    ],
)
def test_catalogue_screens_render_for_administrators(admin_client, reference_data, url):
    ProductFactory()
    assert admin_client.get(url).status_code == 200


def test_contracts_are_not_in_the_cms(admin_client):
    assert admin_client.get("/cms/snippets/contracts/contract/").status_code == 404


def test_membership_added_in_the_cms_grants_group_access(admin_client):
    org = OrganizationFactory()
    user = UserFactory(username="nieuw")
    response = admin_client.post(
        "/cms/snippets/portal/membership/add/",
        {"user": user.pk, "organization": org.pk, "role": Membership.Role.PROCUREMENT_SPECIALIST},
    )
    assert response.status_code == 302, response.content[:500]
    assert set(user.groups.all()) == {org.group, org.editors_group}


def test_editors_cannot_manage_organisations(client):
    from django.contrib.auth.models import Group

    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/cms/").status_code == 200
    assert client.get("/cms/snippets/portal/organization/").status_code in (302, 403)
