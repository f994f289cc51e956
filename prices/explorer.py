"""The peer groups shown side by side in the explorer, and where an organisation's own
contracts stand against them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contracts.models import ContractLine
from contracts.normalise import contract_annual_cents
from disclosure.statistics import Quantiles
from portal.charts import PALETTE, figure
from portal.choices import Sector
from prices.access import peer_profile
from prices.peer_groups import REGION_LABELS, SIZE_BAND_CHOICES, SIZE_BANDS
from prices.publication import CellKey

METRIC_LABELS = {
    "annual": gettext_lazy("Annual cost (EUR)"),
    "per_fte": gettext_lazy("Annual cost per FTE (EUR)"),
    "per_bed": gettext_lazy("Annual cost per bed (EUR)"),
    "per_user": gettext_lazy("Annual cost per user (EUR)"),
    "per_workstation": gettext_lazy("Annual cost per workstation (EUR)"),
    "revenue_share": gettext_lazy("Share of revenue (%)"),
}
BAND_LABELS = {
    "small": gettext_lazy("small"),
    "medium": gettext_lazy("medium"),
    "large": gettext_lazy("large"),
}


@dataclass
class Row:
    label: str
    key: CellKey
    cell: Quantiles
    own: bool = False


def band_label(sector, band):
    column, small, medium = SIZE_BANDS[sector]
    unit = _("beds") if column == "beds" else _("FTE")
    bounds = {
        "small": f"< {small} {unit}",
        "medium": f"{small}-{medium} {unit}",
        "large": f">= {medium} {unit}",
    }
    return f"{BAND_LABELS[band]} ({bounds[band]})"


def explorer_rows(publication, viewer, *, base: CellKey, sector=""):
    """Rows for the viewer: its own peer group first, then neighbouring groups."""
    keys = []
    if viewer.organization is not None:
        sector, band, region = peer_profile(viewer.organization, base.year)
        sector_name = Sector(sector).label
        for other in SIZE_BAND_CHOICES if band else ():
            label = f"{sector_name}, {band_label(sector, other)}"
            keys.append((label, base._replace(sector=sector, size_band=other), other == band))
        keys.append((sector_name, base._replace(sector=sector), not band))
        if region and not base.supplier_kind:
            label = f"{sector_name}, {REGION_LABELS[region]}"
            keys.append((label, base._replace(sector=sector, region=region), False))
    elif sector:
        keys.append((Sector(sector).label, base._replace(sector=sector), True))
    else:
        keys += [(s.label, base._replace(sector=s.value), False) for s in Sector]
    keys.append((_("All care providers"), base, False))
    return [
        Row(label, key, publication.cell(key, viewer.organization_id), own)
        for label, key, own in keys
        if viewer.may_see_key(key)
    ]


def chart_data(rows, metric, axis_title=""):
    """The plotly figure of the explorer's percentile bands: the published cells of the
    table above it (suppressed groups are left out, as the table withholds them)."""
    scale = 100 if metric == "revenue_share" else 1
    shown = [row for row in rows if not row.cell.suppressed]

    def values(name):
        return [
            None if getattr(row.cell, name) is None else getattr(row.cell, name) * scale
            for row in shown
        ]

    labels = [f"{row.label} (n={row.cell.n_organisations})" for row in shown]
    p25, p75 = values("p25"), values("p75")
    band = {
        "type": "bar",
        "orientation": "h",
        "name": "P25 – P75",
        "y": labels,
        "base": p25,
        "x": [None if a is None or b is None else b - a for a, b in zip(p25, p75, strict=True)],
        "customdata": p75,
        "marker": {"color": [PALETTE[0] if row.own else PALETTE[5] for row in shown]},
        "hovertemplate": "%{y}<br>P25 %{base:,.4r} – P75 %{customdata:,.4r}<extra></extra>",
    }
    median = {
        "type": "scatter",
        "mode": "markers",
        "name": str(_("Median")),
        "y": labels,
        "x": values("median"),
        "marker": {"symbol": "line-ns-open", "size": 18, "color": PALETTE[6], "line": {"width": 3}},
        "hovertemplate": "%{y}<br>" + str(_("Median")) + " %{x:,.4r}<extra></extra>",
    }
    tails = {
        "type": "scatter",
        "mode": "markers",
        "name": "P10 / P90",
        "y": labels + labels,
        "x": values("p10") + values("p90"),
        "marker": {"symbol": "line-ns-open", "size": 10, "color": PALETTE[1]},
        "hovertemplate": "%{y}: %{x:,.4r}<extra></extra>",
    }
    return figure(
        [band, median, tails] if shown else [],
        height=140 + 40 * len(shown),
        barmode="overlay",
        meta={"rows": len(shown)},
        xaxis={"title": {"text": str(axis_title)}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed"},
    )


# --- where do I stand ----------------------------------------------------------------------

STANDING_METRICS = ("annual", "per_fte", "per_bed", "revenue_share")
POSITIONS = {
    "below_p25": gettext_lazy("below P25"),
    "p25_median": gettext_lazy("between P25 and the median"),
    "median_p75": gettext_lazy("between the median and P75"),
    "above_p75": gettext_lazy("above P75"),
}


@dataclass
class Standing:
    contract: object
    annual_cost: float
    figure: float | None
    group: str
    cell: Quantiles
    position: str = ""
    saving: float = 0.0

    @property
    def position_label(self):
        return POSITIONS.get(self.position, "")

    @property
    def missing_reason(self):
        """Why a contract has no position: the peer group's figure is not published, or
        the organisation has no size figure to divide by."""
        if self.cell.suppressed:
            return self.cell.reason
        return _("no size figure for this year") if self.figure is None else ""


def _position(figure, cell):
    if figure < cell.p25:
        return "below_p25"
    if figure < cell.median:
        return "p25_median"
    if figure <= cell.p75:
        return "median_p75"
    return "above_p75"


def _divisor(organization, year, metric):
    if metric == "annual":
        return 1.0
    size = organization.sizes.filter(year=year).first()
    column = {"per_fte": "fte", "per_bed": "beds", "revenue_share": "revenue_eur"}[metric]
    value = getattr(size, column, None) if size else None
    return float(value) if value else None


def _annual_costs(contracts):
    import pandas as pd

    lines = pd.DataFrame.from_records(
        ContractLine.objects.filter(contract__in=contracts).values(
            "contract_id", "amount", "quantity", "frequency", "contract__initial_term_months"
        )
    )
    if lines.empty:
        return {}
    lines = lines.rename(columns={"contract__initial_term_months": "initial_term_months"})
    lines["organization_id"] = 0
    costs = contract_annual_cents(lines)
    return dict(zip(costs["contract_id"], costs["annual_cents"] / 100, strict=True))


def standings(viewer, contracts, *, year, metric, publication_for):
    """Each contract's figure against its peer group (sector and size band, else the
    sector) in its own category, and the saving if it were at the peer median."""
    organization = viewer.organization
    sector, band, _region = peer_profile(organization, year)
    divisor = _divisor(organization, year, metric)
    costs = _annual_costs(contracts)
    result = []
    for contract in contracts:
        annual = costs.get(contract.pk, 0.0)
        figure = annual / divisor if divisor else None
        publication = publication_for(contract.category)
        key = CellKey(metric=metric, year=year, sector=sector)
        candidates = []
        if band:
            label = f"{Sector(sector).label}, {band_label(sector, band)}"
            candidates.append((label, key._replace(size_band=band)))
        candidates.append((Sector(sector).label, key))
        for group, candidate in candidates:  # noqa: B007 (the group found is used below)
            cell = publication.cell(candidate, organization.pk)
            if not cell.suppressed:
                break
        standing = Standing(contract, annual, figure, group, cell)
        if figure is not None and not cell.suppressed:
            standing.position = _position(figure, cell)
            if figure > cell.median:
                standing.saving = round(annual * (1 - cell.median / figure), 2)
        result.append(standing)
    return result


@dataclass(frozen=True)
class StandingSummary:
    """What the page says first: the saving at stake and where the contracts fall."""

    total_saving: float
    above_p75: int
    without_benchmark: int


def summarise(rows):
    return StandingSummary(
        total_saving=round(sum(row.saving for row in rows), 2),
        above_p75=sum(row.position == "above_p75" for row in rows),
        without_benchmark=sum(not row.position for row in rows),
    )


def by_saving(rows):
    """(compared, not compared): the contracts placed against a published benchmark,
    largest potential saving first, and those without one (no published figure for the
    peer group, or no size figure to divide by), by category and reference."""
    compared = [row for row in rows if row.position]
    compared.sort(key=lambda row: (-row.saving, -(row.figure or 0), row.contract.reference))
    rest = [row for row in rows if not row.position]
    rest.sort(key=lambda row: (str(row.contract.category), row.contract.reference))
    return compared, rest
