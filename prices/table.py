"""The full benchmark table for one year, computed at once so complementary suppression
sees every published cell together.

Cells: every category (leaf and main) × metric × peer group, where a peer group is a
sector and size band, a whole sector ("*" band), or all care providers ("*", "*").
Within one category and metric, cells whose contributing organisations differ by fewer
than the minimum are thinned by prices.disclosure.guard_against_differencing."""

import pandas as pd

from prices.disclosure import Rules, cell_statistics, guard_against_differencing
from prices.normalise import contract_annual_cents, per_size

ALL = "*"
COLUMNS = [
    "category",
    "metric",
    "sector",
    "size_band",
    "n_organisations",
    "p10",
    "p25",
    "median",
    "p75",
    "p90",
    "suppressed",
    "reason",
]


def _peer_groups(frame):
    """(sector, size_band, rows) for every peer group present in ``frame``."""
    yield ALL, ALL, frame
    for sector, rows in frame.groupby("sector"):
        yield sector, ALL, rows
        for band, band_rows in rows.groupby("size_band"):
            yield sector, band, band_rows


def benchmark_table(
    lines: pd.DataFrame, sizes: pd.DataFrame, year: int, metrics, rules: Rules, *, parents=None
) -> pd.DataFrame:
    """``lines`` as from prices.selectors.shareable_lines for all categories (column
    ``category`` holds the leaf slug); ``parents`` maps a leaf slug to its main
    category's slug so main categories get cells too."""
    costs = contract_annual_cents(
        lines, by=("contract_id", "organization_id", "category", "sector", "size_band")
    )
    if parents:
        main = costs.assign(category=costs["category"].map(parents)).dropna(subset=["category"])
        costs = pd.concat([costs, main], ignore_index=True)
    rows = []
    for metric in metrics:
        valued = per_size(costs, sizes, year, metric)
        for category, frame in valued.groupby("category"):
            cells = {
                (sector, band): cell_statistics(group[["organization_id", "value"]], rules)
                for sector, band, group in _peer_groups(frame)
            }
            guard_against_differencing(cells, rules)
            rows += [
                [
                    category,
                    metric,
                    sector,
                    band,
                    c.n_organisations,
                    c.p10,
                    c.p25,
                    c.median,
                    c.p75,
                    c.p90,
                    c.suppressed,
                    c.reason,
                ]
                for (sector, band), c in cells.items()
            ]
    return pd.DataFrame(rows, columns=COLUMNS)
