"""What a coalition's members bring together, as published: their number, their
combined spend and sizes, when their contracts end, the savings against the price
benchmark, and their share of the purchasing market for the competition-law check.

Everything except an organisation's own figures is computed from other organisations'
confidential data, so it is computed into releases (disclosure.releases, topic
"coalitions") and read from the current release:
- the members are those of the release's day (``as_of``), and only contracts at least
  ``rules.min_age_days`` old on that day count (as for the price benchmarks);
- the combined spend and the members' FTE, beds, revenue and users are protected
  totals (disclosure.statistics.protected_total: at least 5 organisations, none above
  25 %, Laplace noise scaled to the largest member, three significant figures); the
  revenue total is not shown as such: it divides a member's own revenue for its
  indicative share of the shared cost (coalitions.costs), as FTE and beds do;
- when the members' contracts end: withheld unless at least 5 members have a counted
  contract; otherwise the contracts ending in each year of a fixed range (the
  release's year and the next five, then "later"; a fixed range so that no row
  appears when one member joins), each a count plus Laplace noise scaled to the
  largest number of contracts one member has ending that year (at least one
  contract), rounded to whole contracts and never negative (``end_year_counts``).
  The noise of all rows is drawn from one seed keyed by the whole table, so a join or
  a leave redraws every row: the row that changed does not point at the newcomer's
  year;
- the savings per category are computed from two protected totals of the category's
  members (their spend and their FTE) and the category's published benchmark of the
  same release: post-processing of protected figures, so no exact sum leaks through
  them, and withheld where the category's members fail the 5-organisation or dominance
  rule;
- the market share is published only as a band (below 5 %, 5-15 %, above 15 %: what
  the 15 % check needs), from a protected total of the members over a protected total
  of the market.
- each organisation's data goes into at most ``rules.sets_per_organisation`` distinct
  member sets over the differencing window (disclosure.budget): members choose their
  coalitions, and enough coalitions of overlapping members would average the noise
  away. Sets claim their place oldest first; a later one is withheld (all but its
  market-share band).
Noise is seeded by the data alone (disclosure.noise), never by which coalition shows it:
two coalitions with the same members show the same figures, and asking again,
or forming another coalition of the same members, gains nothing.

The number of members is exact: the member list shows it anyway."""

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pandas as pd
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition, CoalitionMember
from contracts.frames import line_frame
from contracts.models import Contract
from contracts.normalise import line_annual_cents
from disclosure import noise, releases
from disclosure.budget import Ledger
from disclosure.rules import recorded_by
from disclosure.statistics import (
    Figure,
    band_of,
    protected_total,
    reason_text,
    three_significant,
)
from portal.models import Organization, OrganizationSize
from prices.facts import Sources, build_facts, family_ids
from prices.publication import CellKey
from prices.releases import publication_for
from vendors.models import ProductCategory

TOPIC = "coalitions"
LEDGER = "ledger"  # the part holding the member sets shown in the window
Status = CoalitionMember.Status
Role = CoalitionMember.Role
ROW_COLUMNS = ["organization_id", "euros", "fte", "beds", "user_qty"]
# Contract end years are published for the release's year and the next ones; the last
# row holds that year and all later ones.
END_YEAR_ROWS = 7
END_YEARS_NOISE = "coalition_end_years"  # the kind of statistic the noise is seeded with


# --- the published figures ---------------------------------------------------------------


@dataclass
class CategoryFigures:
    """A category's part of the savings estimate: the spend and FTE of the members that
    buy in it and have an FTE figure, both protected totals."""

    category_id: int
    name: str
    spend: Figure
    fte: Figure


@dataclass(frozen=True)
class EndYear:
    """One row of "when members' contracts end": the protected number of contracts
    ending in ``year`` (``or_later``: in that year or later)."""

    year: int
    contracts: int
    or_later: bool = False


@dataclass
class Published:
    """One coalition's figures in a release."""

    as_of: date
    members: int
    spend: Figure
    fte: Figure
    beds: Figure
    users: Figure
    end_years: list  # [EndYear], empty when withheld
    categories: list  # [CategoryFigures]
    share_by_spend: tuple | None  # a band (low, high or None) of fractions, None: no market
    share_by_beds: tuple | None
    end_years_code: str = ""  # why the end years are withheld
    revenue: Figure | None = None  # None in releases made before it was published
    # What the figures were computed from (coalition_figures' arguments), to recompute
    # them without a member viewer's own data (figures_for); never shown.
    inputs: dict | None = None
    code: str = ""  # why all figures are withheld (the budget), "" when they are not


def share_edges(limit):
    """The market-share bands: below a third of the limit, up to the limit, above it."""
    return (round(limit / 3, 6), limit)


def members_as_of(as_of):
    """{coalition id: (set of organisation ids, when that set formed)}: the care
    providers buying in each coalition (not observers) on ``as_of``, and the latest of
    their join times. An active member counts from the day it joined; a member that
    left after ``as_of`` still counts (it was invited before)."""
    end = timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))
    rows = (
        CoalitionMember.objects.filter(organization__type=Organization.Type.CARE_PROVIDER)
        .exclude(role=Role.OBSERVER)
        .filter(
            Q(status=Status.ACTIVE, decided_at__lt=end)
            | Q(status=Status.ACTIVE, decided_at__isnull=True)
            | Q(status=Status.LEFT, decided_at__gte=end, created_at__lt=end)
        )
        .values_list("coalition_id", "organization_id", "status", "decided_at", "created_at")
    )
    found = {}
    for coalition_id, organization_id, status, decided_at, created_at in rows:
        joined = decided_at if status == Status.ACTIVE and decided_at else created_at
        members, formed = found.get(coalition_id, (set(), joined))
        members.add(organization_id)
        found[coalition_id] = (members, max(formed, joined))
    return found


def category_rows(categories, as_of, rules):
    """{category id: one row per care provider buying in the category in ``as_of``'s
    year (its family: the category and its subcategories), with its yearly spend in
    euros, FTE and beds of that year and users}, from contracts at least
    ``rules.min_age_days`` old on ``as_of`` (prices.facts, as the benchmarks)."""
    year = as_of.year
    families = {category.pk: family_ids(category) for category in categories}
    ids = sorted({pk for family in families.values() for pk in family})
    if not ids:
        return {}
    sources = Sources.load(ids, [year], today=as_of, min_age_days=rules.min_age_days)
    found = {}
    for category in categories:
        facts = build_facts(
            category, [year], today=as_of, min_age_days=rules.min_age_days, sources=sources
        )
        rows = facts[
            (facts["year"] == year) & (facts["cost_type"] == "") & (facts["supplier_kind"] == "")
        ]
        found[category.pk] = pd.DataFrame(
            {
                "organization_id": rows["organization_id"].astype("int64"),
                "euros": rows["cents"].astype("float64") / 100,
                "fte": pd.to_numeric(rows["fte"], errors="coerce").astype("float64"),
                "beds": pd.to_numeric(rows["beds"], errors="coerce").astype("float64"),
                "user_qty": pd.to_numeric(rows["user_qty"], errors="coerce").astype("float64"),
            }
        ).reset_index(drop=True)
    return found


def latest_sizes(organization_ids, year):
    """DataFrame indexed by organisation: FTE, beds and revenue (euros) of each
    organisation's latest reported year up to ``year`` (floats, NaN when missing)."""
    rows = (
        OrganizationSize.objects.filter(organization_id__in=list(organization_ids), year__lte=year)
        .order_by("organization_id", "year")
        .values_list("organization_id", "fte", "beds", "revenue_eur")
    )
    latest = {org: (fte, beds, revenue) for org, fte, beds, revenue in rows}  # last year wins
    frame = pd.DataFrame.from_dict(latest, orient="index", columns=["fte", "beds", "revenue"])
    return frame.apply(pd.to_numeric, errors="coerce").astype("float64")


def contract_end_years(organization_ids, category_ids, as_of, rules):
    """Rows (organisation id, category id, end year) of the running contracts that count
    on ``as_of``: at least ``rules.min_age_days`` old then and not ended before it."""
    cutoff = as_of - timedelta(days=rules.min_age_days)
    rows = (
        Contract.objects.running()
        .filter(
            organization_id__in=list(organization_ids),
            category_id__in=list(category_ids),
            start_date__lte=cutoff,
            created_at__lt=recorded_by(as_of, rules.min_age_days),
            end_date__gte=as_of,
        )
        .values_list("organization_id", "category_id", "end_date")
    )
    return pd.DataFrame(
        [(org, category, end.year) for org, category, end in rows],
        columns=["organization_id", "category_id", "year"],
    )


def end_year_counts(ends, as_of, rules):
    """([EndYear], withheld code) of the members' counted contracts ``ends`` (rows of
    organisation id and end year, none before ``as_of``'s year): withheld ("too_few")
    when fewer than ``rules.min_organisations`` members have one; otherwise one row per
    year of the fixed range, each the count plus Laplace noise (scale: ``sum_noise``
    times the most contracts one member has ending that year, at least one), rounded
    to whole contracts, never negative. One seed for all rows, keyed by the whole
    table: any change of any member redraws every row."""
    if ends["organization_id"].nunique() < rules.min_organisations:
        return [], "too_few"
    first = as_of.year
    years = list(range(first, first + END_YEAR_ROWS))
    rows = ends.assign(year=ends["year"].astype(int).clip(lower=first, upper=years[-1]))
    table = (
        rows.groupby(["organization_id", "year"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=years, fill_value=0)
    )
    exact = table.sum(axis=0).to_numpy(dtype="float64")
    scales = rules.sum_noise * np.maximum(table.max(axis=0).to_numpy(dtype="float64"), 1.0)
    long = table.stack()
    long = long[long > 0]
    cell = noise.cell_key(
        long.index.get_level_values(0).to_numpy(),
        long.index.get_level_values(1).to_numpy() * 1000 + long.to_numpy(),
    )
    noisy = noise.laplace_each(exact, scales, noise.figure_seed(END_YEARS_NOISE, cell))
    counts = [max(int(round(value)), 0) for value in noisy]
    return [
        EndYear(year, count, or_later=year == years[-1])
        for year, count in zip(years, counts, strict=True)
    ], ""


def _by_org(rows, column):
    return rows.groupby("organization_id")[column].sum()


def total_for(values, rules, viewers=frozenset(), *, check=True):
    """A protected total of ``values`` (per organisation). When some of them are the
    viewer's own organisations, the rules and the noise apply to the others alone and
    the viewer's own values are added exactly: the viewer's own edits can then neither
    redraw the noise nor flip the dominance rule (no probing with one's own data)."""
    own = values[values.index.isin(viewers)]
    if own.empty:
        return protected_total(values, rules, check=check)
    others = protected_total(values[~values.index.isin(viewers)], rules, check=check)
    if others.suppressed:
        return others
    return Figure(
        value=three_significant((others.value or 0.0) + float(own.sum())),
        n_organisations=(others.n_organisations or 0) + len(own),
    )


def market_band(part, whole, rules, *, edges, viewers=frozenset()):
    """The band of ``part``'s share of ``whole`` (both per organisation), from their
    protected totals; None without a market. The part is not held to the threshold: a
    coalition of two must still learn that it exceeds the limit; the band and the
    noise (as large as its largest member) are what protect it."""
    numerator = total_for(part, rules, viewers, check=False)
    denominator = protected_total(whole, rules, check=False)
    if not denominator.value:
        return None
    return band_of(min((numerator.value or 0.0) / denominator.value, 1.0), edges)


def coalition_figures(
    *, categories, members, rows, sizes, ends, as_of, rules, limit, viewers=frozenset()
) -> Published:
    """One coalition's published figures (pure: no database). ``categories`` [(id,
    name)], ``members`` its buying members' ids, ``rows`` category_rows(), ``sizes``
    latest_sizes() of at least the members, ``ends`` contract_end_years(); ``viewers``:
    the organisations of a member viewer, whose own data is added exactly to figures
    protected over the others (total_for)."""
    inputs = {
        "categories": categories,
        "members": frozenset(members),
        "rows": {pk: rows[pk] for pk, _name in categories if pk in rows},
        "sizes": sizes.reindex(sorted(members)),
        "ends": ends[ends["organization_id"].isin(members)],
        "as_of": as_of,
        "rules": rules,
        "limit": limit,
    }
    members = set(members)
    category_ids = sorted(pk for pk, _name in categories)
    own_rows = [rows[pk] for pk in category_ids if pk in rows]
    market = (
        pd.concat(own_rows, ignore_index=True) if own_rows else pd.DataFrame(columns=ROW_COLUMNS)
    )
    mine = market[market["organization_id"].isin(members)]
    spend = _by_org(mine, "euros")
    spend = spend[spend > 0]
    member_sizes = sizes.reindex(sorted(members))
    fte = member_sizes["fte"].dropna()
    beds = member_sizes["beds"].dropna()
    revenue = member_sizes["revenue"].dropna()
    users = _by_org(mine, "user_qty").fillna(0)
    users = users[users > 0]
    per_category = []
    for pk, name in sorted(categories):
        found = rows.get(pk)
        if found is None:
            found = pd.DataFrame(columns=ROW_COLUMNS)
        buying = found[
            found["organization_id"].isin(members) & found["fte"].notna() & (found["euros"] > 0)
        ]
        category_spend = _by_org(buying, "euros")
        category_fte = buying.groupby("organization_id")["fte"].max()
        per_category.append(
            CategoryFigures(
                pk,
                name,
                total_for(category_spend, rules, viewers),
                total_for(category_fte, rules, viewers),
            )
        )
    edges = share_edges(limit)
    by_spend = by_beds = None
    if not market.empty:
        market_spend = _by_org(market, "euros")
        by_spend = market_band(
            market_spend[market_spend.index.isin(members)],
            market_spend,
            rules,
            edges=edges,
            viewers=viewers,
        )
        market_beds = market.groupby("organization_id")["beds"].max().fillna(0)
        newcomers = sorted(members - set(market_beds.index))  # members without a contract
        market_beds = pd.concat([market_beds, member_sizes["beds"].reindex(newcomers).fillna(0)])
        by_beds = market_band(
            market_beds[market_beds.index.isin(members)],
            market_beds,
            rules,
            edges=edges,
            viewers=viewers,
        )
    counted = ends[ends["organization_id"].isin(members) & ends["category_id"].isin(category_ids)]
    own_ends = counted["organization_id"].isin(viewers)
    end_years, end_years_code = end_year_counts(counted[~own_ends], as_of, rules)
    if own_ends.any() and end_years:
        end_years = _with_own_ends(end_years, counted[own_ends])
    return Published(
        as_of=as_of,
        members=len(members),
        spend=total_for(spend, rules, viewers),
        fte=total_for(fte, rules, viewers),
        beds=total_for(beds, rules, viewers),
        users=total_for(users, rules, viewers),
        end_years=end_years,
        categories=per_category,
        share_by_spend=by_spend,
        share_by_beds=by_beds,
        end_years_code=end_years_code,
        revenue=total_for(revenue, rules, viewers),
        inputs=None if viewers else inputs,
    )


def _with_own_ends(end_years, own):
    """``end_years`` (protected, of the others) with the viewer's own contracts added."""
    last = end_years[-1].year
    counts = own["year"].astype(int).clip(upper=last).value_counts()
    return [
        EndYear(row.year, row.contracts + int(counts.get(row.year, 0)), row.or_later)
        for row in end_years
    ]


def withheld(figures, code):
    """``figures`` with everything withheld for ``code`` but the market-share bands:
    the competition-law check must still see whether the members buy above the limit
    (three coarse bands from noisy totals)."""
    return replace(
        figures,
        spend=Figure(code=code),
        fte=Figure(code=code),
        beds=Figure(code=code),
        users=Figure(code=code),
        revenue=Figure(code=code),
        end_years=[],
        end_years_code=code,
        categories=[],
        inputs=None,
        code=code,
    )


def claim_order(coalitions, members, ledger):
    """The coalitions in the order their member sets claim the members' budgets: sets
    already shown in the window first (they cost nothing), then by when the set formed,
    oldest first; a coordinator forming new sets of the same members later cannot take
    an older coalition's place."""
    never = datetime.max.replace(tzinfo=UTC)

    def order(coalition):
        found, formed = members.get(coalition.pk, (set(), never))
        return (frozenset(found) not in ledger.shown, formed, coalition.pk)

    return sorted(coalitions, key=order)


def produce(context):
    """(coalition id, Published) for every coalition, the contracts read once; and the
    ledger of member sets shown (key "ledger"), which the budget of the next release
    starts from (disclosure.budget)."""
    rules, as_of = context.rules, context.as_of
    ledger = context.previous(TOPIC, LEDGER) or Ledger()
    ledger = ledger.within(context.window)
    coalitions = list(Coalition.objects.prefetch_related("categories"))
    members = members_as_of(as_of)
    categories = {c.pk: c for coalition in coalitions for c in coalition.categories.all()}
    rows = category_rows(list(categories.values()), as_of, rules)
    everyone = set().union(*(found for found, _formed in members.values()))
    sizes = latest_sizes(everyone, as_of.year)
    ends = contract_end_years(everyone, categories, as_of, rules)
    limit = settings.COALITION_MARKET_SHARE_LIMIT
    for coalition in claim_order(coalitions, members, ledger):
        found = members.get(coalition.pk, (set(), None))[0]
        figures = coalition_figures(
            categories=[(c.pk, str(c)) for c in coalition.categories.all()],
            members=found,
            rows=rows,
            sizes=sizes,
            ends=ends,
            as_of=as_of,
            rules=rules,
            limit=limit,
        )
        if found and not ledger.allows(found, rules.sets_per_organisation):
            figures = withheld(figures, "budget")
        elif found:
            ledger.spend(found, context.number)
        yield coalition.pk, figures
    yield LEDGER, ledger


# --- reading them ------------------------------------------------------------------------


@dataclass
class Savings:
    category: str
    median: float | None  # the members' spend minus their spend at the benchmark median
    p25: float | None
    reason: str = ""


@dataclass
class Demand:
    """What a coalition page shows of the current release (``code`` "no_release" when
    the coalition is not in one yet)."""

    as_of: date | None = None
    code: str = ""
    members: int | None = None
    spend: Figure = field(default_factory=lambda: Figure(code="no_release"))
    fte: Figure = field(default_factory=lambda: Figure(code="no_release"))
    beds: Figure = field(default_factory=lambda: Figure(code="no_release"))
    users: Figure = field(default_factory=lambda: Figure(code="no_release"))
    end_years: list = field(default_factory=list)  # [EndYear]
    end_years_code: str = ""
    savings: list = field(default_factory=list)

    @property
    def released(self):
        return not self.code

    @property
    def reason(self):
        return reason_text(self.code)

    @property
    def end_years_reason(self):
        return reason_text(self.end_years_code)


def published(coalition):
    """The coalition's part of the current release, or None."""
    return releases.part(None, TOPIC, coalition.pk)


def figures_for(coalition, viewers=()):
    """The coalition's figures in the current release as a viewer whose organisations
    are ``viewers`` may see them: recomputed from the release's inputs with those of
    them that are members added exactly to figures protected over the others; the
    release's figures for everyone else. None before the coalition's first release."""
    figures = published(coalition)
    if figures is None or not figures.inputs:
        return figures
    own = frozenset(viewers) & figures.inputs["members"]
    if not own:
        return figures
    return coalition_figures(**figures.inputs, viewers=own)


def savings_against(spend, fte, median_per_fte, p25_per_fte):
    """Spend (euros) of members with ``fte`` FTE minus what they would pay at the
    benchmark's median and P25 per FTE (negative: they pay less), three significant
    figures; None where the benchmark is not published."""

    def at(per_fte):
        if per_fte is None:
            return None
        return three_significant(float(spend) - float(fte) * float(per_fte))

    return at(median_per_fte), at(p25_per_fte)


def _savings(figures):
    found = []
    for category in figures.categories:
        withheld = category.spend if category.spend.suppressed else category.fte
        if withheld.suppressed:
            found.append(Savings(category.name, None, None, withheld.reason))
            continue
        cell = publication_for(ProductCategory(pk=category.category_id)).cell(
            CellKey("per_fte", figures.as_of.year)
        )
        if cell.suppressed or cell.median is None:
            found.append(Savings(category.name, None, None, cell.reason or reason_text("too_few")))
            continue
        median, p25 = savings_against(
            category.spend.value, category.fte.value, cell.median, cell.p25
        )
        found.append(Savings(category.name, median, p25))
    return found


def aggregated_demand(coalition, viewers=()):
    """The coalition's demand as the current release has it, for a viewer whose
    organisations are ``viewers`` (figures_for)."""
    figures = figures_for(coalition, viewers)
    if figures is None:
        return Demand(code="no_release")
    if figures.code:
        return Demand(as_of=figures.as_of, code=figures.code, members=figures.members)
    end_years, end_years_code = figures.end_years, figures.end_years_code
    if not all(isinstance(row, EndYear) for row in end_years):
        end_years, end_years_code = [], "no_release"  # exact counts of an older release
    return Demand(
        as_of=figures.as_of,
        members=figures.members,
        spend=figures.spend,
        fte=figures.fte,
        beds=figures.beds,
        users=figures.users,
        end_years=end_years,
        end_years_code=end_years_code,
        savings=_savings(figures),
    )


@dataclass
class OwnFigures:
    """An organisation's own figures, live (its own data: no release needed)."""

    spend: float
    fte: float | None
    beds: float | None


def own_figures(coalition, organization, *, today=None):
    """``organization``'s yearly spend in the coalition's categories (all its contracts
    active this year, whatever their age) and its latest FTE and beds."""
    today = today or timezone.localdate()
    lines = line_frame(
        contract__organization=organization,
        contract__category__in=coalition.categories.all(),
        contract__start_date__lte=date(today.year, 12, 31),
        contract__end_date__gte=date(today.year, 1, 1),
    )
    spend = float(line_annual_cents(lines).sum()) / 100 if not lines.empty else 0.0
    sizes = latest_sizes([organization.pk], today.year)
    fte = beds = None
    if organization.pk in sizes.index:
        row = sizes.loc[organization.pk]
        fte = None if np.isnan(row["fte"]) else float(row["fte"])
        beds = None if np.isnan(row["beds"]) else float(row["beds"])
    return OwnFigures(spend=spend, fte=fte, beds=beds)


def band_label(band):
    """ "below 5%", "5-15%" or "above 15%" for a band of fractions."""
    if band is None:
        return "–"
    low, high = band

    def percent(fraction):
        return f"{fraction * 100:g}"

    if high is None:
        return gettext("above %(low)s%%") % {"low": percent(low)}
    if not low:
        return gettext("below %(high)s%%") % {"high": percent(high)}
    return gettext("%(low)s–%(high)s%%") % {"low": percent(low), "high": percent(high)}


@dataclass
class CompetitionCheck:
    by_spend: tuple | None  # bands of the purchasing market, None when unknown
    by_beds: tuple | None
    limit: float
    as_of: date | None = None
    code: str = ""

    @property
    def spend_band(self):
        return band_label(self.by_spend)

    @property
    def beds_band(self):
        return band_label(self.by_beds)

    @property
    def limit_percent(self):
        return f"{self.limit * 100:g}"

    @property
    def exceeded(self):
        return any(
            band is not None and band[0] >= self.limit for band in (self.by_spend, self.by_beds)
        )

    @property
    def reason(self):
        return reason_text(self.code)


def competition_check(coalition, viewers=()):
    """The members' share of the purchasing market in the coalition's categories, by
    spend and by beds, as bands of the current release (members without a contract
    there count in both the coalition and the market). Unknown before the coalition's
    first release: no warning then."""
    limit = settings.COALITION_MARKET_SHARE_LIMIT
    figures = figures_for(coalition, viewers)
    if figures is None:
        return CompetitionCheck(None, None, limit, code="no_release")
    return CompetitionCheck(
        figures.share_by_spend, figures.share_by_beds, limit, as_of=figures.as_of
    )


# Shown next to the check on every coalition page above the limit.
WARNING = _(
    "The members together buy more than %(limit)s of this market. Joint purchasing above "
    "that share needs a legal check: the coordinators complete the competition-law "
    "checklist before the market consultation."
)
