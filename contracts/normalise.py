"""Comparable yearly figures from contract lines, as pure functions over DataFrames.

Money is handled in whole euro cents (int64), so sums are exact; a one-off amount is
spread over the initial term (cents × 12 / term months, rounded half up). Input frames
come from `.values()` rows; nothing here touches the database.

lines: contract_id, organization_id, cost_type, amount (Decimal or str), quantity,
       frequency ("once"/"yearly"), unit, initial_term_months
sizes: organization_id, year, revenue_eur, fte, beds
"""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

CENT = Decimal("0.01")
PER_UNIT_METRICS = {"per_fte": "fte", "per_bed": "beds"}


def to_cents(values):
    """Decimal-exact euro amounts to integer cents."""
    return np.array(
        [int((Decimal(str(v)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)) for v in values],
        dtype="int64",
    )


def _hundredths(values):
    """Amounts with at most two decimals (Decimal, str or float) as exact integers × 100."""
    return to_cents(values)


def line_annual_cents(lines: pd.DataFrame) -> pd.Series:
    """Each line's comparable yearly cost in cents: amount × quantity, yearly as it is,
    one-off spread over the initial term. Exact integer arithmetic: amount and quantity
    (two decimals each) are taken × 100, from ``amount_cents``/``quantity_hundredths``
    when the database already rounded them so, else from ``amount``/``quantity``."""
    if "amount_cents" in lines:
        amount = lines["amount_cents"].to_numpy(dtype="int64")
        quantity = lines["quantity_hundredths"].to_numpy(dtype="int64")
    else:
        amount, quantity = _hundredths(lines["amount"]), _hundredths(lines["quantity"])
    if len(amount) and int(amount.max()) * int(quantity.max()) > 2**62:
        amount, quantity = amount.astype(object), quantity.astype(object)  # Python ints
    total = pd.Series((amount * quantity + 50) // 100, index=lines.index).astype("int64")
    once = lines["frequency"].eq("once")
    term = lines["initial_term_months"].astype("int64")
    # Half-up rounding of total * 12 / term in integers: (2x + d) // (2d).
    spread = (2 * total * 12 + term) // (2 * term)
    return total.where(~once, spread)


def contract_annual_cents(lines: pd.DataFrame, *, by=("contract_id", "organization_id")):
    """Yearly cost per contract (or another grouping) in cents."""
    frame = lines.assign(annual_cents=line_annual_cents(lines))
    return frame.groupby(list(by), as_index=False)["annual_cents"].sum()


def per_size(costs: pd.DataFrame, sizes: pd.DataFrame, year: int, metric: str) -> pd.DataFrame:
    """Add ``value`` (euros, float) for ``metric``: "annual" (the cost itself),
    "per_fte", "per_bed" or "revenue_share" (cost / revenue) using the organisation's
    size in ``year``. Organisations without the size figure are dropped."""
    if metric == "annual":
        return costs.assign(value=costs["annual_cents"] / 100)
    year_sizes = sizes[sizes["year"] == year].set_index("organization_id")
    column = {"revenue_share": "revenue_eur", **PER_UNIT_METRICS}[metric]
    divisor = costs["organization_id"].map(year_sizes[column].astype("float64"))
    frame = costs.assign(value=(costs["annual_cents"] / 100) / divisor)
    return frame[divisor.notna() & (divisor > 0)]
