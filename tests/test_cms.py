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


def test_editors_add_a_scoring_method_version_and_cannot_change_a_used_one(client, reference_data):
    from django.contrib.auth.models import Group

    from vendors.models import ScoringMethod
    from vendors.models.scoring import default_weights

    editor = UserFactory(username="redacteur", is_staff=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    first = ScoringMethod.objects.live()
    import json

    weights = {**default_weights(), "claims": 40, "openness": 25}
    response = client.post(
        "/cms/snippets/vendors/scoringmethod/add/",
        {"name": "Meer gewicht op openheid", "notes": "", "weights": json.dumps(weights)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ScoringMethod.objects.live().version == first.version + 1
    changed = {**first.weights, "claims": 30, "coverage": 55}
    response = client.post(
        f"/cms/snippets/vendors/scoringmethod/edit/{first.pk}/",
        {"name": first.name, "notes": "", "weights": json.dumps(changed)},
    )
    first.refresh_from_db()
    assert first.weights["claims"] == 50  # refused: add a new version instead
