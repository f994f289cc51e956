"""The publication of one product category: every benchmark cell anyone can obtain,
decided together so that complementary suppression sees them all.

A cell is a fixed combination (prices.publication.CellKey):
- metric and year;
- cost type ("" = all costs) or supplier (a vendor, a product or a deployment model),
  not both;
- peer group: all care providers; a sector; a sector and size band; or a sector and
  region (the last one without a supplier).
Nothing else can be asked for: no free-form filters that could carve a cell around one
organisation. Pages, exports and the API all read cells from a publication, so the
differencing guard (prices.differencing) covers everything a user can obtain.

A cell absent from the publication has fewer than ``min_organisations`` contributors.
Figures are computed over everyone; an organisation that is itself in a cell is shown
the cell recomputed without its own data (prices.disclosure.cell_statistics)."""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from prices.differencing import Candidate, suppress_differencing
from prices.disclosure import (
    REASON_DIFFERENCING,
    REASON_DOMINANT,
    REASON_TOO_FEW,
    Cell,
    Rules,
    cell_statistics,
    three_significant,
)
from prices.facts import METRICS, build_facts

BASE = ["year", "cost_type", "supplier_kind", "supplier"]
# Grouped by as categoricals: much faster than grouping strings.
GROUPING_COLUMNS = ["cost_type", "supplier_kind", "supplier", "sector", "size_band", "region"]
QUANTILES = {"p10": 0.1, "p25": 0.25, "median": 0.5, "p75": 0.75, "p90": 0.9}
REASONS = {
    "too_few": REASON_TOO_FEW,
    "dominant": REASON_DOMINANT,
    "differencing": REASON_DIFFERENCING,
}
# The spend that weighs in the dominance rule, per metric.
WEIGHT = {"per_user": "user_cents", "per_workstation": "ws_cents"}
SUPPLIER_KINDS = ("vendor", "product", "deployment")


class CellKey(NamedTuple):
    metric: str
    year: int
    cost_type: str = ""
    supplier_kind: str = ""
    supplier: str = ""
    sector: str = ""
    size_band: str = ""
    region: str = ""

    def problem(self):
        """Why this is not a cell of the publication, or None."""
        if self.metric not in METRICS:
            return "metric"
        if self.cost_type and self.supplier_kind:
            return "cost_type_with_supplier"
        if bool(self.supplier_kind) != bool(self.supplier) or (
            self.supplier_kind and self.supplier_kind not in SUPPLIER_KINDS
        ):
            return "supplier"
        if (self.size_band or self.region) and not self.sector:
            return "needs_sector"
        if self.size_band and self.region:
            return "band_and_region"
        if self.region and self.supplier_kind:
            return "region_with_supplier"
        return None


@dataclass(frozen=True)
class Published:
    n: int
    p10: float | None
    p25: float
    median: float
    p75: float
    p90: float | None
    reason: str = ""  # a key of REASONS when suppressed

    @property
    def suppressed(self):
        return bool(self.reason)


def _levels(valued):
    """(peer columns, rows) for the four kinds of peer group."""
    yield [], valued
    yield ["sector"], valued
    yield ["sector", "size_band"], valued[valued["size_band"].notna()]
    yield ["sector", "region"], valued[valued["supplier_kind"].eq("") & valued["region"].notna()]


def _key(metric, columns, group_key):
    fields = {
        k: v if k == "year" else str(v) for k, v in zip(BASE + columns, group_key, strict=True)
    }
    fields["year"] = int(fields["year"])
    return CellKey(metric=metric, **fields)


def _candidate_cells(facts, metric, rules):
    """(key, Published or None when dominated, members) for groups of enough organisations."""
    weight = WEIGHT.get(metric, "cents")
    valued = facts[facts[metric].notna()]
    for columns, rows in _levels(valued):
        keys = BASE + columns
        if rows.empty:
            continue
        sizes = rows.groupby(keys, sort=False, observed=True)["organization_id"].transform("size")
        rows = rows[sizes >= rules.min_organisations]
        if rows.empty:
            continue
        grouped = rows.groupby(keys, sort=False, observed=True)
        stats = grouped.agg(
            n=("organization_id", "size"), total=(weight, "sum"), top=(weight, "max")
        )
        quantiles = grouped[metric].quantile(list(QUANTILES.values())).unstack()
        quantiles = quantiles.reindex(stats.index)
        codes = rows["org_code"].to_numpy()
        indices = grouped.indices
        for group_key, n, total, top, *values in zip(
            stats.index,
            stats["n"],
            stats["total"],
            stats["top"],
            *quantiles.T.to_numpy(),
            strict=True,
        ):
            members = np.sort(codes[indices[group_key]])
            figures = dict(
                zip(QUANTILES, (three_significant(float(v)) for v in values), strict=True)
            )
            if n < rules.min_for_tails:
                figures["p10"] = figures["p90"] = None
            dominated = total > 0 and top / total > rules.max_share
            yield _key(metric, columns, group_key), int(n), figures, dominated, members


class Publication:
    def __init__(self, *, category_id, as_of, years, facts, cells, rules):
        self.category_id, self.as_of, self.years = category_id, as_of, tuple(years)
        self.facts, self.cells, self.rules = facts, cells, rules
        self._slices = None

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_slices"] = None
        return state

    def _slice(self, key):
        if self._slices is None:
            self._slices = dict(list(self.facts.groupby(BASE, sort=False)))
        return self._slices.get((key.year, key.cost_type, key.supplier_kind, key.supplier))

    def cell(self, key: CellKey, viewer_organization=None) -> Cell:
        """The figures of ``key`` as the viewer may see them."""
        published = self.cells.get(key)
        if published is None:
            return _suppressed("too_few")
        if published.suppressed:
            return _suppressed(published.reason)
        rows = self._peer_rows(key)
        if viewer_organization is not None and viewer_organization in set(rows["organization_id"]):
            frame = rows[["organization_id", key.metric, WEIGHT.get(key.metric, "cents")]]
            frame.columns = ["organization_id", "value", "weight"]
            cell = cell_statistics(frame, self.rules, viewer_organization=viewer_organization)
            cell.organisations = frozenset()
            return cell
        return Cell(
            organisations=frozenset(),
            n_organisations=published.n,
            **{name: getattr(published, name) for name in QUANTILES},
        )

    def _peer_rows(self, key):
        rows = self._slice(key)
        rows = rows[rows[key.metric].notna()]
        for column in ("sector", "size_band", "region"):
            value = getattr(key, column)
            if value:
                rows = rows[rows[column].eq(value)]
        return rows

    def contributes(self, organization_id, key: CellKey) -> bool:
        rows = self._slice(key)
        return rows is not None and organization_id in set(self._peer_rows(key)["organization_id"])

    def organisation_value(self, organization_id, key: CellKey):
        """The organisation's own figure for ``key`` (for its own where-do-I-stand page)."""
        rows = self._slice(key)
        if rows is None:
            return None
        own = rows[rows["organization_id"].eq(organization_id)][key.metric].dropna()
        return float(own.iloc[0]) if len(own) else None


def _suppressed(reason_code):
    cell = Cell(organisations=frozenset(), n_organisations=None)
    cell.suppress(REASONS[reason_code])
    return cell


def default_years(today, years_back):
    return list(range(today.year - years_back, today.year + 1))


def build_publication(category, *, today: date, rules: Rules, years) -> Publication:
    facts = build_facts(category, years, today=today, min_age_days=rules.min_age_days)
    facts["org_code"] = pd.Series(
        pd.factorize(facts["organization_id"], sort=True)[0], index=facts.index
    )
    grouping = facts.astype(dict.fromkeys(GROUPING_COLUMNS, "category"))
    cells = {}
    groups = {}
    for metric in METRICS:
        for key, n, figures, dominated, members in _candidate_cells(grouping, metric, rules):
            if dominated:
                cells[key] = Published(n=n, **dict.fromkeys(QUANTILES), reason="dominant")
                continue
            cells[key] = Published(n=n, **figures)
            groups.setdefault((metric, key.cost_type), []).append(Candidate(key, members))
    for candidates in groups.values():
        for key in suppress_differencing(candidates, rules.min_organisations):
            cells[key] = Published(
                n=cells[key].n, **dict.fromkeys(QUANTILES), reason="differencing"
            )
    return Publication(
        category_id=category.pk, as_of=today, years=years, facts=facts, cells=cells, rules=rules
    )
