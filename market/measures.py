"""Market-balance measures as pure functions of small tables, so each can be checked
against a hand-computed example (market/tests/test_monitor_measures.py).

Shares are fractions (0-1); the HHI is the sum of squared shares in percent (0-10,000),
as in the EU and US merger guidelines."""

import pandas as pd

EU_BANDS = [(1000, "low"), (2000, "moderate")]  # above 2,000: "high"
US_HIGHLY_CONCENTRATED = 1800  # US 2023 merger guidelines
US_MODERATELY_CONCENTRATED = 1000


def shares(weights: pd.Series) -> pd.Series:
    """Each vendor's share of the total weight, largest first (ties by vendor)."""
    weights = weights[weights > 0]
    total = weights.sum()
    if not total:
        return pd.Series(dtype="float64")
    result = (weights / total).astype("float64")
    order = sorted(result.index, key=lambda vendor: (-result[vendor], str(vendor)))
    return result[order]


def hhi(vendor_shares: pd.Series) -> float:
    return float(((vendor_shares * 100) ** 2).sum())


def eu_band(index: float) -> str:
    for limit, band in EU_BANDS:
        if index < limit:
            return band
    return "high"


def us_band(index: float) -> str:
    if index > US_HIGHLY_CONCENTRATED:
        return "highly_concentrated"
    if index >= US_MODERATELY_CONCENTRATED:
        return "moderately_concentrated"
    return "unconcentrated"


def concentration_ratio(vendor_shares: pd.Series, n: int) -> float:
    """CRn: the combined share of the n largest vendors."""
    return float(vendor_shares.iloc[:n].sum())


def concentration(vendor_shares: pd.Series) -> dict:
    index = hhi(vendor_shares)
    return {
        "hhi": round(index, 1),
        "eu_band": eu_band(index),
        "us_band": us_band(index),
        "cr1": concentration_ratio(vendor_shares, 1),
        "cr3": concentration_ratio(vendor_shares, 3),
        "cr4": concentration_ratio(vendor_shares, 4),
    }


def active_in(contracts: pd.DataFrame, year: int) -> pd.DataFrame:
    """The contracts active at some time in ``year``."""
    return contracts[(contracts["start_year"] <= year) & (contracts["end_year"] >= year)]


def switching_rate(contracts: pd.DataFrame, switched_from: set, year: int):
    """Of the contracts that ended in ``year``, the share followed by a contract with
    another vendor (``switched_from``: ids of contracts that were switched away from).
    None when no contract ended that year."""
    ended = contracts[contracts["end_year"] == year]
    if ended.empty:
        return None
    return float(ended["contract_id"].isin(switched_from).mean())


def entries_and_exits(contracts: pd.DataFrame, year: int, *, last_complete_year: int):
    """Vendors that gained their first customer in the category in ``year``, and those
    that lost their last one: their last contract ended in ``year``. Exits are only
    known for years that are over (``last_complete_year``)."""
    first = contracts.groupby("vendor")["start_year"].min()
    last = contracts.groupby("vendor")["end_year"].max()
    entries = sorted(first[first == year].index)
    exits = sorted(last[last == year].index) if year <= last_complete_year else None
    return entries, exits


def median_length_months(contracts: pd.DataFrame):
    if contracts.empty:
        return None
    months = (contracts["end_date"] - contracts["start_date"]).dt.days / (365.25 / 12)
    return float(months.median())


def auto_renewal_share(contracts: pd.DataFrame):
    if contracts.empty:
        return None
    return float(contracts["auto_renewal"].mean())


def clause_shares(contracts: pd.DataFrame, agreed: pd.DataFrame, codes) -> dict:
    """{clause code: share of ``contracts`` that include it} (``agreed``: the contract
    id and clause code of every "yes" answer)."""
    if contracts.empty:
        return {}
    ids = contracts["contract_id"].unique()
    found = agreed[agreed["contract_id"].isin(ids)]
    counts = found.drop_duplicates().groupby("code", observed=True).size()
    return {code: float(counts.get(code, 0)) / len(ids) for code in codes}


def revenue_shares(spend_by_org: pd.Series, revenue_by_org: pd.Series) -> pd.Series:
    """Each organisation's ICT spend as a share of its revenue (organisations with a
    revenue figure only)."""
    revenue = revenue_by_org[revenue_by_org > 0]
    spend = spend_by_org.reindex(revenue.index).fillna(0)
    return (spend / revenue).astype("float64")
