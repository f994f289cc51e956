"""The market monitor's figures for one category (leaf or main), year and optional
sector and province, from the cached market table (prices.monitor.data).

Vendor shares are percentages, never amounts. Figures about care providers' spending
(the market's total value, ICT spend as a share of revenue, lock-in risk per
organisation) follow the price disclosure rules (prices.disclosure)."""

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prices.disclosure import Rules, cell_statistics
from prices.monitor import measures
from prices.monitor.data import market_data

BASES = {
    "customers": _("number of customer organisations"),
    "value": _("annual contract value"),
    "beds": _("beds served"),
    "fte": _("FTE served"),
}
SCORE_BANDS = [(0, 25), (25, 50), (50, 75), (75, 101)]


def filtered(data, category_id, sector="", province=""):
    contracts = data.in_category(category_id)
    if sector:
        contracts = contracts[contracts["sector"] == sector]
    if province:
        contracts = contracts[contracts["province"] == province]
    return contracts


def vendor_weights(active, sizes, year, basis):
    if basis == "customers":
        return active.groupby("vendor")["organization_id"].nunique()
    if basis == "value":
        return active.groupby("vendor")["cents"].sum()
    pairs = active[["vendor", "organization_id"]].drop_duplicates()
    served = pairs.merge(
        sizes[sizes["year"] == year][["organization_id", basis]], on="organization_id", how="left"
    )
    return served.groupby("vendor")[basis].sum()


def concentration_for(data, contracts, year, basis="value"):
    active = measures.active_in(contracts, year)
    shares = measures.shares(vendor_weights(active, data.sizes, year, basis))
    return {
        "year": year,
        "basis": basis,
        "customers": int(active["organization_id"].nunique()),
        "contracts": len(active),
        "vendors": [
            {"vendor": data.vendor_names.get(v, str(v)), "share": round(float(s), 4)}
            for v, s in shares.items()
        ],
        **measures.concentration(shares),
    }


def dynamics_for(data, contracts, year):
    active = measures.active_in(contracts, year)
    entries, exits = measures.entries_and_exits(
        contracts, year, last_complete_year=data.today.year - 1
    )
    names = data.vendor_names
    return {
        "year": year,
        "switching_rate": measures.switching_rate(contracts, data.switched_from, year),
        "contracts_ended": int((contracts["end_year"] == year).sum()),
        "entries": [names.get(v, str(v)) for v in entries],
        "exits": None if exits is None else [names.get(v, str(v)) for v in exits],
        "median_length_months": measures.median_length_months(active),
        "auto_renewal_share": measures.auto_renewal_share(active),
    }


def market_value(data, contracts, year, rules):
    """The category's total yearly value (euros), under the disclosure rules."""
    active = measures.active_in(contracts, year)
    frame = active.groupby("organization_id", as_index=False)["cents"].sum()
    cell = cell_statistics(
        pd.DataFrame({"organization_id": frame["organization_id"], "value": frame["cents"]}),
        rules,
    )
    if cell.suppressed:
        return {"total_eur": None, "reason": cell.reason}
    return {"total_eur": round(int(frame["cents"].sum()) / 100), "reason": ""}


def clause_shares_for(data, contracts, year):
    from contracts.models import LockInClause

    clauses = list(LockInClause.objects.all())
    active = measures.active_in(contracts, year)
    shares = measures.clause_shares(active, data.agreed, [c.code for c in clauses])
    return [
        {"code": clause.code, "clause": clause.display_name, "share": shares.get(clause.code)}
        for clause in clauses
    ]


def spending_by_sector(data, year, rules):
    """Per sector: ICT spend recorded in the portal (all categories) as a share of
    revenue, P25/median/P75 over organisations, with the sector reference."""
    active = measures.active_in(data.contracts, year)
    spend = active.groupby("organization_id")["cents"].sum() / 100
    sizes = data.sizes[data.sizes["year"] == year].set_index("organization_id")
    sector_of = active.drop_duplicates("organization_id").set_index("organization_id")["sector"]
    result = []
    for sector in sorted(set(sector_of)):
        orgs = sector_of[sector_of == sector].index
        ratios = measures.revenue_shares(spend.reindex(orgs), sizes["revenue"].reindex(orgs))
        ratios = ratios.dropna()
        cell = cell_statistics(
            pd.DataFrame({"organization_id": ratios.index, "value": ratios.values}), rules
        )
        result.append(
            {
                "sector": sector,
                "organisations": cell.n_organisations,
                "p25": cell.p25,
                "median": cell.median,
                "p75": cell.p75,
                "reason": cell.reason,
                "reference": settings.MARKET_SPEND_REFERENCES.get(sector),
            }
        )
    return result


def score_distribution(category_id):
    """Share of the category's products per interoperability score band (public)."""
    from vendors.models import InteroperabilityScore, ScoringMethod

    method = ScoringMethod.objects.live()
    in_category = Q(product__category_id=category_id) | Q(product__category__parent_id=category_id)
    scores = [
        float(s)
        for s in InteroperabilityScore.objects.filter(in_category, method=method).values_list(
            "score", flat=True
        )
    ]
    return _bands(scores)


def _bands(values):
    if not values:
        return []
    return [
        {
            "band": f"{low}-{min(high, 100)}",
            "share": sum(low <= v < high for v in values) / len(values),
        }
        for low, high in SCORE_BANDS
    ]


_risks = {}  # data key -> every running contract's lock-in risk (one table per process)


def _contract_risks_all(data):
    """Every running contract's lock-in risk, computed as for the vendor pages (in one
    pass over all vendors), once per version of the data."""
    from vendors.lockin_published import _contract_risks
    from vendors.models import ScoringMethod

    key, today = data.key, data.today
    if key not in _risks:
        found = cache.get(f"{key}:risks")
        if found is None:
            found, _links = _contract_risks(None, today, ScoringMethod.objects.live())
            if found.empty:
                found = pd.DataFrame(columns=["organization_id", "category_id", "risk"])
            found = found[["organization_id", "category_id", "risk"]]
            cache.set(f"{key}:risks", found, timeout=24 * 3600)
        _risks.clear()
        _risks[key] = found
    return _risks[key]


def lock_in_distribution(category_id, rules, today):
    """Lock-in risk (0-100) of running contracts, one value per organisation: its
    P25/median/P75 under the disclosure rules and the share of organisations per band
    (only when the figures may be shown)."""
    data = market_data(today)
    categories = {pk for pk, (_s, _n, parent) in data.categories.items() if parent == category_id}
    rows = _contract_risks_all(data)
    rows = rows[rows["category_id"].isin(categories | {category_id})]
    per_org = rows.groupby("organization_id")["risk"].mean() * 100
    cell = cell_statistics(
        pd.DataFrame({"organization_id": per_org.index, "value": per_org.values}), rules
    )
    if cell.suppressed:
        return {"suppressed": True, "reason": cell.reason}
    return {
        "suppressed": False,
        "organisations": cell.n_organisations,
        "p25": cell.p25,
        "median": cell.median,
        "p75": cell.p75,
        "bands": _bands(list(per_org.values)),
    }


def category_report(category_id, *, year=None, sector="", province="", basis="value", today=None):
    """Everything the dashboard shows for one category: the year's figures and the
    ten-year trends."""
    data = market_data(today)
    rules = Rules.from_settings()
    year = year or data.today.year
    contracts = filtered(data, category_id, sector, province)
    return {
        "category_id": category_id,
        "year": year,
        "sector": sector,
        "province": province,
        "concentration": concentration_for(data, contracts, year, basis),
        "dynamics": dynamics_for(data, contracts, year),
        "value": market_value(data, contracts, year, rules),
        "clauses": clause_shares_for(data, contracts, year),
        "trend": [
            {
                **{
                    k: v
                    for k, v in concentration_for(data, contracts, y, basis).items()
                    if k != "vendors"
                },
                "switching_rate": measures.switching_rate(contracts, data.switched_from, y),
            }
            for y in data.years
        ],
        "spending": spending_by_sector(data, year, rules),
        "scores": score_distribution(category_id),
        "lock_in": lock_in_distribution(category_id, rules, data.today),
    }


def public_overview(today=None):
    """For the public market-balance page: per category, concentration by number of
    customers (never value) this year and its trend. Cached with the market table."""
    data = market_data(today)
    key = f"{data.key}:public"
    found = cache.get(key)
    if found is not None:
        return found
    rows = []
    for pk, (slug, name, parent) in sorted(data.categories.items(), key=lambda c: c[1][1]):
        contracts = data.in_category(pk)
        if contracts.empty:
            continue
        trend = [concentration_for(data, contracts, y, "customers") for y in data.years]
        now = trend[-1]
        rows.append(
            {
                "slug": slug,
                "name": name,
                "main": parent is None,
                "hhi": now["hhi"],
                "eu_band": now["eu_band"],
                "us_band": now["us_band"],
                "cr4": now["cr4"],
                "customers": now["customers"],
                "trend": [{"year": t["year"], "hhi": t["hhi"]} for t in trend],
            }
        )
    cache.set(key, rows, timeout=24 * 3600)
    return rows


def recompute_all(today=None):
    """Every measure for every category and year (what the nightly refresh warms and
    the benchmark times); returns the number of category-years computed."""
    data = market_data(today)
    rules = Rules.from_settings()
    done = 0
    for year in data.years:
        spending_by_sector(data, year, rules)
    for pk in data.categories:
        contracts = data.in_category(pk)
        for year in data.years:
            for basis in BASES:
                concentration_for(data, contracts, year, basis)
            dynamics_for(data, contracts, year)
            market_value(data, contracts, year, rules)
            clause_shares_for(data, contracts, year)
            done += 1
        lock_in_distribution(pk, rules, data.today)
        score_distribution(pk)
    public_overview(data.today)
    return done
