"""Notice deadlines: end date minus notice period, following automatic renewal."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contracts.models import Contract, RenewalReminder
from contracts.reminders import send_renewal_reminders
from contracts.renewals import notice_deadline, urgency
from contracts.tests.factories import ContractFactory
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member

TODAY = date(2026, 11, 22)


def contract(**fields):
    defaults = {
        "end_date": date(2027, 12, 31),
        "notice_period_months": 6,
        "auto_renewal": False,
        "renewal_term_months": None,
        "initial_term_months": 36,
    }
    return Contract(**{**defaults, **fields})


def test_deadline_is_end_minus_notice():
    found = notice_deadline(contract(), TODAY)
    assert (found.deadline, found.end_date, found.renewals_followed) == (
        date(2027, 6, 30),
        date(2027, 12, 31),
        0,
    )


def test_month_end_is_clamped():
    found = notice_deadline(contract(end_date=date(2027, 8, 31), notice_period_months=6), TODAY)
    assert found.deadline == date(2027, 2, 28)


def test_passed_deadline_of_auto_renewing_contract_moves_to_next_term():
    found = notice_deadline(
        contract(
            end_date=date(2026, 12, 31),
            notice_period_months=3,
            auto_renewal=True,
            renewal_term_months=12,
        ),
        TODAY,
    )
    assert (found.end_date, found.deadline, found.renewals_followed) == (
        date(2027, 12, 31),
        date(2027, 9, 30),
        1,
    )


def test_auto_renewal_without_renewal_term_uses_the_initial_term():
    found = notice_deadline(
        contract(
            end_date=date(2020, 12, 31),
            notice_period_months=1,
            auto_renewal=True,
            initial_term_months=24,
        ),
        TODAY,
    )
    assert found.end_date == date(2026, 12, 31)
    assert found.deadline == date(2026, 11, 30)


def test_ended_contract_has_no_deadline():
    assert notice_deadline(contract(end_date=date(2025, 1, 1)), TODAY) is None


def test_passed_deadline_without_auto_renewal_is_reported_as_passed():
    found = notice_deadline(contract(end_date=date(2027, 1, 31), notice_period_months=6), TODAY)
    assert urgency(found.deadline, TODAY) == "passed"


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (date(2027, 5, 22), "urgent"),
        (date(2027, 5, 23), "soon"),
        (date(2027, 11, 22), "soon"),
        (date(2027, 11, 23), "later"),
    ],
)
def test_urgency_bands(deadline, expected):
    assert urgency(deadline, TODAY) == expected


@pytest.fixture
def radar_world(db):
    hospital = OrganizationFactory(slug="zh-radar")
    user = member(
        hospital,
        Membership.Role.PROCUREMENT_SPECIALIST,
        username="radar",
        email="radar@example.invalid",
    )

    today = timezone.localdate()
    soon = ContractFactory(
        organization=hospital,
        reference="BIJNA",
        start_date=date(2022, 1, 1),
        end_date=today.replace(year=today.year + 1),
        notice_period_months=9,
        initial_term_months=48,
    )
    later = ContractFactory(
        organization=hospital,
        reference="LATER",
        start_date=date(2024, 1, 1),
        end_date=today.replace(year=today.year + 4),
        notice_period_months=6,
        initial_term_months=72,
    )
    ContractFactory(reference="ANDER")  # another organisation
    return {"user": user, "soon": soon, "later": later}


def test_radar_page_lists_own_contracts_soonest_first(client, radar_world):
    client.force_login(radar_world["user"])
    html = client.get(reverse("renewal_radar")).content.decode()
    assert html.index("BIJNA") < html.index("LATER")
    assert "ANDER" not in html
    assert 'class="urgent"' in html


def test_calendar_export_is_valid_icalendar(client, radar_world):
    client.force_login(radar_world["user"])
    response = client.get(reverse("renewal_calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    deadline = notice_deadline(radar_world["soon"], timezone.localdate()).deadline
    assert f"DTSTART;VALUE=DATE:{deadline:%Y%m%d}" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_reminder_is_sent_once_per_deadline(radar_world, settings):
    settings.RENEWAL_REMINDER_DAYS = 120
    assert send_renewal_reminders.call() == 1
    assert len(mail.outbox) == 1
    assert "BIJNA" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["radar@example.invalid"]
    assert send_renewal_reminders.call() == 0
    assert RenewalReminder.objects.count() == 1


def test_radar_requires_log_in(client):
    assert client.get(reverse("renewal_radar")).status_code == 302


def test_ended_contracts_are_not_rolled_forward(client, radar_world):
    """A contract recorded as ended (e.g. replaced) stays off the radar even if it once
    renewed automatically."""
    ContractFactory(
        organization=radar_world["soon"].organization,
        reference="OUD",
        start_date=date(2015, 1, 1),
        end_date=date(2018, 12, 31),
        initial_term_months=48,
        auto_renewal=True,
        renewal_term_months=12,
        status=Contract.Status.ENDED,
    )
    client.force_login(radar_world["user"])
    assert "OUD" not in client.get(reverse("renewal_radar")).content.decode()
