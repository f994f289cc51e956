"""The start page's panel for care providers' staff: the next notice deadlines."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contracts.selectors import radar_for_user
from portal.selectors import care_providers_for
from portal.start import StartLine, StartPanel

SHOWN = 5
STATE_LABELS = {"urgent": gettext_lazy("within 6 months"), "soon": gettext_lazy("within 12 months")}


def notice_deadlines(request, today):
    user = request.user
    if not care_providers_for(user).exists():
        return None
    upcoming = [row for row in radar_for_user(user, today) if row[1].deadline >= today]
    lines = [
        StartLine(
            text=f"{contract.reference} · {contract.vendor.name}",
            url=contract.get_absolute_url(),
            note=_("Give notice by %(date)s") % {"date": date_format(found.deadline)},
            state=urgency if urgency in STATE_LABELS else "",
            state_label=str(STATE_LABELS.get(urgency, "")),
        )
        for contract, found, urgency in upcoming[:SHOWN]
    ]
    return StartPanel(
        title=_("Next notice deadlines"),
        lines=lines,
        empty=_("No running contract needs notice soon."),
        more_url=reverse("renewal_radar"),
        more_label=_("All deadlines in the renewal radar"),
    )
