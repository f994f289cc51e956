"""Overdue reviews: the register's editors get one e-mail per application per review
interval; nothing for applications reviewed in time."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from airegister.models import AIApplication, AIReviewReminder
from airegister.reminders import reminder_due_on, send_ai_review_reminders
from airegister.services import update_application
from airegister.tests.factories import application

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def test_editors_are_reminded_once_per_overdue_application(world, mailoutbox):
    overdue = application(world["org_a"], name="Vergeten model", last_reviewed_on=days_ago(400))
    application(world["org_a"], name="Net beoordeeld", last_reviewed_on=days_ago(10))
    assert send_ai_review_reminders.call() == 1
    (mail,) = mailoutbox
    assert "Vergeten model" in mail.subject
    assert sorted(mail.to) == ["admin-a@example.invalid", "inkoper-a@example.invalid"]
    assert overdue.get_absolute_url() in mail.body
    assert send_ai_review_reminders.call() == 0
    assert len(mailoutbox) == 1


def test_a_never_reviewed_application_is_due_a_year_after_registering(world, mailoutbox):
    app = world["application"]
    assert send_ai_review_reminders.call() == 0
    AIApplication.objects.filter(pk=app.pk).update(created_at=timezone.now() - timedelta(days=366))
    assert send_ai_review_reminders.call() == 1


def test_a_new_review_and_a_new_interval_remind_again(world, mailoutbox):
    app = application(world["org_a"], name="Vergeten model", last_reviewed_on=days_ago(400))
    assert send_ai_review_reminders.call() == 1
    update_application(application=app, last_reviewed_on=days_ago(366))
    assert send_ai_review_reminders.call() == 1
    assert AIReviewReminder.objects.filter(application=app).count() == 2


def test_the_interval_moves_on_while_nobody_reviews():
    app = AIApplication(last_reviewed_on=days_ago(400))
    today = timezone.localdate()
    first = reminder_due_on(app, today)
    assert first == app.review_due_on()
    assert reminder_due_on(app, today + timedelta(days=365)) == first + timedelta(days=365)


def test_the_command_reports_what_it_sent(world, mailoutbox, capsys):
    application(world["org_b"], name="Oud model", last_reviewed_on=days_ago(800))
    call_command("send_ai_review_reminders")
    assert "1 herinnering(en) verstuurd." in capsys.readouterr().out
    assert mailoutbox[0].to == ["inkoper-b@example.invalid"]
