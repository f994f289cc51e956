"""The full table: nested peer groups that would reveal an organisation by subtraction
are suppressed together."""

import pandas as pd

from prices.disclosure import Rules
from prices.table import benchmark_table

LINE_COLUMNS = [
    "contract_id",
    "organization_id",
    "category",
    "sector",
    "size_band",
    "cost_type",
    "amount",
    "quantity",
    "frequency",
    "initial_term_months",
]


def hospital(n, band, amount, category="pacs-vna"):
    return (n, n, category, "general_hospital", band, "subscription", amount, 1, "yearly", 36)


def table(rows):
    lines = pd.DataFrame(rows, columns=LINE_COLUMNS)
    sizes = pd.DataFrame(columns=["organization_id", "year", "revenue_eur", "fte", "beds"])
    return benchmark_table(
        lines, sizes, 2025, ["annual"], Rules(), parents={"pacs-vna": "beeld"}
    ).set_index(["category", "sector", "size_band"])


def test_sector_total_and_band_differing_by_one_cannot_both_be_published():
    """Six medium hospitals and one large one: "all general hospitals" minus "medium
    general hospitals" would be the large hospital's price."""
    rows = [hospital(n, "medium", 100_000 + 1000 * n) for n in range(1, 7)]
    rows.append(hospital(99, "large", 104_000))
    result = table(rows)
    sector = result.loc[("pacs-vna", "general_hospital", "*")]
    band = result.loc[("pacs-vna", "general_hospital", "medium")]
    assert sector["suppressed"] != band["suppressed"]  # exactly one of them is published
    assert result.loc[("pacs-vna", "general_hospital", "large")]["suppressed"]
    # The all-sectors cell holds the same seven organisations as the sector cell: equal
    # sets reveal nothing new, so it follows its own rules.
    assert not result.loc[("pacs-vna", "*", "*")]["suppressed"]


def test_main_category_cells_and_counts():
    rows = [hospital(n, "medium", 100_000) for n in range(1, 6)]
    rows += [hospital(n, "large", 120_000) for n in range(11, 16)]
    result = table(rows)
    assert result.loc[("beeld", "*", "*")]["n_organisations"] == 10
    assert result.loc[("beeld", "general_hospital", "medium")]["median"] == 100_000
    assert not result["suppressed"].any()
