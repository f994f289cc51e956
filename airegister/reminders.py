"""The daily task that e-mails an organisation's register editors when an AI
application's review is overdue: once per application per review interval."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from airegister.models import AIApplication, AIReviewReminder, review_interval
from portal.models import Membership


def _editors(organization_ids):
    by_org = {}
    memberships = (
        Membership.objects.filter(
            organization_id__in=organization_ids,
            role__in=Membership.EDITOR_ROLES,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
    )
    for membership in memberships:
        by_org.setdefault(membership.organization_id, []).append(membership.user.email)
    return by_org


def reminder_due_on(application, today):
    """The due date of the interval ``today`` falls in: the review's due date, moved on
    by whole intervals, so an application left unreviewed is reminded once a year."""
    due = application.review_due_on()
    interval = review_interval()
    return due + interval * ((today - due) // interval)


@task()
def send_ai_review_reminders():
    """Send one e-mail per application whose review is overdue, unless it was reminded
    in this interval already. Returns how many were sent."""
    today = timezone.localdate()
    overdue = list(AIApplication.objects.review_overdue(today).select_related("organization"))
    recipients = _editors({a.organization_id for a in overdue})
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for application in overdue:
            to = recipients.get(application.organization_id)
            if not to:
                continue
            try:
                with transaction.atomic():
                    AIReviewReminder.objects.create(
                        application=application, due_on=reminder_due_on(application, today)
                    )
                    send_mail(
                        _("Review overdue: AI application %(name)s") % {"name": application.name},
                        _(
                            "The review of %(name)s in the AI register of %(organization)s was "
                            "due on %(due)s. Check its risk class, phase and owner, and record "
                            "the date of the review: %(url)s"
                        )
                        % {
                            "name": application.name,
                            "organization": application.organization.name,
                            "due": application.review_due_on().strftime("%d-%m-%Y"),
                            "url": application.get_absolute_url(),
                        },
                        settings.DEFAULT_FROM_EMAIL,
                        to,
                    )
            except IntegrityError:
                continue  # reminded in this interval before
            sent += 1
    return sent
