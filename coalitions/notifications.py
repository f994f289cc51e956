"""E-mail about coalition events, sent after the change commits and by the task worker
(so a mail server hiccup never undoes or fails the change). One message per recipient:
members of one organisation never see another's addresses."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from coalitions.models import CoalitionMember
from portal.models import Membership
from vendors.models import VendorRepresentative

logger = logging.getLogger(__name__)


def _addresses(organization_ids, *, editors_only):
    memberships = Membership.objects.filter(
        organization_id__in=organization_ids, user__is_active=True
    ).exclude(user__email="")
    if editors_only:
        memberships = memberships.filter(role__in=Membership.EDITOR_ROLES)
    return sorted(set(memberships.values_list("user__email", flat=True)))


def _send(subject, body, addresses):
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in addresses]
    return send_mass_mail(messages, fail_silently=False)


@task()
def send_notification(subject, body, organization_ids, editors_only=True):
    return _send(subject, body, _addresses(organization_ids, editors_only=editors_only))


@task()
def send_to_addresses(subject, body, addresses):
    return _send(subject, body, addresses)


def _enqueue(subject, body, organization_ids, editors_only):
    try:
        send_notification.enqueue(subject, body, organization_ids, editors_only)
    except Exception as err:  # the change has committed; a lost mail must not fail it
        logger.warning("Could not queue coalition notification %r: %s", subject, err)


def notify(coalition, subject, text, organization_ids, *, editors_only=True):
    """Queue ``subject``/``text`` (already formatted) with a link to the coalition for
    the users of ``organization_ids``, once the current transaction commits."""
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.WAGTAILADMIN_BASE_URL + reverse("coalition_detail", args=[coalition.slug])
        body = f"{text}\n\n{link}\n"
    ids = sorted(set(organization_ids))
    transaction.on_commit(lambda: _enqueue(str(subject), body, ids, editors_only))


def coordinator_ids(coalition):
    return list(
        coalition.members.filter(
            role=CoalitionMember.Role.COORDINATOR, status=CoalitionMember.Status.ACTIVE
        ).values_list("organization_id", flat=True)
    )


def active_member_ids(coalition):
    return list(
        coalition.members.filter(status=CoalitionMember.Status.ACTIVE).values_list(
            "organization_id", flat=True
        )
    )


def invited(membership):
    coalition = membership.coalition
    notify(
        coalition,
        _("Invitation to the coalition %(name)s") % {"name": coalition.name},
        _("%(org)s is invited to join the purchasing coalition %(name)s.")
        % {"org": membership.organization.name, "name": coalition.name},
        [membership.organization_id],
    )


def join_requested(membership):
    coalition = membership.coalition
    notify(
        coalition,
        _("Request to join %(name)s") % {"name": coalition.name},
        _("%(org)s asks to join the coalition %(name)s. Approve or decline it on the page.")
        % {"org": membership.organization.name, "name": coalition.name},
        coordinator_ids(coalition),
    )


def request_decided(membership):
    coalition = membership.coalition
    approved = membership.status == membership.Status.ACTIVE
    notify(
        coalition,
        (_("Welcome to %(name)s") if approved else _("Your request to join %(name)s"))
        % {"name": coalition.name},
        (
            _("The coordinators approved %(org)s as a member of %(name)s.")
            if approved
            else _("The coordinators declined the request of %(org)s to join %(name)s.")
        )
        % {"org": membership.organization.name, "name": coalition.name},
        [membership.organization_id],
    )


def stage_changed(coalition, step):
    notify(
        coalition,
        _("%(name)s: now “%(stage)s”") % {"name": coalition.name, "stage": step.to_label},
        _("The coalition %(name)s moved from “%(from)s” to “%(to)s”.")
        % {"name": coalition.name, "from": step.from_label, "to": step.to_label}
        + (f"\n\n{step.note}" if step.note else ""),
        active_member_ids(coalition),
        editors_only=False,
    )


def vendor_answered(vendor_request):
    coalition = vendor_request.coalition
    notify(
        coalition,
        _("%(vendor)s answered the requirements of %(name)s")
        % {"vendor": vendor_request.vendor.name, "name": coalition.name},
        _("%(vendor)s answered the requirements. Compare the answers on the coalition page.")
        % {"vendor": vendor_request.vendor.name},
        coordinator_ids(coalition),
    )


def vendor_invited(vendor_request):
    """To the vendor's representatives: a link to the answer form, nothing about the
    coalition's members."""

    coalition, vendor = vendor_request.coalition, vendor_request.vendor
    addresses = sorted(
        VendorRepresentative.objects.filter(vendor=vendor, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.WAGTAILADMIN_BASE_URL + reverse(
            "vendor_request_answer", args=[vendor_request.pk]
        )
        subject = _("The coalition %(name)s asks you to answer its requirements") % {
            "name": coalition.name
        }
        body = (
            _(
                "A coalition of care providers asks %(vendor)s to answer its requirements "
                "(complies, partly or no, with a comment)."
            )
            % {"vendor": vendor.name}
            + f"\n\n{link}\n"
        )

    def enqueue():
        try:
            send_to_addresses.enqueue(str(subject), body, addresses)
        except Exception as err:  # the invitation has committed; never fail it
            logger.warning("Could not queue the vendor invitation mail: %s", err)

    if addresses:
        transaction.on_commit(enqueue)
