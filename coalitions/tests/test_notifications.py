"""E-mail on invitation, join request, approval, stage change and a new vendor answer:
to the right organisations' users, one message per address, after the change commits."""

import pytest
from django.core.exceptions import ValidationError

from coalitions import services
from coalitions.tests.conftest import join
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital():
    org = OrganizationFactory(slug="zh", name="Ziekenhuis Zuid")
    member(org, username="zh-inkoper", email="inkoper@zh.invalid")
    member(org, Membership.Role.VIEWER, username="zh-lezer", email="lezer@zh.invalid")
    return org


def sent(mailoutbox):
    return sorted((m.to[0], m.subject) for m in mailoutbox)


def test_invitation_goes_to_the_invited_organisations_editors(
    coalition, hospital, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(coalition, hospital)
    assert sent(mailoutbox) == [("inkoper@zh.invalid", "Uitnodiging voor de coalitie Samen EPD")]
    assert "/coalities/samen-epd/" in mailoutbox[0].body


def test_join_request_goes_to_the_coordinators_and_approval_back(
    coalition, hospital, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_to_join(coalition, hospital)
    assert sent(mailoutbox) == [("coord@example.invalid", "Verzoek om deel te nemen aan Samen EPD")]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_request(request)
    assert sent(mailoutbox) == [("inkoper@zh.invalid", "Welkom bij Samen EPD")]


def test_stage_change_goes_to_every_member_user(
    coalition, hospital, mailoutbox, django_capture_on_commit_callbacks
):
    join(coalition, hospital)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.advance(coalition, "requirements", user=coalition.created_by, note="Start!")
    assert [to for to, _subject in sent(mailoutbox)] == [
        "coord@example.invalid",
        "inkoper@zh.invalid",
        "lezer@zh.invalid",
    ]
    assert "Eisen formuleren" in mailoutbox[0].subject and "Start!" in mailoutbox[0].body


def test_nothing_is_sent_when_the_change_fails(
    coalition, hospital, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.advance(coalition, "closed", user=coalition.created_by)
    assert mailoutbox == []
