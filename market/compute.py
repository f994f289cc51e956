"""The market monitor's figures for one category (leaf or main), year and optional
sector and province, computed from the market table of the current release
(market.data) through the disclosure gate (disclosure.statistics).

- Shares are per vendor group: a vendor counts with its ultimate parent (the catalogue's
  parent groups, frozen in the release), the group one unit everywhere a vendor was.
  Group shares by customers (how many organisations use a group), value, beds or FTE
  are protected shares (noisy totals, whole percents); a
  group with fewer than 5 customers or one dominant customer is withheld, and the
  withheld groups are merged into "other vendors" (itself a protected share, or
  withheld). HHI and CR-n are computed from the published shares only. Under each group
  its member vendors are listed as the catalogue has them, without shares and whatever
  the selection (see ``_members``).
- The numbers of customer organisations, contracts and contracts ended are protected
  counts (withheld below 5 organisations, noisy): a sector in one province may hold a
  single organisation, whose contracts' years would otherwise show exactly. Below 5
  organisations nothing of a selection's concentration is shown (not even which vendors
  serve it); withheld vendors are merged into "other vendors", unnamed; entries and
  exits name only vendors with at least 5 customers in the selection.
- The market value is a protected total; ICT spend as a share of revenue, contract
  length and lock-in risk are protected quantiles; switching, automatic renewal,
  protective clauses and lock-in bands are protected shares.
- Every figure has its own name (measure and every filter), so its noise is its own;
  the noise is seeded from the figure's data, so within a release (and across releases
  over the same data) a figure never moves and asking again gains nothing.

A withheld figure is None, with its reason in the row's ``withheld``/``reason`` (rows)
or in the section's ``withheld`` mapping (single figures)."""

from typing import NamedTuple

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from disclosure import releases
from disclosure.rules import Rules
from disclosure.statistics import (
    Figure,
    Quantiles,
    protected_count,
    protected_quantiles,
    protected_share,
    protected_total,
    reason_text,
)
from market import measures
from market.data import TOPIC, market_data
from market.releases import LOCK_IN_WITHHELD

BASES = {
    "customers": _("number of customer organisations"),
    "value": _("annual contract value"),
    "beds": _("beds served"),
    "fte": _("FTE served"),
}
SCORE_BANDS = [(0, 25), (25, 50), (50, 75), (75, 101)]
OTHER = "other"
CACHE_SECONDS = 24 * 3600


class Selection(NamedTuple):
    """What a figure is about: a category and year, optionally a sector and province."""

    category_id: int
    year: int
    sector: str = ""
    province: str = ""


def _withheld(figure):
    return {"code": figure.code, "reason": figure.reason}


def filtered(data, category_id, sector="", province=""):
    contracts = data.in_category(category_id)
    if sector:
        contracts = contracts[contracts["sector"] == sector]
    if province:
        contracts = contracts[contracts["province"] == province]
    return contracts


def release_info(data):
    return releases.describe(data.release)


def no_release_answer():
    """What every figure is before the first release."""
    return {"release": None, "withheld": "no_release", "reason": reason_text("no_release")}


def release_label(data):
    """ "Release of <date>" for pages and exports."""
    if data.release is None:
        return capfirst(reason_text("no_release"))

    return gettext("Release of %(date)s") % {"date": date_format(data.release.as_of, "DATE_FORMAT")}


# Concentration ------------------------------------------------------------------------


def _parts(active, sizes, year, basis, unit):
    """{unit: weight per organisation} and the whole (per organisation), ``unit`` the
    column of the vendor group ("group") or of the vendor itself ("vendor"). An
    organisation counts for every unit it uses: once (customers), with its contracts'
    value, or with its beds or FTE that year."""
    if basis == "value":
        pairs = active.groupby([unit, "organization_id"])["cents"].sum() / 100
    elif basis == "customers":
        served = active[[unit, "organization_id"]].drop_duplicates()
        pairs = pd.Series(1.0, index=pd.MultiIndex.from_frame(served))
    else:
        served = active[[unit, "organization_id"]].drop_duplicates()
        size = sizes[sizes["year"] == year].set_index("organization_id")[basis]
        served = served.assign(weight=served["organization_id"].map(size).astype("float64"))
        pairs = served.set_index([unit, "organization_id"])["weight"].dropna()
    pairs = pairs[pairs > 0].astype("float64")
    whole = pairs.groupby(level="organization_id").sum()
    parts = {key: rows.droplevel(unit) for key, rows in pairs.groupby(level=unit, sort=True)}
    return parts, whole


CONCENTRATION_KEYS = ("hhi", "eu_band", "us_band", "cr1", "cr3", "cr4")


def _published_concentration(shares, remainder):
    """HHI and CR-n from published shares only; the withheld vendors' remainder counts
    as one vendor in the HHI (an upper bound), and not in CR-n."""
    blocks = [*shares.tolist(), remainder] if remainder > 0 else shares.tolist()
    index = measures.hhi(pd.Series(blocks, dtype="float64"))
    return {
        "hhi": round(index, 1),
        "eu_band": measures.eu_band(index),
        "us_band": measures.us_band(index),
        "cr1": measures.concentration_ratio(shares, 1),
        "cr3": measures.concentration_ratio(shares, 3),
        "cr4": measures.concentration_ratio(shares, 4),
    }


def _members(data, group):
    """The other vendors the catalogue (frozen in the release) puts in a group, by name,
    whether or not they serve the selection, and without shares: a list that followed
    the selection's data (a member named from 5 customers, its share shown when all
    members' pass the gate) showed, by a line appearing between two selections one
    organisation apart, which vendor that organisation buys from. [] for a group of one
    vendor."""
    return sorted(
        data.vendor_names.get(v, str(v))
        for v, g in (data.groups or {}).items()
        if g == group and v != group
    )


def _by_weight(data, active, selection, basis, rules):
    """Shares per vendor group (the ultimate parent: data.groups), each group one unit
    for the threshold and dominance rules, with its member vendors listed under it."""
    active = active.assign(group=data.group_of(active["vendor"]))
    parts, whole = _parts(active, data.sizes, selection.year, basis, "group")
    shown, withheld = {}, {}
    for group, part in parts.items():
        figure = protected_share(part, whole, rules)
        (withheld if figure.suppressed else shown)[group] = figure
    order = sorted(shown, key=lambda g: (-shown[g].value, data.vendor_names.get(g, str(g))))
    shares = pd.Series([shown[g].value for g in order], index=order, dtype="float64")
    vendors = [
        {
            "vendor": data.vendor_names.get(g, str(g)),
            "share": shown[g].value,
            "withheld": "",
            "reason": "",
            "members": _members(data, g),
        }
        for g in order
    ]
    remainder = 0.0
    if withheld:
        merged = pd.concat([parts[g] for g in withheld]).groupby(level=0).sum()
        other = protected_share(merged, whole, rules)
        vendors.append(
            {
                "vendor": gettext("Other vendors"),
                "share": other.value,
                "withheld": other.code,
                "reason": other.reason,
                "other": True,
                "members": [],
            }
        )
        remainder = other.value if not other.suppressed else max(0.0, 1.0 - float(shares.sum()))
    return vendors, _published_concentration(shares, remainder)


def concentration_for(data, contracts, selection, basis="value", rules=None):
    """Shares per vendor group (each with its members), HHI (with its EU and US bands)
    and CR1/CR3/CR4 on ``basis``."""
    rules = rules or Rules.from_settings()
    active = measures.active_in(contracts, selection.year)
    counts = {
        "customers": protected_count(_ones(active), rules),
        "contracts": protected_count(active.groupby("organization_id").size(), rules),
    }
    withheld = {name: _withheld(f) for name, f in counts.items() if f.suppressed}
    if counts["customers"].suppressed:
        # Fewer than 5 organisations: which vendors serve them, year by year, would
        # date their contracts. Nothing of the selection is shown.
        vendors, concentration = [], dict.fromkeys(CONCENTRATION_KEYS)
        withheld["concentration"] = _withheld(counts["customers"])
    else:
        vendors, concentration = _by_weight(data, active, selection, basis, rules)
    return {
        "year": selection.year,
        "basis": basis,
        **{name: figure.value for name, figure in counts.items()},
        "withheld": withheld,
        "vendors": vendors,
        **concentration,
    }


# Dynamics, value, clauses ---------------------------------------------------------------


def _ones(rows):
    """One per organisation among ``rows``: to count organisations through the gate."""
    return pd.Series(1.0, index=pd.Index(rows["organization_id"].unique()))


def _named(vendor_ids, rows, rules):
    """Those of ``vendor_ids`` with at least 5 customers among ``rows``: a vendor named
    as entering or leaving with fewer would date its few customers' contracts."""
    customers = rows.groupby("vendor")["organization_id"].nunique()
    return [v for v in vendor_ids if customers.get(v, 0) >= rules.min_organisations]


def _rate(rows, flags, rules):
    """The share of ``rows`` (contracts) with ``flags``, as a protected share: the part
    is each organisation's flagged contracts, the whole all its contracts. None (not
    withheld) when there are no rows."""
    if rows.empty:
        return Figure(value=None)
    organisations = rows["organization_id"]
    part = flags.astype("float64").groupby(organisations).sum()
    whole = pd.Series(1.0, index=rows.index).groupby(organisations).sum()
    return protected_share(part, whole, rules)


def _lengths_months(contracts):
    return (contracts["end_date"] - contracts["start_date"]).dt.days / (365.25 / 12)


def dynamics_for(data, contracts, selection, rules):
    active = measures.active_in(contracts, selection.year)
    ended = contracts[contracts["end_year"] == selection.year]
    entries, exits = measures.entries_and_exits(
        contracts, selection.year, last_complete_year=data.as_of.year - 1
    )
    names = data.vendor_names
    switching = _rate(ended, ended["contract_id"].isin(data.switched_from), rules)
    renewal = _rate(active, active["auto_renewal"], rules)
    if active.empty:
        length = None
    else:
        organisations = active["organization_id"]
        length = protected_quantiles(
            _lengths_months(active).groupby(organisations).mean(),
            rules,
            weights=active["cents"].groupby(organisations).sum().astype("float64"),
        )
    ended_count = protected_count(ended.groupby("organization_id").size(), rules)
    # Entries and exits name vendors, not amounts, but in a selection of one or two
    # organisations they would date their switches: only from 5 organisations.
    movers = protected_count(_ones(active), rules)
    withheld = {
        key: _withheld(figure)
        for key, figure in (
            ("switching_rate", switching),
            ("contracts_ended", ended_count),
            ("entries", movers),
            ("exits", movers),
            ("auto_renewal_share", renewal),
            ("median_length_months", length),
        )
        if figure is not None and figure.suppressed
    }
    if movers.suppressed:
        entries, exits = [], None
    entries = _named(entries, active, rules)
    if exits is not None:
        exits = _named(exits, measures.active_in(contracts, selection.year - 1), rules)
    return {
        "year": selection.year,
        "switching_rate": switching.value,
        "contracts_ended": ended_count.value,
        "entries": None if movers.suppressed else [names.get(v, str(v)) for v in entries],
        "exits": None if exits is None else [names.get(v, str(v)) for v in exits],
        "median_length_months": None if length is None else length.median,
        "auto_renewal_share": renewal.value,
        "withheld": withheld,
    }


def market_value(data, contracts, selection, rules):
    """The category's total yearly value (euros): a protected total."""
    active = measures.active_in(contracts, selection.year)
    per_org = active.groupby("organization_id")["cents"].sum() / 100
    figure = protected_total(per_org[per_org > 0].astype("float64"), rules)
    return {"total_eur": figure.value, "withheld": figure.code, "reason": figure.reason}


def clause_shares_for(data, contracts, selection, rules):
    from contracts.models import LockInClause

    active = measures.active_in(contracts, selection.year)
    rows = []
    for clause in LockInClause.objects.all():
        included = data.agreed["contract_id"][data.agreed["code"] == clause.code]
        figure = _rate(active, active["contract_id"].isin(set(included.tolist())), rules)
        rows.append(
            {
                "code": clause.code,
                "clause": clause.display_name,
                "share": figure.value,
                "withheld": figure.code,
                "reason": figure.reason,
            }
        )
    return rows


# Spending, lock-in, scores ---------------------------------------------------------------


def spending_by_sector(data, year, rules):
    """Per sector: ICT spend recorded in the portal (all categories) as a share of
    revenue, protected P25/median/P75 over organisations, with the sector reference."""
    active = measures.active_in(data.contracts, year)
    spend = active.groupby("organization_id")["cents"].sum() / 100
    sizes = data.sizes[data.sizes["year"] == year].set_index("organization_id")
    sector_of = active.drop_duplicates("organization_id").set_index("organization_id")["sector"]
    result = []
    for sector in sorted(set(sector_of)):
        orgs = sector_of[sector_of == sector].index
        ratios = measures.revenue_shares(spend.reindex(orgs), sizes["revenue"].reindex(orgs))
        ratios = ratios.dropna()
        figures = protected_quantiles(
            ratios,
            rules,
            weights=spend.reindex(ratios.index).fillna(0),
        )
        result.append(
            {
                "sector": sector,
                "organisations": figures.n_organisations,
                "p25": figures.p25,
                "median": figures.median,
                "p75": figures.p75,
                "withheld": figures.code,
                "reason": figures.reason,
                "reference": settings.MARKET_SPEND_REFERENCES.get(sector),
            }
        )
    return result


def score_distribution(category_id):
    """Share of the category's products per interoperability score band (public scores,
    read live)."""
    from vendors.models import InteroperabilityScore, ScoringMethod

    method = ScoringMethod.objects.live()
    in_category = Q(product__category_id=category_id) | Q(product__category__parent_id=category_id)
    scores = [
        float(s)
        for s in InteroperabilityScore.objects.filter(in_category, method=method).values_list(
            "score", flat=True
        )
    ]
    if not scores:
        return []
    return [
        {
            "band": f"{low}-{min(high, 100)}",
            "share": sum(low <= v < high for v in scores) / len(scores),
        }
        for low, high in SCORE_BANDS
    ]


def lock_in_distribution(data, category_id, rules):
    """Lock-in risk (0-100, as on the vendor pages) of the contracts running on the
    release's day, one value per organisation (the mean of its contracts), each weighing
    the same: protected P25/median/P75, and the share of organisations per band (each a
    protected share)."""
    rows = data.risks[data.risks["category_id"].isin(data.subcategories(category_id))]
    per_org = rows.groupby("organization_id")["risk"].mean().astype("float64")
    ones = pd.Series(1.0, index=per_org.index)
    figures = protected_quantiles(per_org, rules, weights=ones)
    if category_id in releases.part(data.release, TOPIC, LOCK_IN_WITHHELD, frozenset()):
        figures = Quantiles(code="differencing")
    if figures.suppressed:
        return {"suppressed": True, "withheld": figures.code, "reason": figures.reason}
    bands = []
    for low, high in SCORE_BANDS:
        in_band = ones[(per_org >= low) & (per_org < high)]
        share = protected_share(in_band, ones, rules)
        bands.append(
            {
                "band": f"{low}-{min(high, 100)}",
                "share": share.value,
                "withheld": share.code,
                "reason": share.reason,
            }
        )
    return {
        "suppressed": False,
        "withheld": "",
        "reason": "",
        "organisations": figures.n_organisations,
        "p25": figures.p25,
        "median": figures.median,
        "p75": figures.p75,
        "bands": bands,
    }


# Whole answers, cached per release ---------------------------------------------------------


def _cached(data, *key, compute):
    """Figures never move within a release: compute each answer once."""
    if data.release is None:
        return compute()
    parts = (data.key, get_language(), *key)  # reasons and labels are translated
    return cache.get_or_set(":".join(str(k) for k in parts), compute, timeout=CACHE_SECONDS)


def concentration(data, category_id, year, sector="", province="", basis="value", rules=None):
    selection = Selection(category_id, year, sector, province)
    return _cached(
        data,
        "concentration",
        *selection,
        basis,
        compute=lambda: concentration_for(
            data, filtered(data, category_id, sector, province), selection, basis, rules
        ),
    )


def dynamics(data, category_id, year, sector="", province="", rules=None):
    selection = Selection(category_id, year, sector, province)
    return _cached(
        data,
        "dynamics",
        *selection,
        compute=lambda: dynamics_for(
            data,
            filtered(data, category_id, sector, province),
            selection,
            rules or Rules.from_settings(),
        ),
    )


def spending(data, year, rules=None):
    return _cached(
        data,
        "spending",
        year,
        compute=lambda: spending_by_sector(data, year, rules or Rules.from_settings()),
    )


def lock_in(data, category_id, rules=None):
    return _cached(
        data,
        "lock_in",
        category_id,
        compute=lambda: lock_in_distribution(data, category_id, rules or Rules.from_settings()),
    )


def clauses(data, category_id, year, sector="", province="", rules=None):
    selection = Selection(category_id, year, sector, province)
    return _cached(
        data,
        "clauses",
        *selection,
        compute=lambda: clause_shares_for(
            data,
            filtered(data, category_id, sector, province),
            selection,
            rules or Rules.from_settings(),
        ),
    )


def clauses_all_categories(year=None, rules=None):
    """Per lock-in clause, the share of contracts in all categories together that
    include it, in ``year`` (the release's latest year by default), from the current
    release through the same gate as the per-category figures (a protected share; a
    withheld one is None with its reason). For the knowledge base's clause pages."""
    data = market_data()
    if not data.released:
        return {
            **no_release_answer(),
            "release_label": release_label(data),
            "year": None,
            "rows": [],
        }
    year = year or data.as_of.year
    rows = _cached(
        data,
        "clauses-all",
        year,
        compute=lambda: clause_shares_for(
            data, data.contracts, Selection(0, year), rules or Rules.from_settings()
        ),
    )
    return {
        "release": release_info(data),
        "release_label": release_label(data),
        "year": year,
        "rows": rows,
    }


def market_value_of(data, category_id, year, sector="", province="", rules=None):
    selection = Selection(category_id, year, sector, province)
    return _cached(
        data,
        "value",
        *selection,
        compute=lambda: market_value(
            data,
            filtered(data, category_id, sector, province),
            selection,
            rules or Rules.from_settings(),
        ),
    )


def category_report(category_id, *, year=None, sector="", province="", basis="value", data=None):
    """Everything the dashboard, the exports and the printable report show for one
    category: the year's figures and the ten-year trends, from the current release."""
    data = data or market_data()
    if not data.released:
        return {"category_id": category_id, **no_release_answer()}
    rules = Rules.from_settings()
    year = year or data.as_of.year
    trend = []
    for y in data.years:
        found = concentration(data, category_id, y, sector, province, basis, rules)
        trend.append(
            {
                **{k: v for k, v in found.items() if k != "vendors"},
                "switching_rate": dynamics(data, category_id, y, sector, province, rules)[
                    "switching_rate"
                ],
            }
        )
    return {
        "category_id": category_id,
        "release": release_info(data),
        "year": year,
        "sector": sector,
        "province": province,
        "concentration": concentration(data, category_id, year, sector, province, basis, rules),
        "dynamics": dynamics(data, category_id, year, sector, province, rules),
        "value": market_value_of(data, category_id, year, sector, province, rules),
        "clauses": clauses(data, category_id, year, sector, province, rules),
        "trend": trend,
        "spending": spending(data, year, rules),
        "scores": score_distribution(category_id),
        "lock_in": lock_in(data, category_id, rules),
    }


class Overview(list):
    """The public page's rows, with the release they come from (None: none yet)."""

    release = None
    release_label = ""


def public_overview():
    """For the public market-balance page: per category, concentration by number of
    customers (never value) in the release's year and its trend."""
    data = market_data()
    overview = Overview(_cached(data, "public", compute=lambda: _public_rows(data)))
    overview.release = release_info(data)
    overview.release_label = release_label(data)
    return overview


def _public_rows(data):
    if not data.released:
        return []
    rows = []
    for pk, (slug, name, parent) in sorted(data.categories.items(), key=lambda c: c[1][1]):
        if data.in_category(pk).empty:
            continue
        trend = [concentration(data, pk, y, basis="customers") for y in data.years]
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
                "largest": _largest_group(now["vendors"]),
                "trend": [{"year": t["year"], "hhi": t["hhi"]} for t in trend],
            }
        )
    return rows


def _largest_group(vendors):
    """The published group with the largest share (its CR1), or None."""
    named = [v for v in vendors if not v.get("other") and v["share"] is not None]
    if not named:
        return None
    return {k: named[0][k] for k in ("vendor", "share", "members")}


def recompute_all():
    """Every figure of the current release for every category and year, without the
    sector and province filters (what refresh_market_monitor warms and the benchmark
    times); returns the number of category-years computed."""
    data = market_data()
    if not data.released:
        return 0
    rules = Rules.from_settings()
    done = 0
    for year in data.years:
        spending(data, year, rules)
    for pk in data.categories:
        for year in data.years:
            for basis in BASES:
                concentration(data, pk, year, basis=basis, rules=rules)
            category_report(pk, year=year, data=data)
            done += 1
        lock_in(data, pk, rules)
        score_distribution(pk)
    public_overview()
    return done


def forget():
    """Nothing is kept per process besides the release parts (disclosure.releases)."""
