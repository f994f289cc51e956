"""The AI monitor: aggregates of the care providers' AI registers, under the same
disclosure rules as the market monitor (disclosure.statistics).

What a release holds (topic ``ai-monitor``): the register as it stood on the release's
day, one row per application of a care provider (organisation, its sector, the year the
application was registered, origin, funnel phase, kind, risk class), and the
selections (sector, year) withheld against differencing. Every figure is computed
from that frozen table through the gate when first asked for, so a figure never moves
until the next release, whatever anyone writes in the meantime.

"Year" means: the applications registered in the portal by the end of that year (by
the release's day for the current year) that were still in a register on the release's
day, with their origin, phase, kind and risk class as they were on that day. The
register keeps no history of phases, so a past year is not the funnel as it stood then.
No minimum age applies (as it does to prices): these are no prices, and a register
entry shows only in the next release.

Protection, per selection (a sector or all sectors, and a year):
- every count and share is a protected count / share: at least 5 organisations, none
  with more than 25% of it, Laplace noise seeded from the data (noise.cell_key);
- selections nest (a sector inside all sectors, a year inside the next): their
  organisation sets go through complementary suppression (disclosure.differencing),
  all selections at once and against the sets shown in the differencing window, and a
  selection that clashes is withheld as a whole; per year a withheld sector takes the
  smallest other with it until the withheld sectors together pass the rules;
- each category (bought, pilot, high risk, ...) over those selections is a quantity of
  its own, checked the same way; and the sector x category table of each year gets
  complementary suppression both ways: within one distribution the categories add up
  to the selection's total, across sectors they add up to all sectors, so a withheld
  cell takes the smallest shown one with it until the withheld cells together pass the
  rules, and no total minus the shown cells gives a withheld one.
All of it is decided when the release is made and stored in it."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from airegister.models import AIApplication
from disclosure import releases
from disclosure.differencing import Candidate, suppress_differencing
from disclosure.history import ShownSets
from disclosure.rules import Rules
from disclosure.statistics import (
    Figure,
    protected_count,
    protected_share,
    reason_text,
    withheld_reason,
)
from portal.choices import Sector
from portal.models import Organization

TOPIC = "ai-monitor"
TABLE = "table"
WITHHELD = "withheld-selections"  # {(sector, year)} withheld against differencing
# {(sector, year, column, value)}: category cells withheld against differencing
WITHHELD_CELLS = "withheld-cells"
HISTORY = "history"  # ShownSets of the selections shown (group HISTORY_GROUP)
HISTORY_GROUP = "ai-applications"
YEARS = 5  # the years a release covers, up to its own
CACHE_SECONDS = 24 * 3600
COLUMNS = ["organization_id", "sector", "year", "origin", "phase", "kind", "risk_class"]
ALL = ""  # the sector filter's "all sectors"

Application = AIApplication
DISTRIBUTIONS = {
    "origin": (_("Origin"), Application.Origin),
    "phase": (_("Funnel phase"), Application.Phase),
    "kind": (_("Kind of AI"), Application.Kind),
    "risk_class": (_("AI Act risk class"), Application.RiskClass),
}


@dataclass
class MonitorTable:
    as_of: date
    applications: pd.DataFrame  # COLUMNS
    release: object = None  # set when read from a release

    @property
    def released(self):
        return self.release is not None

    @property
    def years(self):
        return list(range(self.as_of.year - YEARS + 1, self.as_of.year + 1))

    def sectors(self):
        """The sectors with any application, in the order of the Sector choices."""
        present = set(self.applications["sector"])
        return [value for value in Sector.values if value in present]

    def selected(self, sector, year):
        rows = self.applications
        rows = rows[rows["year"] <= year]
        if sector:
            rows = rows[rows["sector"] == sector]
        return rows


def _empty():
    return pd.DataFrame({column: pd.Series(dtype="object") for column in COLUMNS}).astype(
        {"organization_id": "int64", "year": "int64"}
    )


def load(as_of) -> MonitorTable:
    """The care providers' applications registered by the end of ``as_of``."""
    end = timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))
    rows = (
        AIApplication.objects.filter(
            organization__type=Organization.Type.CARE_PROVIDER, created_at__lt=end
        )
        .annotate(year=ExtractYear("created_at"))
        .values_list(
            "organization_id",
            "organization__sector",
            "year",
            "origin",
            "phase",
            "kind",
            "risk_class",
        )  # fmt: skip
    )
    frame = pd.DataFrame(list(rows), columns=COLUMNS) if rows else _empty()
    frame = frame.astype({"organization_id": "int64", "year": "int64"})
    return MonitorTable(as_of=as_of, applications=frame)


def members(rows) -> np.ndarray:
    return np.unique(rows["organization_id"].to_numpy(dtype=np.int64))


def produce(context):
    """The release's parts: the frozen table, the selections withheld against
    differencing, and the sets shown (carried to the next release)."""
    table = load(context.as_of)
    yield TABLE, table
    history = (context.previous(TOPIC, HISTORY) or ShownSets()).within(context.window)
    candidates = []
    for sector in [ALL, *table.sectors()]:
        for year in table.years:
            found = members(table.selected(sector, year))
            if len(found) >= context.rules.min_organisations:
                candidates.append(Candidate((sector, year), found))
    withheld = suppress_differencing(
        candidates,
        context.rules.min_organisations,
        published_before=history.candidates(HISTORY_GROUP),
    )
    withheld = set(withheld) | _sector_complements(table, withheld, context.rules)
    yield WITHHELD, frozenset(withheld)
    for candidate in candidates:
        if candidate.key not in withheld:
            history.add(HISTORY_GROUP, context.number, candidate.members)
    yield WITHHELD_CELLS, frozenset(_cell_decisions(table, withheld, history, context))
    yield HISTORY, history


def _cells(table):
    """(column, value) of every category of every distribution."""
    return [
        (column, value)
        for column, (_label, choices) in DISTRIBUTIONS.items()
        for value in choices.values
    ]


def _fails(rows, rules):
    return bool(withheld_reason(rows.groupby("organization_id").size().to_numpy(), rules))


def _cell_decisions(table, withheld_selections, history, context):
    """The category cells (sector, year, column, value) to withhold against differencing:
    1. one category over nested selections (all sectors and a sector, a year and the
       next) is a quantity of its own whose organisation sets must not differ by 1 to 5
       (disclosure.differencing, against the release window too);
    2. complementary suppression both ways of the sector x category table of each year:
       within one distribution (the categories add up to the selection's total) and
       across sectors (the sectors add up to all sectors), repeated until neither adds
       a cell, so that no total minus the shown cells gives a withheld cell."""
    rules = context.rules
    withheld = set()
    sectors = [ALL, *table.sectors()]
    for column, value in _cells(table):
        group = f"{HISTORY_GROUP}:{column}:{value}"
        candidates = []
        for sector in sectors:
            for year in table.years:
                rows = table.selected(sector, year)
                found = members(rows[rows[column] == value])
                if len(found) >= rules.min_organisations and (sector, year) not in (
                    withheld_selections
                ):
                    candidates.append(Candidate((sector, year, column, value), found))
        clashing = suppress_differencing(
            candidates, rules.min_organisations, published_before=history.candidates(group)
        )
        withheld |= set(clashing)
        for candidate in candidates:
            if candidate.key not in clashing:
                history.add(group, context.number, candidate.members)
    for year in table.years:
        withheld |= _complements_of_year(table, year, withheld, withheld_selections, rules)
    return withheld


def _complements_of_year(table, year, withheld, withheld_selections, rules):
    sectors = [ALL, *table.sectors()]
    selected = {sector: table.selected(sector, year) for sector in sectors}
    hidden = {s for s in sectors if (s, year) in withheld_selections or _fails(selected[s], rules)}
    rows = {
        (sector, column, value): selected[sector][selected[sector][column] == value]
        for sector in sectors
        for column, value in _cells(table)
    }
    out = {  # every cell not shown, for whatever reason
        (sector, column, value)
        for (sector, column, value), found in rows.items()
        if sector in hidden or (sector, year, column, value) in withheld or _fails(found, rules)
    }
    added = set()
    for _round in range(10):
        new = set()
        for sector in sectors:
            if sector in hidden:
                continue
            for column, (_label, choices) in DISTRIBUTIONS.items():
                parts = {v: rows[(sector, column, v)] for v in choices.values}
                primary = {v for v in choices.values if (sector, column, v) in out}
                new |= {(sector, column, v) for v in complementary(parts, primary, rules)}
        for column, value in _cells(table):
            if (ALL, column, value) in out:
                continue
            parts = {s: rows[(s, column, value)] for s in sectors[1:]}
            primary = {s for s in sectors[1:] if (s, column, value) in out}
            new |= {(s, column, value) for s in complementary(parts, primary, rules)}
        new -= out
        if not new:
            break
        out |= new
        added |= new
    return {(sector, year, column, value) for sector, column, value in added}


def _sector_complements(table, withheld, rules):
    """Per year, the sectors to withhold besides those withheld already, so that all
    sectors' figure minus the shown sectors' never gives a withheld sector's (or a
    withheld group of sectors') figure (``complementary``)."""
    added = set()
    for year in table.years:
        parts = {sector: table.selected(sector, year) for sector in table.sectors()}
        primary = {
            sector
            for sector, rows in parts.items()
            if (sector, year) in withheld
            or withheld_reason(rows.groupby("organization_id").size().to_numpy(), rules)
        }
        added |= {(sector, year) for sector in complementary(parts, primary, rules)}
    return added


def monitor_table() -> MonitorTable:
    """The table of the current release (never live data); ``released`` False before
    the first release with this topic."""
    release = releases.current()
    if release is None:
        return MonitorTable(as_of=timezone.localdate(), applications=_empty())
    table = releases.part(release, TOPIC, TABLE)
    if table is None:  # a release made before this topic existed
        return MonitorTable(as_of=release.as_of, applications=_empty())
    table.release = release
    return table


# Figures -------------------------------------------------------------------------------


def complementary(parts, withheld, rules: Rules):
    """The cells to withhold besides ``withheld`` so that the cells withheld, taken
    together, pass the rules themselves: ``parts`` (cell -> its rows) add up to a
    published total, so the total minus the published cells is the sum of the withheld
    ones. Adds the smallest published cell (by applications; ties by order) until the
    union passes or nothing is left."""
    withheld, added = set(withheld), []

    def union_fails():
        rows = [parts[cell] for cell in withheld if not parts[cell].empty]
        if not rows:
            return False
        per_org = pd.concat(rows).groupby("organization_id").size()
        return bool(withheld_reason(per_org.to_numpy(), rules))

    order = list(parts)
    while withheld and union_fails():
        shown = [cell for cell in order if cell not in withheld]
        if not shown:
            break
        smallest = min(shown, key=lambda cell: (len(parts[cell]), order.index(cell)))
        withheld.add(smallest)
        added.append(smallest)
    return added


def _figure(figure: Figure, **extra):
    return {"value": figure.value, "withheld": figure.code, "reason": figure.reason, **extra}


def distribution(rows, column, choices, rules: Rules, withheld_cells=frozenset()):
    """Per category of ``column``: the number of applications (protected count) and
    their share of all (protected share); ``withheld_cells``: the categories withheld
    against differencing by the release (``_cell_decisions``)."""
    per_org = rows.groupby("organization_id").size().astype("float64")
    counts, shares = {}, {}
    for value in choices.values:
        part = rows[rows[column] == value].groupby("organization_id").size().astype("float64")
        counts[value] = protected_count(part, rules)
        shares[value] = protected_share(part, per_org, rules)
        if value in withheld_cells and not shares[value].suppressed:
            counts[value] = shares[value] = Figure(code="differencing")
    return [
        {
            "code": value,
            "label": str(label),
            "count": counts[value].value,
            "share": shares[value].value,
            "withheld": shares[value].code or counts[value].code,
            "reason": shares[value].reason or counts[value].reason,
        }
        for value, label in choices.choices
    ]


def selection_figures(table: MonitorTable, sector, year, rules=None):
    """Every figure of one selection, or the whole selection withheld."""
    rules = rules or Rules.from_settings()
    rows = table.selected(sector, year)
    withheld_selections = releases.part(table.release, TOPIC, WITHHELD, frozenset())
    cells = releases.part(table.release, TOPIC, WITHHELD_CELLS, frozenset())
    ones = pd.Series(1.0, index=pd.Index(members(rows)))
    organisations = protected_count(ones, rules)
    if (sector, year) in withheld_selections:
        organisations = Figure(code="differencing")
    if organisations.suppressed:
        return {
            "withheld": organisations.code,
            "reason": organisations.reason,
            "organisations": None,
            "applications": None,
            **dict.fromkeys(DISTRIBUTIONS),
        }
    applications = protected_count(rows.groupby("organization_id").size(), rules)
    return {
        "withheld": "",
        "reason": "",
        "organisations": organisations.value,
        "applications": _figure(applications),
        **{
            column: distribution(
                rows,
                column,
                choices,
                rules,
                {v for (s, y, c, v) in cells if (s, y, c) == (sector, year, column)},
            )
            for column, (_label, choices) in DISTRIBUTIONS.items()
        },
    }


def _cached(table, *key, compute):
    """Figures never move within a release: each answer is computed once."""
    if table.release is None:
        return compute()
    parts = ("ai-monitor", table.release.pk, get_language(), *key)
    return cache.get_or_set(":".join(str(k) for k in parts), compute, timeout=CACHE_SECONDS)


def release_info(table):
    return releases.describe(table.release)


def report(sector=ALL, year=None, table=None):
    """What the page and the API show: the selection's figures, and per year and per
    sector the number of applications and the share bought."""
    table = table or monitor_table()
    if not table.released:
        return {
            "release": None,
            "sector": sector,
            "year": year,
            "withheld": "no_release",
            "reason": reason_text("no_release"),
        }
    year = year or table.as_of.year
    rules = Rules.from_settings()

    def figures(s, y):
        return _cached(table, s, y, compute=lambda: selection_figures(table, s, y, rules))

    def headline(s, y):
        found = figures(s, y)
        applications = found["applications"] or {"value": None, "reason": found["reason"]}
        bought = (found["origin"] or [{"share": None, "reason": found["reason"]}])[0]
        return {
            "applications": applications["value"],
            "applications_reason": applications["reason"],
            "bought_share": bought["share"],
            "bought_reason": bought["reason"],
        }

    return {
        "release": release_info(table),
        "sector": sector,
        "year": year,
        **figures(sector, year),
        "years": [{"year": y, **headline(sector, y)} for y in table.years],
        "sectors": [
            {"sector": s, "label": str(Sector(s).label), **headline(s, year)}
            for s in table.sectors()
        ],
    }
