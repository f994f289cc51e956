"""Finding partners for one contract: open coalitions in its category that the user may
see, and other care providers that opted in to be findable and whose contract in the
same category ends within four quarters of this one's end quarter. Others are shown by
name, sector, province and the quarter in which their contract ends: never prices or
exact dates.

The window is whole quarters, so moving one's own end date (to scan) shows no more than
the quarter that is shown anyway (a window of exactly 365 days gave the red team other
organisations' end dates to the day); and only contracts that started, and were
recorded, at least 90 days ago count, as for every other figure."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from coalitions.access import visible_coalitions
from coalitions.models import Coalition
from contracts.models import Contract
from disclosure.rules import recorded_by
from portal.models import Organization

WINDOW_QUARTERS = 4
ENDED = (Coalition.Stage.CLOSED, Coalition.Stage.ABANDONED)


@dataclass(frozen=True)
class Partner:
    name: str
    slug: str
    sector: str
    province: str
    ends: str  # "2027 Q3"


def quarter(day):
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def quarter_start(day, shift=0):
    """The first day of ``day``'s quarter, moved ``shift`` quarters."""
    index = day.year * 4 + (day.month - 1) // 3 + shift
    return date(index // 4, index % 4 * 3 + 1, 1)


def open_coalitions(user, contract):
    return (
        visible_coalitions(user)
        .filter(categories=contract.category)
        .exclude(stage__in=ENDED)
        .distinct()
    )


def partners(contract, *, sector="", province=""):
    today = timezone.localdate()
    age = settings.PRICE_MIN_AGE_DAYS
    candidates = (
        Contract.objects.running()
        .filter(
            category=contract.category,
            end_date__gte=quarter_start(contract.end_date, -WINDOW_QUARTERS),
            end_date__lt=quarter_start(contract.end_date, WINDOW_QUARTERS + 1),
            start_date__lte=today - timedelta(days=age),
            created_at__lt=recorded_by(today, age),
            organization__findable_for_coalitions=True,
            organization__type=Organization.Type.CARE_PROVIDER,
        )
        .exclude(organization=contract.organization)
        .select_related("organization")
        .order_by("organization__name", "end_date")
    )
    if sector:
        candidates = candidates.filter(organization__sector=sector)
    if province:
        candidates = candidates.filter(organization__province=province)
    found = {}
    for other in candidates:
        org = other.organization
        if org.pk not in found:  # the earliest-ending contract of each organisation
            found[org.pk] = Partner(
                org.name,
                org.slug,
                org.get_sector_display(),
                org.get_province_display(),
                quarter(other.end_date),
            )
    return list(found.values())
