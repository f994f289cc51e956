"""Read contract lines and organisation sizes as DataFrames for the price analytics.

Only price information old enough to share counts: contracts that started at least
PRICE_MIN_AGE_DAYS ago (prices agreed recently, or in the future, are never used)."""

from datetime import timedelta

import pandas as pd
from django.db.models import Q

from contracts.models import ContractLine
from portal.models import OrganizationSize
from prices.disclosure import Rules
from prices.peer_groups import size_bands

LINE_COLUMNS = {
    "contract_id": "contract_id",
    "organization_id": "contract__organization_id",
    "sector": "contract__organization__sector",
    "province": "contract__organization__province",
    "vendor": "contract__vendor__slug",
    "category": "contract__category__slug",
    "cost_type": "cost_type",
    "amount": "amount",
    "quantity": "quantity",
    "frequency": "frequency",
    "unit": "unit",
    "initial_term_months": "contract__initial_term_months",
}


def shareable_lines(*, year, today, category_slug=None, rules: Rules | None = None):
    """Lines of contracts in the category (either level; all categories when None)
    running in ``year`` whose prices are old enough to share, one row per line, with the
    organisation's sector, province, size figures for ``year`` and size band."""
    rules = rules or Rules.from_settings()
    cutoff = today - timedelta(days=rules.min_age_days)
    in_category = Q()
    if category_slug:
        in_category = Q(contract__category__slug=category_slug) | Q(
            contract__category__parent__slug=category_slug
        )
    lines = ContractLine.objects.filter(
        in_category,
        contract__start_date__lte=min(cutoff, today.replace(year=year, month=12, day=31)),
        contract__end_date__gte=today.replace(year=year, month=1, day=1),
        contract__organization__type="care_provider",
    ).values_list(*LINE_COLUMNS.values())
    frame = pd.DataFrame.from_records(lines, columns=list(LINE_COLUMNS))
    sizes = pd.DataFrame.from_records(
        OrganizationSize.objects.filter(year=year).values_list(
            "organization_id", "year", "revenue_eur", "fte", "beds"
        ),
        columns=["organization_id", "year", "revenue_eur", "fte", "beds"],
    )
    frame = frame.merge(sizes[["organization_id", "fte", "beds"]], on="organization_id", how="left")
    frame["size_band"] = size_bands(frame) if not frame.empty else pd.Series(dtype="object")
    return frame, sizes
