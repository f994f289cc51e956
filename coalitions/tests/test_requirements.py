"""Demand articulation through the pages: members add requirements linked to standards
and lock-in clauses, comment and vote (one vote per organisation, observers do not
vote), coordinators edit; the list exports as XLSX and prints for vendors."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coalitions import services
from coalitions.models import Coalition
from coalitions.tests.conftest import join
from contracts.models import LockInClause
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member
from portal.tests.spreadsheets import (
    ATTACKS,
    assert_attacks_kept_as_text,
    assert_inert_csv,
    assert_inert_xlsx,
)
from vendors.models import Standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(coalition, reference_data):
    hospital, adviser = OrganizationFactory(slug="zh"), OrganizationFactory(slug="adviseur")
    join(coalition, hospital)
    join(coalition, adviser, role="observer")
    return {
        "coordinator": coalition.created_by,
        "buyer": member(hospital, username="zh-inkoper"),
        "viewer": member(hospital, Membership.Role.VIEWER, username="zh-lezer"),
        "adviser": member(adviser, username="adviseur-user"),
        "outsider": member(OrganizationFactory(slug="buiten"), username="buiten"),
    }


def add(client, user, text, priority="must", **extra):
    client.force_login(user)
    return client.post(
        reverse("coalition_requirements", args=["samen-epd"]),
        {"text": text, "priority": priority, **extra},
    )


def test_members_add_numbered_requirements_with_standards_and_clauses(client, coalition, people):
    fhir = Standard.objects.get(code="hl7-fhir-r4")
    exit_plan = LockInClause.objects.get(code="exit-plan")
    response = add(
        client,
        people["buyer"],
        "Exitplan met teruggave van de gegevens inclusief het datamodel",
        standards=[fhir.pk],
        clauses=[exit_plan.pk],
    )
    assert response.status_code == 302
    add(client, people["adviser"], "Open API's", priority="should")  # observers may propose
    first, second = coalition.requirements.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert list(first.standards.all()) == [fhir] and list(first.clauses.all()) == [exit_plan]
    html = client.get(reverse("coalition_requirements", args=["samen-epd"])).content.decode()
    assert "Exitplan met teruggave" in html and "Moet" in html


def test_a_viewer_or_outsider_cannot_add(client, coalition, people):
    assert add(client, people["viewer"], "Iets").status_code == 404
    assert add(client, people["outsider"], "Iets").status_code == 404
    assert not coalition.requirements.exists()


def test_empty_requirement_is_refused_in_dutch(client, coalition, people):
    response = add(client, people["buyer"], "")
    assert response.status_code == 200
    assert "Dit is een verplicht veld" in response.content.decode()


def test_one_vote_per_organisation_and_observers_do_not_vote(client, coalition, people):
    add(client, people["buyer"], "Eis")
    requirement = coalition.requirements.get()
    vote_url = reverse("coalition_requirement_vote", args=["samen-epd", requirement.pk])
    client.force_login(people["buyer"])
    client.post(vote_url, {"choice": "for"})
    client.post(vote_url, {"choice": "against"})  # changes the organisation's vote
    client.force_login(people["coordinator"])
    client.post(vote_url, {"choice": "for"})
    client.force_login(people["adviser"])
    assert client.post(vote_url, {"choice": "for"}).status_code == 404
    votes = dict(requirement.votes.values_list("organization__slug", "choice"))
    assert votes == {"zh": "against", "coord": "for"}
    listing = client.get(reverse("coalition_requirements", args=["samen-epd"])).content.decode()
    assert "<td>1</td><td>1</td><td>0</td>" in listing  # for, against, comments


def test_members_comment_and_observers_may_too(client, coalition, people):
    add(client, people["buyer"], "Eis")
    requirement = coalition.requirements.get()
    url = reverse("coalition_requirement_comment", args=["samen-epd", requirement.pk])
    client.force_login(people["adviser"])
    client.post(url, {"text": "Let op de exitkosten"})
    client.force_login(people["outsider"])
    assert client.post(url, {"text": "Ik ook"}).status_code == 404
    client.force_login(people["buyer"])
    html = client.get(
        reverse("coalition_requirement", args=["samen-epd", requirement.pk])
    ).content.decode()
    assert "Let op de exitkosten" in html and "Ik ook" not in html


def test_only_coordinators_edit_and_delete(client, coalition, people):
    add(client, people["buyer"], "Eis")
    requirement = coalition.requirements.get()
    url = reverse("coalition_requirement", args=["samen-epd", requirement.pk])
    client.force_login(people["buyer"])
    assert client.post(url, {"text": "Anders", "priority": "could"}).status_code == 404
    client.force_login(people["coordinator"])
    client.post(url, {"text": "Beter geformuleerd", "priority": "should"})
    requirement.refresh_from_db()
    assert (requirement.text, requirement.priority) == ("Beter geformuleerd", "should")
    client.post(reverse("coalition_requirement_delete", args=["samen-epd", requirement.pk]))
    assert not coalition.requirements.exists()


def test_requirements_are_settled_from_the_negotiation_on(client, coalition, people):
    add(client, people["buyer"], "Eis")
    user = people["coordinator"]
    for stage in ("requirements", "consultation", "negotiating"):
        services.advance(coalition, stage, user=user)
    response = add(client, people["buyer"], "Nog een eis")
    assert "kunnen niet meer veranderen" in response.content.decode()
    assert coalition.requirements.count() == 1


def test_xlsx_export_and_printable_page_hold_the_requirements_only(client, coalition, people):
    add(
        client, people["buyer"], "Exitplan", clauses=[LockInClause.objects.get(code="exit-plan").pk]
    )
    add(client, people["buyer"], "Gebruikersdag", priority="could")
    client.force_login(people["viewer"])  # reading members may download
    response = client.get(reverse("coalition_requirements_export", args=["samen-epd", "xlsx"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("Nr.", "Prioriteit", "Eis")
    assert rows[1][:3] == (1, "Moet", "Exitplan") and "Exitplan" in rows[1][4]
    assert rows[2][:3] == (2, "Zou mooi zijn", "Gebruikersdag")
    printable = client.get(reverse("coalition_requirements_print", args=["samen-epd"]))
    html = printable.content.decode()
    assert "Gebruikersdag" in html and "zh-inkoper" not in html and "Ziekenhuis" not in html
    client.force_login(people["outsider"])
    assert (
        client.get(reverse("coalition_requirements_export", args=["samen-epd", "xlsx"])).status_code
        == 404
    )


def test_requirement_pages_of_a_private_coalition_do_not_exist_for_outsiders(
    client, coalition, people
):
    Coalition.objects.filter(pk=coalition.pk).update(visibility="private")
    add(client, people["buyer"], "Eis")
    client.force_login(people["outsider"])
    for name in ("coalition_requirements", "coalition_requirements_print"):
        assert client.get(reverse(name, args=["samen-epd"])).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_members_formula_is_inert_in_every_other_members_download(client, coalition, people, fmt):
    """One member types formulas as requirements; another member's download holds them
    as text, never as formulas."""
    for attack in ATTACKS:
        assert add(client, people["buyer"], attack).status_code == 302
    client.force_login(people["adviser"])
    response = client.get(reverse("coalition_requirements_export", args=["samen-epd", fmt]))
    cells = (assert_inert_csv if fmt == "csv" else assert_inert_xlsx)(response.content)
    assert_attacks_kept_as_text(cells)
    if fmt == "xlsx":
        assert [row[0] for row in cells[1:]] == [1, 2, 3, 4]  # numbers stay numbers
