"""The renewal radar: when must notice be given, and its calendar export."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from contracts import ical
from contracts.selectors import radar_for_user


def _rows(user):
    return radar_for_user(user, timezone.localdate())


@login_required
@require_safe
def renewal_radar(request):
    rows = _rows(request.user)
    counts = {key: sum(1 for *_, u in rows if u == key) for key in ("urgent", "soon")}
    return render(request, "contracts/renewal_radar.html", {"rows": rows, "counts": counts})


@login_required
@require_safe
def renewal_calendar(request):
    events = [
        (
            f"contract-{contract.pk}-{found.deadline:%Y%m%d}",
            found.deadline,
            _("Notice deadline: %(reference)s (%(vendor)s)")
            % {"reference": contract.reference, "vendor": contract.vendor.name},
            _(
                "Last day to give notice for contract %(reference)s with %(vendor)s, which "
                "otherwise runs until %(end)s%(renews)s."
            )
            % {
                "reference": contract.reference,
                "vendor": contract.vendor.name,
                "end": found.end_date.strftime("%d-%m-%Y"),
                "renews": _(" and then renews automatically") if contract.auto_renewal else "",
            },
        )
        for contract, found, _urgency in _rows(request.user)
    ]
    body = ical.calendar(events, name=_("Notice deadlines"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="opzegkalender.ics"'
    return response
