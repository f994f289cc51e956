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
TEXT_COLUMNS = [
    "cost_type",
    "supplier_kind",
    "supplier",
    "sector",
    "size_band",
    "region",
    "province",
]
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


def _levels(facts):
    """(peer columns, group id per fact row or -1, group keys) for the four kinds of
    peer group. Groups are found from integer codes (much faster than grouping strings)."""
    codes = {}
    for column in BASE + ["sector", "size_band", "region"]:
        codes[column] = pd.factorize(facts[column])[0].astype(np.int64) + 1  # NaN -> 0
    level_rows = {
        (): np.ones(len(facts), dtype=bool),
        ("sector",): np.ones(len(facts), dtype=bool),
        ("sector", "size_band"): facts["size_band"].notna().to_numpy(),
        ("sector", "region"): (facts["supplier_kind"].eq("") & facts["region"].notna()).to_numpy(),
    }
    values = {column: facts[column].tolist() for column in codes}
    for columns, included in level_rows.items():
        keys = BASE + list(columns)
        combined = np.zeros(len(facts), dtype=np.int64)
        for column in keys:
            combined = combined * (int(codes[column].max(initial=0)) + 1) + codes[column]
        ids = np.full(len(facts), -1, dtype=np.int64)
        rows = np.nonzero(included)[0]
        _unique, first, inverse = np.unique(combined[rows], return_index=True, return_inverse=True)
        ids[rows] = inverse
        group_keys = [tuple(values[c][rows[i]] for c in keys) for i in first.tolist()]
        yield list(columns), ids, group_keys


def _base_run_ids(facts):
    """A number per row that changes exactly where (year, cost type, supplier) does."""
    if facts.empty:
        return np.zeros(0, dtype=np.int64)
    changed = np.zeros(len(facts), dtype=bool)
    for column in BASE:
        values = facts[column].to_numpy()
        changed[1:] |= values[1:] != values[:-1]
    return np.cumsum(changed)


def _key(metric, columns, group_key):
    fields = {
        k: v if k == "year" else str(v) for k, v in zip(BASE + columns, group_key, strict=True)
    }
    fields["year"] = int(fields["year"])
    return CellKey(metric=metric, **fields)


def _quantile(values, starts, counts, q):
    """Linear-interpolated quantile of each group's sorted run in ``values`` (as
    numpy.percentile's default method)."""
    position = (counts - 1) * q
    low = np.floor(position).astype(np.int64)
    high = np.minimum(low + 1, counts - 1)
    below, above = values[starts + low], values[starts + high]
    return below + (position - low) * (above - below)


def _candidate_cells(facts, levels, metric, rules):
    """(key, n, figures, dominated, members) for each group of enough organisations.
    Vectorised: rows are sorted by group and value once, so each group is a run."""
    values = facts[metric].to_numpy(dtype="float64")
    weights = facts[WEIGHT.get(metric, "cents")].to_numpy(dtype="float64")
    codes = facts["org_code"].to_numpy()
    for columns, ids, group_keys in levels:
        valid = (ids >= 0) & ~np.isnan(values)
        order = np.lexsort((values[valid], ids[valid]))
        group, value = ids[valid][order], values[valid][order]
        weight, member = weights[valid][order], codes[valid][order]
        counts = np.bincount(group, minlength=len(group_keys))
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        totals = np.bincount(group, weights=weight, minlength=len(group_keys))
        tops = np.zeros(len(group_keys))
        present = np.nonzero(counts)[0]
        if len(present):
            tops[present] = np.maximum.reduceat(weight, starts[present])
        chosen = np.nonzero(counts >= rules.min_organisations)[0]
        figures = {
            name: _quantile(value, starts[chosen], counts[chosen], q)
            for name, q in QUANTILES.items()
        }
        for i, g in enumerate(chosen.tolist()):
            n = int(counts[g])
            published = {name: float(figures[name][i]) for name in QUANTILES}  # rounded on read
            if n < rules.min_for_tails:
                published["p10"] = published["p90"] = None
            dominated = totals[g] > 0 and tops[g] / totals[g] > rules.max_share
            members = np.sort(member[starts[g] : starts[g] + n])
            yield _key(metric, columns, group_keys[g]), n, published, dominated, members


class Publication:
    def __init__(self, *, category_id, as_of, years, facts, cells, rules):
        self.category_id, self.as_of, self.years = category_id, as_of, tuple(years)
        self.facts, self.rules = facts, rules
        # One row per candidate cell, indexed by its key: compact and fast to (un)pickle.
        self.cells = cells
        self._n = cells["n"].to_numpy()
        self._figures = cells[list(QUANTILES)].to_numpy()
        self._reasons = cells["reason"].to_numpy()
        # facts are sorted by BASE: each (year, cost type, supplier) is one run of rows.
        base_ids = _base_run_ids(facts)
        bounds = np.flatnonzero(np.diff(base_ids)) + 1
        starts = np.concatenate([[0], bounds]).astype(int).tolist()
        stops = np.concatenate([bounds, [len(facts)]]).astype(int).tolist()
        base_columns = [facts[c].tolist() for c in BASE]
        self._runs = {
            tuple(column[start] for column in base_columns): (start, stop)
            for start, stop in zip(starts, stops, strict=True)
            if stop > start
        }

    def _slice(self, key):
        run = self._runs.get((key.year, key.cost_type, key.supplier_kind, key.supplier))
        return self.facts.iloc[run[0] : run[1]] if run else None

    def cell(self, key: CellKey, viewer_organization=None) -> Cell:
        """The figures of ``key`` as the viewer may see them."""
        try:
            position = self.cells.index.get_loc(tuple(key))
        except KeyError:
            return _suppressed("too_few")
        if self._reasons[position]:
            return _suppressed(self._reasons[position])
        rows = self._peer_rows(key)
        if viewer_organization is not None and viewer_organization in set(rows["organization_id"]):
            frame = rows[["organization_id", key.metric, WEIGHT.get(key.metric, "cents")]]
            frame.columns = ["organization_id", "value", "weight"]
            cell = cell_statistics(frame, self.rules, viewer_organization=viewer_organization)
            cell.organisations = frozenset()
            return cell
        figures = (three_significant(v) if v == v else None for v in self._figures[position])
        return Cell(
            organisations=frozenset(),
            n_organisations=int(self._n[position]),
            **dict(zip(QUANTILES, figures, strict=True)),
        )

    def keys(self, *, published=True):
        """The keys of the candidate cells (published ones only by default)."""
        cells = self.cells[self.cells["reason"] == ""] if published else self.cells
        return [CellKey(*key) for key in cells.index]

    def _peer_rows(self, key):
        rows = self._slice(key)
        rows = rows[rows[key.metric].notna()]
        for column in ("sector", "size_band", "region"):
            value = getattr(key, column)
            if value:
                rows = rows[rows[column].eq(value)]
        return rows


def _suppressed(reason_code):
    cell = Cell(organisations=frozenset(), n_organisations=None)
    cell.suppress(REASONS[reason_code])
    return cell


def default_years(today, years_back):
    return list(range(today.year - years_back, today.year + 1))


def build_publication(category, *, today: date, rules: Rules, years, sources=None) -> Publication:
    """``sources`` (prices.facts.Sources) may be loaded once for many categories."""
    facts = build_facts(
        category, years, today=today, min_age_days=rules.min_age_days, sources=sources
    )
    facts = facts.sort_values(BASE, kind="stable", ignore_index=True)
    facts["org_code"] = pd.Series(
        pd.factorize(facts["organization_id"], sort=True)[0], index=facts.index
    )
    levels = list(_levels(facts))
    keys, rows, groups = [], [], {}
    for metric in METRICS:
        for key, n, figures, dominated, members in _candidate_cells(facts, levels, metric, rules):
            keys.append(key)
            if dominated:
                rows.append((n, *([np.nan] * len(QUANTILES)), "dominant"))
                continue
            rows.append((n, *(np.nan if v is None else v for v in figures.values()), ""))
            groups.setdefault((metric, key.cost_type), []).append(Candidate(key, members))
    cells = pd.DataFrame(
        rows,
        columns=["n", *QUANTILES, "reason"],
        index=pd.MultiIndex.from_tuples(keys, names=CellKey._fields)
        if keys
        else pd.MultiIndex.from_tuples([], names=CellKey._fields),
    )
    cells = cells.sort_index()
    suppressed = [
        tuple(key)
        for candidates in groups.values()
        for key in suppress_differencing(candidates, rules.min_organisations)
    ]
    if suppressed:
        cells.loc[suppressed, "reason"] = "differencing"
        cells.loc[suppressed, list(QUANTILES)] = np.nan
    # Categorical text columns: smaller in memory and much faster to (un)pickle for the cache.
    facts = facts.astype(dict.fromkeys(TEXT_COLUMNS, "category"))
    return Publication(
        category_id=category.pk, as_of=today, years=years, facts=facts, cells=cells, rules=rules
    )
