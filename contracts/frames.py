"""Contract data as pandas frames, read in bulk for the figures made from many
contracts (the price benchmarks, the market monitor, coalition demand): query rows as a
frame, contract lines with their amounts as exact integers, each contract's yearly cost
(contracts.normalise) and care providers' sizes per year."""

import pandas as pd
from django.db.models import BigIntegerField, F
from django.db.models.functions import Cast, Round

from contracts.models import ContractLine
from contracts.normalise import line_annual_cents
from portal.models import Organization, OrganizationSize


def frame(queryset, columns):
    """``{column: field}`` of ``queryset``'s rows as a DataFrame."""
    rows = queryset.order_by().values_list(*columns.values())  # no sorting needed
    return pd.DataFrame.from_records(rows, columns=list(columns))


def per_contract(lines):
    """Sums per contract and cost type, and per contract over all cost types."""
    lines = lines.assign(
        cents=line_annual_cents(lines), quantity=lines["quantity_hundredths"] / 100
    )
    for unit, prefix in (("user", "user"), ("workstation", "ws")):
        priced = lines["unit"].eq(unit)
        lines[f"{prefix}_cents"] = lines["cents"].where(priced, 0)
        lines[f"{prefix}_qty"] = lines["quantity"].where(priced, 0.0)
    aggregations = {
        "cents": "sum",
        "user_cents": "sum",
        "user_qty": "max",
        "ws_cents": "sum",
        "ws_qty": "max",
    }
    by_type = lines.groupby(["contract_id", "cost_type"], as_index=False).agg(aggregations)
    overall = lines.groupby("contract_id", as_index=False).agg(aggregations)
    return by_type, overall.assign(cost_type="")


def line_frame(**contract_filter):
    """The lines of the contracts that ``contract_filter`` (through "contract__") picks,
    as contracts.normalise reads them: two-decimal amounts and quantities as exact
    integers, rounded in the database (fast)."""
    return frame(
        ContractLine.objects.filter(**contract_filter).annotate(
            amount_cents=Cast(Round(F("amount") * 100), BigIntegerField()),
            quantity_hundredths=Cast(Round(F("quantity") * 100), BigIntegerField()),
        ),
        {
            "contract_id": "contract_id",
            "cost_type": "cost_type",
            "amount_cents": "amount_cents",
            "quantity_hundredths": "quantity_hundredths",
            "frequency": "frequency",
            "unit": "unit",
            "initial_term_months": "contract__initial_term_months",
        },
    )


def size_frame(years):
    """Care providers' FTE, beds and revenue per year, as floats (NaN when missing)."""
    sizes = frame(
        OrganizationSize.objects.filter(
            organization__type=Organization.Type.CARE_PROVIDER, year__in=years
        ),
        {
            "organization_id": "organization_id",
            "year": "year",
            "fte": "fte",
            "beds": "beds",
            "revenue": "revenue_eur",
        },
    )
    for column in ("fte", "beds", "revenue"):
        sizes[column] = pd.to_numeric(sizes[column], errors="coerce").astype("float64")
    return sizes
