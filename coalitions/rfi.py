"""Vendor requests (RFI): coordinators invite vendors to answer the requirements; each
vendor answers every requirement with complies / partly / no and a comment. Members see
the answers side by side; a vendor sees only its own."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
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
    notifications.vendor_invited(request)
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
    """(vendor requests, [(requirement number, text, cells html)]) in three queries.
    The cells of a row are rendered here: 500 requirements by 20 vendors is 10,000 cells,
    too many for the template language within the page's time budget."""
    requests = list(coalition.vendor_requests.select_related("vendor").order_by("vendor__name"))
    position = {r.pk: i for i, r in enumerate(requests)}
    labels = dict(VendorAnswer.Answer.choices)
    cells = {}
    for requirement_id, request_id, answer, comment in VendorAnswer.objects.filter(
        request__coalition=coalition
    ).values_list("requirement_id", "request_id", "answer", "comment"):
        row = cells.setdefault(requirement_id, [None] * len(requests))
        row[position[request_id]] = (str(labels[answer]), comment)
    rows = [
        (number, text, _cells_html(cells.get(pk, [None] * len(requests))))
        for pk, number, text in coalition.requirements.order_by("number").values_list(
            "pk", "number", "text"
        )
    ]
    return requests, rows


def _cells_html(cells):
    parts = []
    for cell in cells:
        if cell is None:
            parts.append("<td>–</td>")
        elif cell[1]:
            parts.append(
                f'<td>{escape(cell[0])}<br><span class="note">{escape(cell[1])}</span></td>'
            )
        else:
            parts.append(f"<td>{escape(cell[0])}</td>")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above


def answer_summary(coalition):
    """Per vendor request: the number of requirements answered complies / partly / no."""
    return coalition.vendor_requests.select_related("vendor").annotate(
        complies=Count("answers", filter=Q(answers__answer="complies")),
        partly=Count("answers", filter=Q(answers__answer="partly")),
        no=Count("answers", filter=Q(answers__answer="no")),
    )
