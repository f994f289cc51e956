"""What a coalition's members bring together: their size, when their contracts end,
their combined spend (a total, and only under the portal's disclosure rules), the
savings against the benchmark, and their share of the purchasing market for the
competition-law check.

Spend comes from the same yearly figures as the price benchmarks (prices.facts, via the
cached publication of each category), so a coalition's total and the benchmark are
normalised alike and a contract counts once it is PRICE_MIN_AGE_DAYS old."""

import weakref
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import CoalitionMember
from contracts.models import Contract
from portal.models import Organization, OrganizationSize
from prices.releases import publication_for
from prices.disclosure import REASON_DOMINANT, REASON_TOO_FEW, Rules
from prices.publication import CellKey

Status = CoalitionMember.Status
Role = CoalitionMember.Role


@dataclass
class Savings:
    category: str
    median: Decimal | None  # the current spend minus the spend at the benchmark median
    p25: Decimal | None
    reason: str = ""


@dataclass
class Demand:
    members: int
    fte: Decimal
    beds: int
    users: int
    end_years: list  # [(year, number of members' contracts ending that year)]
    spend: Decimal | None = None  # None when the disclosure rules keep it back
    spend_reason: str = ""
    savings: list = field(default_factory=list)


@dataclass
class CompetitionCheck:
    share_by_spend: float | None  # fractions of the purchasing market, None when unknown
    share_by_beds: float | None
    limit: float

    @staticmethod
    def _percent(share):
        return None if share is None else round(share * 100, 1)

    @property
    def spend_percent(self):
        return self._percent(self.share_by_spend)

    @property
    def beds_percent(self):
        return self._percent(self.share_by_beds)

    @property
    def limit_percent(self):
        return self._percent(self.limit)

    @property
    def exceeded(self):
        return any(
            share is not None and share > self.limit
            for share in (self.share_by_spend, self.share_by_beds)
        )


def buying_member_ids(coalition):
    """Active care-provider members that are not observers: an association may
    coordinate and an adviser observe, but neither buys."""
    return set(
        coalition.members.filter(
            status=Status.ACTIVE, organization__type=Organization.Type.CARE_PROVIDER
        )
        .exclude(role=Role.OBSERVER)
        .values_list("organization_id", flat=True)
    )


# Per cached publication (prices.cache keeps them per process) and year: its rows of all
# costs by organisation. Filtering the national facts takes tens of milliseconds; this
# runs on every members' page.
_rows_by_publication = weakref.WeakKeyDictionary()


def _spend_rows(publication, year):
    by_year = _rows_by_publication.setdefault(publication, {})
    if year not in by_year:
        facts = publication.facts
        rows = facts[
            (facts["year"] == year) & (facts["cost_type"] == "") & (facts["supplier_kind"] == "")
        ]
        by_year[year] = rows[["organization_id", "cents", "fte", "beds", "user_qty"]].copy()
    return by_year[year]


def _year_rows(coalition, year, today):
    """Per category: one row per organisation with its yearly spend (cents), FTE, beds
    and users in ``year``, for every care provider buying in the category."""
    frames = {}
    for category in coalition.categories.all():
        publication = publication_for(category, today=today)
        if not publication.facts.empty:
            frames[category] = _spend_rows(publication, year)
    return frames


@dataclass(frozen=True)
class Size:
    fte: Decimal
    beds: int | None


def _latest_sizes(organization_ids):
    """{organisation id: Size} from each organisation's latest reported year."""
    rows = (
        OrganizationSize.objects.filter(organization_id__in=organization_ids)
        .order_by("organization_id", "year")
        .values_list("organization_id", "fte", "beds")
    )
    return {org: Size(fte, beds) for org, fte, beds in rows}  # the last year wins


def disclosed_total(spend_by_org, rules):
    """The members' combined spend, or (None, reason) under the disclosure rules: at
    least ``min_organisations`` contributors and none above ``max_share`` of the total."""
    spend_by_org = {org: cents for org, cents in spend_by_org.items() if cents > 0}
    if len(spend_by_org) < rules.min_organisations:
        return None, str(REASON_TOO_FEW)
    total = sum(spend_by_org.values())
    if max(spend_by_org.values()) / total > rules.max_share:
        return None, str(REASON_DOMINANT)
    return Decimal(total) / 100, ""


def savings_against(spend_cents, fte, median_per_fte, p25_per_fte):
    """Current spend (cents) of the members with an FTE figure minus what they would
    pay at the benchmark's median and P25 per FTE, in euros (negative: they pay less)."""
    current = Decimal(spend_cents) / 100
    fte = Decimal(str(fte))

    def at(per_fte):
        if per_fte is None:
            return None
        return (current - fte * Decimal(str(per_fte))).quantize(Decimal("1"))

    return at(median_per_fte), at(p25_per_fte)


def aggregated_demand(coalition, *, today=None, rules=None):
    today = today or timezone.localdate()
    rules = rules or Rules.from_settings()
    members = buying_member_ids(coalition)
    sizes = _latest_sizes(members)
    ends = Counter(
        end.year
        for end in Contract.objects.running()
        .filter(organization_id__in=members, category__in=coalition.categories.all())
        .values_list("end_date", flat=True)
    )
    frames = _year_rows(coalition, today.year, today)
    spend_by_org = Counter()
    users = 0
    for rows in frames.values():
        own = rows[rows["organization_id"].isin(members)]
        for org, cents in own.groupby("organization_id")["cents"].sum().items():
            spend_by_org[org] += int(cents)
        users += int(own["user_qty"].fillna(0).sum())
    demand = Demand(
        members=len(members),
        fte=sum((s.fte for s in sizes.values()), Decimal(0)),
        beds=sum(s.beds or 0 for s in sizes.values()),
        users=users,
        end_years=sorted(ends.items()),
    )
    demand.spend, demand.spend_reason = disclosed_total(spend_by_org, rules)
    if demand.spend is not None:
        demand.savings = _savings(coalition, frames, members, today)
    return demand


def _savings(coalition, frames, members, today):
    found = []
    for category, rows in frames.items():
        own = rows[rows["organization_id"].isin(members) & rows["fte"].notna()]
        cell = publication_for(category, today=today).cell(CellKey("per_fte", today.year))
        if cell.suppressed or own.empty:
            found.append(Savings(str(category), None, None, cell.reason or str(REASON_TOO_FEW)))
            continue
        median, p25 = savings_against(
            int(own["cents"].sum()), float(own["fte"].sum()), cell.median, cell.p25
        )
        found.append(Savings(str(category), median, p25))
    return found


def competition_check(coalition, *, today=None):
    """The members' combined share of the purchasing market in the coalition's
    categories this year, by spend and by beds (members without a contract there yet
    still count in both the coalition and the market)."""
    today = today or timezone.localdate()
    members = buying_member_ids(coalition)
    frames = _year_rows(coalition, today.year, today)
    limit = settings.COALITION_MARKET_SHARE_LIMIT
    if not frames:
        return CompetitionCheck(None, None, limit)
    rows = pd.concat(frames.values(), ignore_index=True)
    market_cents = rows["cents"].sum()
    own_cents = rows.loc[rows["organization_id"].isin(members), "cents"].sum()
    beds = rows.groupby("organization_id")["beds"].max().fillna(0).to_dict()
    for org, size in _latest_sizes(members - set(beds)).items():
        beds[org] = size.beds or 0
    market_beds = sum(beds.values())
    own_beds = sum(v for org, v in beds.items() if org in members)
    return CompetitionCheck(
        share_by_spend=float(own_cents / market_cents) if market_cents else None,
        share_by_beds=float(own_beds / market_beds) if market_beds else None,
        limit=limit,
    )


# Shown next to the check on every coalition page above the limit.
WARNING = _(
    "The members together buy more than %(limit)s of this market. Joint purchasing above "
    "that share needs a legal check: the coordinators complete the competition-law "
    "checklist before the market consultation."
)
