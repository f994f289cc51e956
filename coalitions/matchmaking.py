"""Finding partners for one contract: open coalitions in its category that the user may
see, and other care providers that opted in to be findable and whose contract in the
same category ends within 12 months of this one. Others are shown by name, sector,
province and the quarter in which their contract ends: never prices or exact dates."""

from dataclasses import dataclass
from datetime import timedelta

from coalitions.access import visible_coalitions
from coalitions.models import Coalition
from contracts.models import Contract
from portal.models import Organization

WINDOW = timedelta(days=365)
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


def open_coalitions(user, contract):
    return (
        visible_coalitions(user)
        .filter(categories=contract.category)
        .exclude(stage__in=ENDED)
        .distinct()
    )


def partners(contract, *, sector="", province=""):
    candidates = (
        Contract.objects.running()
        .filter(
            category=contract.category,
            end_date__gte=contract.end_date - WINDOW,
            end_date__lte=contract.end_date + WINDOW,
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
