"""Worked examples for comparable yearly figures."""

from decimal import Decimal

import pandas as pd

from contracts.normalise import contract_annual_cents, line_annual_cents, per_size

COLUMNS = [
    "contract_id",
    "organization_id",
    "cost_type",
    "amount",
    "quantity",
    "frequency",
    "unit",
    "initial_term_months",
]


def lines(*rows):
    return pd.DataFrame(rows, columns=COLUMNS)


def test_yearly_line_is_amount_times_quantity():
    """EUR 42.50 per user per year for 800 users = EUR 34,000.00."""
    frame = lines((1, 1, "subscription", Decimal("42.50"), Decimal("800"), "yearly", "user", 36))
    assert line_annual_cents(frame).tolist() == [3_400_000]


def test_one_off_is_spread_over_the_initial_term():
    """EUR 25,000 implementation over a 36-month term = EUR 8,333.33 a year (half up)."""
    frame = lines((1, 1, "implementation", Decimal("25000"), Decimal("1"), "once", "flat", 36))
    assert line_annual_cents(frame).tolist() == [833_333]
    frame = lines((1, 1, "training", Decimal("0.05"), Decimal("1"), "once", "flat", 24))
    assert line_annual_cents(frame).tolist() == [3]  # 2.5 cents rounds half up


def test_contract_total_and_ratios():
    """Contract of org 7: 34,000 + 8,333.33 = 42,333.33 a year; with 2,000 FTE that is
    21.17 per FTE; with revenue 10,000,000 a share of 0.42 %."""
    frame = lines(
        (1, 7, "subscription", Decimal("42.50"), Decimal("800"), "yearly", "user", 36),
        (1, 7, "implementation", Decimal("25000.00"), Decimal("1"), "once", "flat", 36),
    )
    costs = contract_annual_cents(frame)
    assert costs["annual_cents"].tolist() == [4_233_333]
    sizes = pd.DataFrame(
        [(7, 2024, Decimal("10000000"), Decimal("2000"), 300)],
        columns=["organization_id", "year", "revenue_eur", "fte", "beds"],
    )
    assert per_size(costs, sizes, 2024, "annual")["value"].tolist() == [42333.33]
    assert round(per_size(costs, sizes, 2024, "per_fte")["value"].iloc[0], 4) == 21.1667
    assert round(per_size(costs, sizes, 2024, "per_bed")["value"].iloc[0], 2) == 141.11
    assert round(per_size(costs, sizes, 2024, "revenue_share")["value"].iloc[0], 6) == 0.004233


def test_organisations_without_size_figures_are_left_out():
    costs = pd.DataFrame(
        {"contract_id": [1, 2], "organization_id": [7, 8], "annual_cents": [100, 200]}
    )
    sizes = pd.DataFrame(
        [(7, 2024, 1000, 10, None)],
        columns=["organization_id", "year", "revenue_eur", "fte", "beds"],
    )
    assert per_size(costs, sizes, 2024, "per_fte")["organization_id"].tolist() == [7]
    assert per_size(costs, sizes, 2024, "per_bed").empty
