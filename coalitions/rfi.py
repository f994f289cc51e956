"""Vendor requests (RFI): coordinators invite vendors to answer the requirements; each
vendor answers every requirement with complies / partly / no and a comment. Members see
the answers side by side; a vendor sees only its own."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalitions import notifications
from coalitions.models import Coalition, VendorAnswer, VendorRequest

Stage = Coalition.Stage
ANSWERABLE_STAGES = (Stage.REQUIREMENTS, Stage.CONSULTATION, Stage.NEGOTIATING)


@transaction.atomic
def invite_vendor(coalition, vendor, *, user):
    if coalition.stage not in ANSWERABLE_STAGES:
        raise ValidationError(
            _("Vendors can be asked to answer from the stage “%(stage)s” on.")
            % {"stage": Stage.REQUIREMENTS.label}
        )
    if not coalition.requirements.exists():
        raise ValidationError(_("Write the requirements before inviting vendors."))
    request, created = VendorRequest.objects.get_or_create(
        coalition=coalition, vendor=vendor, defaults={"invited_by": user}
    )
    if not created:
        raise ValidationError(_("This vendor was already asked."))
    return request


def requests_for_vendor(vendor):
    return VendorRequest.objects.filter(vendor=vendor).select_related("coalition")


@transaction.atomic
def save_answers(vendor_request, answers):
    """``answers``: {requirement id: (answer, comment)} for the request's coalition.
    All or nothing: an unknown requirement or answer refuses the whole form."""
    coalition = vendor_request.coalition
    if coalition.stage not in ANSWERABLE_STAGES:
        raise ValidationError(_("This request is closed."))
    requirements = set(coalition.requirements.values_list("pk", flat=True))
    for requirement_id, (answer, _comment) in answers.items():
        if requirement_id not in requirements:
            raise ValidationError(_("Unknown requirement."))
        if answer not in VendorAnswer.Answer.values:
            raise ValidationError(_("Answer complies, partly or no for every requirement."))
    existing = {a.requirement_id: a for a in vendor_request.answers.all()}
    for requirement_id, (answer, comment) in answers.items():
        found = existing.get(requirement_id)
        if found is None:
            VendorAnswer.objects.create(
                request=vendor_request,
                requirement_id=requirement_id,
                answer=answer,
                comment=comment[:3000],
            )
        elif (found.answer, found.comment) != (answer, comment[:3000]):
            found.answer, found.comment = answer, comment[:3000]
            found.save(update_fields=["answer", "comment", "answered_at"])
    vendor_request.answered_at = timezone.now()
    vendor_request.save(update_fields=["answered_at"])
    notifications.vendor_answered(vendor_request)
    return vendor_request


def answer_matrix(coalition):
    """(vendor requests, [(requirement, [answer or None per request])]) in two queries
    plus the requirements'."""
    requests = list(coalition.vendor_requests.select_related("vendor").order_by("vendor__name"))
    position = {r.pk: i for i, r in enumerate(requests)}
    by_requirement = {}
    for answer in VendorAnswer.objects.filter(request__coalition=coalition):
        cells = by_requirement.setdefault(answer.requirement_id, [None] * len(requests))
        cells[position[answer.request_id]] = answer
    rows = [
        (requirement, by_requirement.get(requirement.pk, [None] * len(requests)))
        for requirement in coalition.requirements.order_by("number")
    ]
    return requests, rows


def answer_summary(coalition):
    """Per vendor request: the number of requirements answered complies / partly / no."""
    from django.db.models import Count, Q

    return coalition.vendor_requests.select_related("vendor").annotate(
        complies=Count("answers", filter=Q(answers__answer="complies")),
        partly=Count("answers", filter=Q(answers__answer="partly")),
        no=Count("answers", filter=Q(answers__answer="no")),
    )
