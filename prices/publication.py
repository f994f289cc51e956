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
differencing guard (disclosure.differencing) covers everything a user can obtain.

A cell absent from the publication has fewer than ``min_organisations`` contributors.
Figures go through the disclosure gate (disclosure.statistics): Harrell-Davis
quantiles with Laplace noise, drawn on read from the cell's key so that the same data
always gives the same figure. An organisation that is itself in a cell is shown the
cell recomputed without its own data, rules and noise included, so its own edits can
move nothing it sees. Publications are computed into releases (prices.release)."""

from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from disclosure import noise
from disclosure.differencing import Candidate, suppress_differencing
from disclosure.rules import Rules
from disclosure.statistics import (
    QUANTILE_NOISE,
    QUANTILES,
    Quantiles,
    noisy_quantiles,
    protected_quantiles,
    quantile_estimates,
)
from prices.facts import METRICS, build_facts, empty_facts

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
ESTIMATES = [f"est_{name}" for name in QUANTILES]
SCALES = [f"scale_{name}" for name in QUANTILES]
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


def _run_estimates(value, starts, counts, rules):
    """Harrell-Davis estimates (cells x quantiles) and noise scales of each run of
    sorted values, computed for all runs of the same length at once."""
    estimates = np.full((len(starts), len(QUANTILES)), np.nan)
    scales = np.zeros((len(starts), len(QUANTILES)))
    for n in np.unique(counts).tolist():
        rows = np.nonzero(counts == n)[0]
        matrix = value[starts[rows, None] + np.arange(n)]
        estimates[rows], scales[rows] = quantile_estimates(matrix, rules)
    return estimates, scales


def _candidate_cells(facts, levels, metric, rules):
    """(key, n, estimates, scale, cell key, dominated, members) for each group of
    enough organisations. Vectorised: rows are sorted by group and value once, so each
    group is a run."""
    values = facts[metric].to_numpy(dtype="float64")
    weights = facts[WEIGHT.get(metric, "cents")].to_numpy(dtype="float64")
    organisations = facts["organization_id"].to_numpy(dtype=np.int64)
    for columns, ids, group_keys in levels:
        valid = (ids >= 0) & ~np.isnan(values)
        order = np.lexsort((values[valid], ids[valid]))
        group, value = ids[valid][order], values[valid][order]
        weight, member = weights[valid][order], organisations[valid][order]
        record_keys = noise.record_keys(member, value)
        counts = np.bincount(group, minlength=len(group_keys))
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        totals = np.bincount(group, weights=weight, minlength=len(group_keys))
        tops = np.zeros(len(group_keys))
        cell_keys = np.zeros(len(group_keys), dtype=np.uint64)
        present = np.nonzero(counts)[0]
        if len(present):
            tops[present] = np.maximum.reduceat(weight, starts[present])
            with np.errstate(over="ignore"):
                cell_keys[present] = np.add.reduceat(record_keys, starts[present])
        chosen = np.nonzero(counts >= rules.min_organisations)[0]
        estimates, scales = _run_estimates(value, starts[chosen], counts[chosen], rules)
        for i, g in enumerate(chosen.tolist()):
            n = int(counts[g])
            dominated = totals[g] > 0 and tops[g] / totals[g] > rules.max_share
            members = np.sort(member[starts[g] : starts[g] + n])
            yield (
                _key(metric, columns, group_keys[g]),
                n,
                estimates[i],
                scales[i],
                int(cell_keys[g]),
                dominated,
                members,
            )


class Publication:
    def __init__(self, *, category_id, as_of, years, facts, cells, members, rules):
        self.category_id, self.as_of, self.years = category_id, as_of, tuple(years)
        self.facts, self.rules = facts, rules
        # One row per candidate cell, indexed by its key: compact and fast to (un)pickle.
        # The estimates are exact and never shown: noise is added on read.
        self.cells = cells
        self.members = members  # key -> sorted organisation ids of every candidate cell
        self._n = cells["n"].to_numpy()
        self._estimates = cells[ESTIMATES].to_numpy()
        self._scales = cells[SCALES].to_numpy()
        self._cell_keys = cells["cell_key"].to_numpy()
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

    def contributes(self, key, organization_id) -> bool:
        members = self.members.get(tuple(key))
        if members is None or organization_id is None:
            return False
        position = np.searchsorted(members, organization_id)
        return bool(position < len(members) and members[position] == organization_id)

    def cell(self, key: CellKey, viewer_organization=None) -> Quantiles:
        """The figures of ``key`` as the viewer may see them."""
        key = CellKey(*key)
        try:
            position = self.cells.index.get_loc(tuple(key))
        except KeyError:
            return Quantiles(code="too_few")
        reason = self._reasons[position]
        if reason == "differencing":
            return Quantiles(code=reason)
        if self.contributes(key, viewer_organization):
            # Decided on the others' data alone: the viewer's own figures move nothing.
            rows = self._peer_rows(key)
            rows = rows[rows["organization_id"] != viewer_organization]
            by_org = rows.set_index("organization_id")
            return protected_quantiles(
                by_org[key.metric],
                self.rules,
                weights=by_org[WEIGHT.get(key.metric, "cents")],
            )
        if reason:
            return Quantiles(code=reason)
        n = int(self._n[position])
        figures = noisy_quantiles(
            self._estimates[position],
            self._scales[position],
            noise.figure_seed(QUANTILE_NOISE, int(self._cell_keys[position])),
            tails=n >= self.rules.min_for_tails,
        )
        return Quantiles(n_organisations=n, **figures)

    def keys(self, *, published=True):
        """The keys of the candidate cells (published ones only by default)."""
        cells = self.cells[self.cells["reason"] == ""] if published else self.cells
        return [CellKey(*key) for key in cells.index]

    def shown_sets(self, reasons=("",)):
        """{(metric, cost type): {members bytes: members}} of the cells with one of
        ``reasons``: "" for the cells shown to everyone; "dominant" for those withheld
        as dominant yet shown to their contributors without their own data."""
        shown = {}
        for key in self.cells.index[self.cells["reason"].isin(list(reasons))]:
            members = self.members[key]
            shown.setdefault((key[0], key[2]), {})[members.tobytes()] = members
        return shown

    def withhold_dominant_near(self, sets, reach):
        """Withhold ("differencing") the dominant cells within ``reach`` organisations
        of ``sets`` (as shown_sets() gives them): their contributors' views yield to
        another category's shown cells, as within a category (disclosure.differencing)."""
        dominant = self.cells.index[self.cells["reason"] == "dominant"]
        candidates = {}
        for key in dominant:
            candidates.setdefault((key[0], key[2]), []).append(Candidate(key, self.members[key]))
        clashing = [
            key
            for group, found in candidates.items()
            for key in suppress_differencing(
                found,
                reach,
                published_before=[
                    Candidate(("near", i), members)
                    for i, members in enumerate(sets.get(group, {}).values())
                ],
                swaps=False,
            )
        ]
        if clashing:
            self.cells.loc[clashing, "reason"] = "differencing"
            self._reasons = self.cells["reason"].to_numpy()

    def _peer_rows(self, key):
        rows = self._slice(key)
        rows = rows[rows[key.metric].notna()]
        for column in ("sector", "size_band", "region"):
            value = getattr(key, column)
            if value:
                rows = rows[rows[column].eq(value)]
        return rows


def default_years(today, years_back):
    return list(range(today.year - years_back, today.year + 1))


def empty_publication(category_id, *, today, rules, years):
    return build_publication(
        None, today=today, rules=rules, years=years, facts=None, category_id=category_id
    )


def build_publication(
    category,
    *,
    today: date,
    rules: Rules,
    years,
    sources=None,
    history=None,
    related=None,
    related_reach=None,
    facts=None,
    category_id=None,
) -> Publication:
    """``sources`` (prices.facts.Sources) may be loaded once for many categories;
    ``history`` holds the organisation sets of the cells shown in earlier releases
    (disclosure.history.ShownSets), which this publication is checked against; ``related``
    those of other categories it could be subtracted from (a main category's
    subcategories), checked for differences up to ``related_reach``."""
    if category is not None:
        category_id = category.pk
        facts = build_facts(
            category, years, today=today, min_age_days=rules.min_age_days, sources=sources
        )
    facts = facts if facts is not None else empty_facts()
    facts = facts.sort_values(BASE, kind="stable", ignore_index=True)
    levels = list(_levels(facts))
    keys, rows, groups, members = [], [], {}, {}
    for metric in METRICS:
        for key, n, estimates, scale, cell_key, dominated, who in _candidate_cells(
            facts, levels, metric, rules
        ):
            keys.append(key)
            members[tuple(key)] = who
            rows.append((n, *estimates, *scale, cell_key, "dominant" if dominated else ""))
            groups.setdefault((metric, key.cost_type), []).append(
                Candidate(key, who, withheld=dominated)
            )
    cells = pd.DataFrame(
        rows,
        columns=["n", *ESTIMATES, *SCALES, "cell_key", "reason"],
        index=pd.MultiIndex.from_tuples(keys, names=CellKey._fields)
        if keys
        else pd.MultiIndex.from_tuples([], names=CellKey._fields),
    )
    cells["cell_key"] = cells["cell_key"].astype("uint64")
    cells = cells.sort_index()
    earlier = history.by_group() if history is not None else {}
    if related is not None:
        for group, found in related.by_group(reach=related_reach).items():
            earlier[group] = [*earlier.get(group, ()), *found]
    suppressed = [
        tuple(key)
        for group, candidates in groups.items()
        for key in suppress_differencing(
            candidates,
            rules.min_organisations,
            published_before=earlier.get(group, ()),
        )
    ]
    if suppressed:
        cells.loc[suppressed, "reason"] = "differencing"
    # Categorical text columns: smaller in memory and much faster to (un)pickle.
    facts = facts.astype(dict.fromkeys(TEXT_COLUMNS, "category"))
    return Publication(
        category_id=category_id,
        as_of=today,
        years=years,
        facts=facts,
        cells=cells,
        members=members,
        rules=rules,
    )
