"""The start page's coalition panels: the organisation's coalitions with their open work
(invitations, requests to join, vendors yet to answer), and a vendor representative's
open requests for information."""

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from coalitions.models import Coalition, CoalitionMember, VendorRequest
from portal.models import Organization
from portal.selectors import memberships_of
from portal.start import StartLine, StartPanel
from vendors.access import represents_a_vendor

Status = CoalitionMember.Status
FINISHED = (Coalition.Stage.CLOSED, Coalition.Stage.ABANDONED)
COALITION_MEMBERS = (Organization.Type.CARE_PROVIDER, Organization.Type.USER_ASSOCIATION)
OPEN_WORK_LABEL = gettext_lazy("open work")
INVITED_LABEL = gettext_lazy("invitation")


def _open_work(coalition):
    parts = []
    if coalition.join_requests:
        parts.append(
            ngettext("%(n)d request to join", "%(n)d requests to join", coalition.join_requests)
            % {"n": coalition.join_requests}
        )
    if coalition.unanswered:
        parts.append(
            ngettext(
                "%(n)d vendor yet to answer", "%(n)d vendors yet to answer", coalition.unanswered
            )
            % {"n": coalition.unanswered}
        )
    return parts


def _line(membership):
    coalition = membership.coalition
    if membership.status == Status.INVITED:
        return StartLine(
            text=coalition.name,
            url=reverse("coalition_detail", args=[coalition.slug]),
            note=_("%(organisation)s is invited to join")
            % {"organisation": membership.organization},
            state="soon",
            state_label=str(INVITED_LABEL),
        )
    work = _open_work(coalition) if membership.role == CoalitionMember.Role.COORDINATOR else []
    return StartLine(
        text=coalition.name,
        url=reverse("coalition_detail", args=[coalition.slug]),
        note=" · ".join([str(coalition.get_stage_display()), *work]),
        state="urgent" if work else "",
        state_label=str(OPEN_WORK_LABEL) if work else "",
    )


def own_coalitions(request, today):
    organizations = (
        memberships_of(request.user)
        .filter(organization__type__in=COALITION_MEMBERS)
        .values("organization")
    )
    if not organizations.exists():
        return None
    counted = Coalition.objects.annotate(
        join_requests=Count("members", filter=Q(members__status=Status.REQUESTED), distinct=True),
        unanswered=Count(
            "vendor_requests", filter=Q(vendor_requests__answered_at__isnull=True), distinct=True
        ),
    )
    memberships = (
        CoalitionMember.objects.filter(
            organization__in=organizations, status__in=(Status.ACTIVE, Status.INVITED)
        )
        .exclude(coalition__stage__in=FINISHED)
        .select_related("organization")
        .prefetch_related(Prefetch("coalition", queryset=counted))
    )
    # Invitations first, then coalitions with open work, then by name.
    lines = sorted(
        (_line(m) for m in memberships),
        key=lambda line: (line.state_label != str(INVITED_LABEL), line.state == "", line.text),
    )
    return StartPanel(
        title=_("Your coalitions"),
        lines=lines,
        empty=_("Your organisation takes part in no coalition yet."),
        more_url=reverse("coalition_list"),
        more_label=_("All coalitions"),
    )


def vendor_requests(request, today):
    if not represents_a_vendor(request.user):
        return None
    vendor = request.user.vendor_representative.vendor
    open_requests = (
        VendorRequest.objects.filter(vendor=vendor, answered_at__isnull=True)
        .exclude(coalition__stage__in=FINISHED)
        .select_related("coalition")
        .order_by("invited_at")
    )
    return StartPanel(
        title=_("Open requests for information"),
        lines=[
            StartLine(
                text=r.coalition.name,
                url=reverse("vendor_request_answer", args=[r.pk]),
                note=_("Asked on %(date)s") % {"date": date_format(r.invited_at.date())},
            )
            for r in open_requests
        ],
        empty=_("No coalition is waiting for your answers."),
        more_url=reverse("vendor_requests"),
        more_label=_("All requests"),
    )
