"""Organisation-level facts for one product category: what each care provider spent in
each year, per cost type and per supplier, with its peer-group attributes.

One row per (year, organisation, cost_type, supplier_kind, supplier):
- cost_type "" is all costs; a single cost type is only kept with supplier_kind "";
- supplier_kind is "" (any supplier), "vendor", "product" or "deployment", supplier the
  vendor's or product's slug or the deployment model;
- cents: the yearly cost (contracts.normalise); user_cents/user_qty and ws_cents/ws_qty:
  the cost and number of users or workstations of lines priced per user/workstation
  (a contract's count is its largest line quantity, so licence and support per user
  do not count the users twice);
- one column per metric (prices.facts.METRICS) with the comparable value, NaN where
  the organisation lacks the figure it is divided by.

Only contracts of care providers that started at least PRICE_MIN_AGE_DAYS before
``today`` count, in each year they were active."""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from contracts.frames import frame, line_frame, per_contract, size_frame
from contracts.models import Contract
from disclosure.rules import recorded_by
from portal.models import Organization
from prices.peer_groups import REGION_OF_PROVINCE, size_bands

METRICS = ("annual", "per_fte", "per_bed", "per_user", "per_workstation", "revenue_share")
KEY = ["year", "organization_id", "cost_type", "supplier_kind", "supplier"]
SUMS = ["cents", "user_cents", "user_qty", "ws_cents", "ws_qty"]


def _contract_filter(category_ids, years, today, min_age_days, prefix=""):
    """Filter arguments for the contracts that count (started and recorded at least
    ``min_age_days`` before ``today``), optionally through a relation."""
    cutoff = today - timedelta(days=min_age_days)
    return {
        f"{prefix}category_id__in": list(category_ids),
        f"{prefix}organization__type": Organization.Type.CARE_PROVIDER,
        f"{prefix}start_date__lte": min(cutoff, date(max(years), 12, 31)),
        f"{prefix}end_date__gte": date(min(years), 1, 1),
        f"{prefix}created_at__lt": recorded_by(today, min_age_days),
    }


def _suppliers(contracts, products):
    """(contract_id, supplier_kind, supplier) for every way a contract can be grouped."""
    parts = [
        contracts[["contract_id"]].assign(supplier_kind="", supplier=""),
        contracts[["contract_id", "vendor"]].rename(columns={"vendor": "supplier"}),
        products[["contract_id", "slug"]].rename(columns={"slug": "supplier"}),
        products[["contract_id", "deployment"]].rename(columns={"deployment": "supplier"}),
    ]
    parts[1]["supplier_kind"] = "vendor"
    parts[2]["supplier_kind"] = "product"
    parts[3]["supplier_kind"] = "deployment"
    return pd.concat(parts, ignore_index=True).drop_duplicates()


def _by_year(contributions, contracts, years):
    dated = contributions.merge(contracts, on="contract_id")
    frames = []
    for year in years:
        active = (dated["start_year"] <= year) & (dated["end_year"] >= year)
        frames.append(dated[active].assign(year=year))
    if not frames:
        return dated.assign(year=pd.Series(dtype="int64"))
    return pd.concat(frames, ignore_index=True)


def _with_organisations(facts, sources):
    facts = facts.merge(sources.organisations, on="organization_id").merge(
        sources.sizes, on=["organization_id", "year"], how="left"
    )
    facts["region"] = facts["province"].map(REGION_OF_PROVINCE)
    facts["size_band"] = size_bands(facts) if not facts.empty else None
    return facts


def _metric_values(facts):
    euros = facts["cents"] / 100
    with np.errstate(divide="ignore", invalid="ignore"):
        values = {
            "annual": euros,
            "per_fte": euros / facts["fte"],
            "per_bed": euros / facts["beds"],
            "per_user": facts["user_cents"] / 100 / facts["user_qty"],
            "per_workstation": facts["ws_cents"] / 100 / facts["ws_qty"],
            "revenue_share": euros / facts["revenue"],
        }
    for name, series in values.items():
        facts[name] = series.astype("float64").where(np.isfinite(series))
    return facts


def empty_facts():
    columns = KEY + SUMS
    columns += ["sector", "province", "region", "size_band", "fte", "beds", "revenue", *METRICS]
    return pd.DataFrame(columns=columns)


@dataclass
class Sources:
    """What the facts are made of, read from the database in one go for one or many
    categories (so a main category and its leaves need not be read twice)."""

    years: list
    contracts: pd.DataFrame
    lines: pd.DataFrame
    products: pd.DataFrame
    organisations: pd.DataFrame
    sizes: pd.DataFrame

    @classmethod
    def load(cls, category_ids, years, *, today, min_age_days):
        counted = _contract_filter(category_ids, years, today, min_age_days)
        through = _contract_filter(category_ids, years, today, min_age_days, prefix="contract__")
        contracts = frame(
            Contract.objects.filter(**counted),
            {
                "contract_id": "id",
                "category_id": "category_id",
                "organization_id": "organization_id",
                "vendor": "vendor__slug",
                "start_date": "start_date",
                "end_date": "end_date",
            },
        )
        contracts["start_year"] = contracts["start_date"].map(lambda d: d.year)
        contracts["end_year"] = contracts["end_date"].map(lambda d: d.year)
        lines = line_frame(**through)
        products = frame(
            Contract.products.through.objects.filter(**through),
            {
                "contract_id": "contract_id",
                "slug": "product__slug",
                "deployment": "product__deployment",
            },
        )
        organisations = frame(
            Organization.objects.filter(type=Organization.Type.CARE_PROVIDER),
            {"organization_id": "id", "sector": "sector", "province": "province"},
        )
        sizes = size_frame(years)
        return cls(list(years), contracts, lines, products, organisations, sizes)

    def of(self, category_ids):
        """The part of these sources for the given categories."""
        contracts = self.contracts[self.contracts["category_id"].isin(list(category_ids))]
        ids = contracts["contract_id"]
        return Sources(
            self.years,
            contracts,
            self.lines[self.lines["contract_id"].isin(ids)],
            self.products[self.products["contract_id"].isin(ids)],
            self.organisations,
            self.sizes,
        )


def family_ids(category):
    return [category.pk, *category.children.values_list("pk", flat=True)]


def build_facts(category, years, *, today, min_age_days, sources=None):
    family = family_ids(category)
    if sources is None:
        sources = Sources.load(family, years, today=today, min_age_days=min_age_days)
    sources = sources.of(family)
    if sources.contracts.empty or sources.lines.empty:
        return empty_facts()
    contracts = sources.contracts
    by_type, overall = per_contract(sources.lines)
    suppliers = _suppliers(contracts, sources.products)
    contributions = pd.concat(
        [
            overall.merge(suppliers, on="contract_id"),
            by_type.assign(supplier_kind="", supplier=""),
        ],
        ignore_index=True,
    )
    dated = _by_year(
        contributions,
        contracts[["contract_id", "organization_id", "start_year", "end_year"]],
        years,
    )
    facts = dated.groupby(KEY, as_index=False)[SUMS].sum()
    return _metric_values(_with_organisations(facts, sources))
