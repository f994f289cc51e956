"""The register's pages as their users meet them: the list with its filters, counts
and overdue reviews, the form, and who may change what."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from airegister.models import AIApplication
from airegister.tests.factories import application
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db


def login(client, world, role):
    client.force_login(world["users"][role])
    return client


def test_the_register_lists_own_applications_with_counts_per_phase(client, world):
    application(world["org_a"], name="Triage-assistent", phase="production")
    application(world["org_b"], name="Andermans toepassing", phase="production")
    page = login(client, world, "viewer_a").get(reverse("ai_register")).content.decode()
    assert "Geheime sepsisvoorspeller" in page and "Triage-assistent" in page
    assert "Andermans toepassing" not in page
    counts = page[page.index('id="phase-counts"') : page.index("</table>")]
    assert "Productie</a></td><td>1<" in counts
    assert "Pilot</a></td><td>1<" in counts
    assert "Idee</a></td><td>0<" in counts


def test_filters_narrow_the_list(client, world):
    application(world["org_a"], name="Taalmodel-samenvatter", kind="generative", phase="idea")
    login(client, world, "procurement_a")
    page = client.get(reverse("ai_register"), {"fase": "idea"}).content.decode()
    assert "Taalmodel-samenvatter" in page and "Geheime sepsisvoorspeller" not in page
    page = client.get(reverse("ai_register"), {"herkomst": "bought"}).content.decode()
    assert "Taalmodel-samenvatter" not in page and "Geheime sepsisvoorspeller" in page
    page = client.get(reverse("ai_register"), {"risico": "high"}).content.decode()
    assert "Geheime sepsisvoorspeller" not in page


def test_overdue_reviews_are_marked_and_filtered(client, world):
    long_ago = timezone.localdate() - timedelta(days=400)
    application(world["org_a"], name="Vergeten model", last_reviewed_on=long_ago)
    login(client, world, "procurement_a")
    page = client.get(reverse("ai_register")).content.decode()
    row = page[page.index("Vergeten model") :].split("</tr>")[0]
    assert "achterstallig" in row
    fresh = page[page.index("Geheime sepsisvoorspeller") :].split("</tr>")[0]
    assert "achterstallig" not in fresh
    overdue = client.get(reverse("ai_register"), {"achterstallig": "1"}).content.decode()
    assert "Vergeten model" in overdue and "Geheime sepsisvoorspeller" not in overdue


def test_the_list_takes_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for number in range(20):
        application(world["org_a"], name=f"Model {number}")
    login(client, world, "procurement_a")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("ai_register")).status_code == 200


def form_data(world, **changes):
    data = {
        "organisatie": world["org_a"].slug,
        "name": "Spraak naar verslag",
        "purpose": "documentation",
        "purpose_description": "Dicteren in de spreekkamer",
        "department": "Cardiologie",
        "origin": "co_created",
        "partners": [world["org_b"].pk],
        "phase": "pilot",
        "kind": "generative",
        "risk_class": "limited",
        "mdr_class": "none",
        "ce_marking": "unknown",
        "owner": "CMIO",
    }
    return {**data, **changes}


def test_an_editor_registers_an_application_with_partners(client, world):
    login(client, world, "procurement_a")
    form = client.get(reverse("ai_application_create")).content.decode()
    assert 'type="checkbox" name="partners"' in form
    response = client.post(reverse("ai_application_create"), form_data(world))
    created = AIApplication.objects.get(name="Spraak naar verslag")
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert list(created.partners.all()) == [world["org_b"]]
    assert created.organization == world["org_a"]
    detail = client.get(created.get_absolute_url()).content.decode()
    assert "Ziekenhuis B" in detail and "Samen ontwikkeld" in detail


def test_service_errors_show_on_the_form_in_dutch(client, world):
    login(client, world, "procurement_a")
    response = client.post(
        reverse("ai_application_create"), form_data(world, partners=[], risk_class="high")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Leg uit waarom de toepassing in deze risicoklasse valt." in page
    assert not AIApplication.objects.filter(name="Spraak naar verslag").exists()
    response = client.post(reverse("ai_application_create"), form_data(world, partners=[]))
    assert "minstens één partnerorganisatie" in response.content.decode()


def test_an_editor_changes_and_deletes(client, world):
    app = world["application"]
    login(client, world, "admin_a")
    data = form_data(world, origin="bought", partners=[], name=app.name)
    data |= {"vendor": app.vendor_id, "product": app.product_id, "phase": "production"}
    response = client.post(reverse("ai_application_update", args=[app.pk]), data)
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.phase == "production"
    client.post(reverse("ai_application_delete", args=[app.pk]))
    assert not AIApplication.objects.filter(pk=app.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=app.pk).exists()


@pytest.mark.parametrize("role", ["viewer_a", "procurement_b", "superuser"])
def test_others_can_neither_change_nor_delete(client, world, role):
    app = world["application"]
    login(client, world, role)
    data = form_data(world, origin="bought", partners=[], name="Overgenomen")
    assert client.post(reverse("ai_application_update", args=[app.pk]), data).status_code == 404
    assert client.post(reverse("ai_application_delete", args=[app.pk])).status_code == 404
    app.refresh_from_db()
    assert app.name == "Geheime sepsisvoorspeller"


def test_a_viewer_sees_no_edit_buttons(client, world):
    page = login(client, world, "viewer_a").get(world["application"].get_absolute_url())
    assert reverse("ai_application_update", args=[world["application"].pk]) not in (
        page.content.decode()
    )


def test_the_menu_offers_the_register_to_members_of_care_providers_only(client, world):
    shown = set()
    for role, user in world["users"].items():
        client.force_login(user)
        if reverse("ai_register") in client.get(reverse("vendor_list")).content.decode():
            shown.add(role)
    assert shown == {"procurement_a", "admin_a", "viewer_a", "coordinator_a", "procurement_b"}
