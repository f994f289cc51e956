"""The daily task that e-mails procurement specialists before a notice deadline."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from contracts.models import Contract, RenewalReminder
from contracts.renewals import notice_deadline
from portal.models import Membership


def _recipients(organization_ids):
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


@task()
def send_renewal_reminders():
    """Send one e-mail per contract whose notice deadline is RENEWAL_REMINDER_DAYS days
    away or closer (and not passed), unless that deadline was reminded before."""
    today = timezone.localdate()
    horizon = today + timedelta(days=settings.RENEWAL_REMINDER_DAYS)
    candidates = (
        Contract.objects.running()
        .filter(Q(end_date__gte=today) | Q(auto_renewal=True))
        .select_related("organization", "vendor")
    )
    due = []
    for contract in candidates.iterator(chunk_size=2000):
        found = notice_deadline(contract, today)
        if found and today <= found.deadline <= horizon:
            due.append((contract, found))
    recipients = _recipients({c.organization_id for c, _ in due})
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for contract, found in due:
            to = recipients.get(contract.organization_id)
            if not to:
                continue
            try:
                with transaction.atomic():
                    RenewalReminder.objects.create(contract=contract, deadline=found.deadline)
                    send_mail(
                        _("Notice deadline %(date)s: contract %(reference)s")
                        % {
                            "date": found.deadline.strftime("%d-%m-%Y"),
                            "reference": contract.reference,
                        },
                        _(
                            "Contract %(reference)s with %(vendor)s ends on %(end)s. To stop or "
                            "renegotiate it, give notice no later than %(deadline)s."
                        )
                        % {
                            "reference": contract.reference,
                            "vendor": contract.vendor.name,
                            "end": found.end_date.strftime("%d-%m-%Y"),
                            "deadline": found.deadline.strftime("%d-%m-%Y"),
                        },
                        settings.DEFAULT_FROM_EMAIL,
                        to,
                    )
            except IntegrityError:
                continue  # reminded before
            sent += 1
    return sent
