"""The contract-level table the market monitor computes from, frozen in each release.

One row per care provider's contract active in the MARKET_YEARS years up to the
release's data day (``as_of``) and at least ``rules.min_age_days`` old on that day, as
for the price benchmarks: vendor, leaf and main category, dates, automatic renewal, its
yearly cost in cents (contracts.normalise, as the benchmarks) and the organisation's
sector and province; the vendor groups (each vendor's ultimate parent, from the
catalogue on the release's day: shares and concentration are per group); beside it the
organisations' sizes per year, the clause answers,
the switches away from contracts and the lock-in risk of the contracts running on
``as_of`` (contracts.lockin).

The table is built by the release producer (market.releases) and stored in the
release; pages, exports and the API read it from the current release only, so writes
made after a release change nothing anyone is shown until the next one."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
from django.conf import settings
from django.utils import timezone

from contracts.frames import frame, line_frame, per_contract, size_frame
from contracts.lockin import contract_risks
from contracts.models import Contract, ContractClause, VendorSwitch
from disclosure import releases
from disclosure.rules import recorded_by
from portal.models import Organization
from vendors.models import ProductCategory, ScoringMethod, Vendor
from vendors.selectors import vendor_groups

TOPIC = "market"
TABLE = "table"


def market_years(as_of):
    return list(range(as_of.year - settings.MARKET_YEARS + 1, as_of.year + 1))


def _empty_risks():
    return pd.DataFrame(
        {
            "organization_id": pd.Series(dtype="int64"),
            "category_id": pd.Series(dtype="int64"),
            "risk": pd.Series(dtype="float64"),
        }
    )


@dataclass
class MarketData:
    as_of: date
    years: list
    contracts: pd.DataFrame
    sizes: pd.DataFrame  # organization_id, year, fte, beds, revenue
    agreed: pd.DataFrame  # contract_id, code: the protective clauses contracts include
    switched_from: frozenset  # ids of contracts followed by another vendor's
    vendor_names: dict
    categories: dict  # id -> (slug, name, parent id or None)
    risks: pd.DataFrame = field(default_factory=_empty_risks)  # running contracts' lock-in
    # vendor id -> its group's (ultimate parent's) id. None in tables stored before
    # groups were (they still load): there every vendor is its own group.
    groups: dict | None = None
    # The release this table belongs to (set when read; None: nothing released yet).
    release: object = None

    @property
    def released(self):
        return self.release is not None

    @property
    def key(self):
        """What caches of figures computed from this table are keyed by."""
        if self.release is None:
            return "market:none"
        return f"market:r{self.release.pk}:{self.release.published_at.timestamp():.0f}"

    def group_of(self, vendor_ids: pd.Series) -> pd.Series:
        """The vendor group (ultimate parent's id) of each of ``vendor_ids``."""
        if not self.groups:
            return vendor_ids
        return vendor_ids.map(self.groups).fillna(vendor_ids).astype(vendor_ids.dtype)

    def in_category(self, category_id):
        """Contracts of a leaf category, or of all leaves of a main category."""
        c = self.contracts
        return c[(c["category_id"] == category_id) | (c["main_id"] == category_id)]

    def subcategories(self, category_id):
        """The category and its leaves."""
        return {category_id} | {
            pk for pk, (_slug, _name, parent) in self.categories.items() if parent == category_id
        }


def load(as_of, min_age_days):
    """The table as the data stand now, counting what was there on ``as_of``: contracts
    that started, and were recorded, at least ``min_age_days`` before it."""
    years = market_years(as_of)
    cutoff = as_of - timedelta(days=min_age_days)
    counted = {
        "organization__type": Organization.Type.CARE_PROVIDER,
        "start_date__lte": min(cutoff, date(years[-1], 12, 31)),
        "end_date__gte": date(years[0], 1, 1),
        "created_at__lt": recorded_by(as_of, min_age_days),
    }
    contracts = frame(
        Contract.objects.filter(**counted),
        {
            "contract_id": "id",
            "organization_id": "organization_id",
            "vendor": "vendor_id",
            "category_id": "category_id",
            "main_id": "category__parent_id",
            "start_date": "start_date",
            "end_date": "end_date",
            "auto_renewal": "auto_renewal",
            "sector": "organization__sector",
            "province": "organization__province",
        },
    )
    through = {f"contract__{key}": value for key, value in counted.items()}
    lines = line_frame(**through)
    if lines.empty:
        contracts["cents"] = 0
    else:
        _by_type, overall = per_contract(lines)
        cents = overall.set_index("contract_id")["cents"]
        contracts["cents"] = contracts["contract_id"].map(cents).fillna(0).astype("int64")
    for column in ("sector", "province"):  # compared often: categories are fast
        contracts[column] = contracts[column].astype("category")
    for column in ("start_date", "end_date"):
        contracts[column] = pd.to_datetime(contracts[column])
    contracts["start_year"] = contracts["start_date"].dt.year
    contracts["end_year"] = contracts["end_date"].dt.year
    contracts["main_id"] = contracts["main_id"].fillna(contracts["category_id"]).astype("int64")
    sizes = size_frame(years)
    agreed = frame(
        ContractClause.objects.filter(**through, answer=ContractClause.Answer.YES),
        {"contract_id": "contract_id", "code": "clause__code"},
    )
    agreed["code"] = agreed["code"].astype("category")
    switched_from = frozenset(
        VendorSwitch.objects.exclude(from_contract=None).values_list("from_contract_id", flat=True)
    )
    return MarketData(
        as_of=as_of,
        years=years,
        contracts=contracts,
        sizes=sizes,
        agreed=agreed,
        switched_from=switched_from,
        vendor_names=dict(Vendor.objects.values_list("pk", "name")),
        groups=vendor_groups(),
        categories={
            c.pk: (c.slug, str(c), c.parent_id)
            for c in ProductCategory.objects.select_related("parent")
        },
        risks=_risks(as_of, set(contracts["contract_id"].tolist()), min_age_days),
    )


def _risks(as_of, counted_ids, min_age_days):
    """The lock-in risk (0-100) of every contract running on ``as_of`` that the table
    counts (old enough, of a care provider), computed as for the vendor pages: the
    market inputs, too, from contracts ``min_age_days`` old only."""
    started_by = as_of - timedelta(days=min_age_days)
    found, _links = contract_risks(None, as_of, ScoringMethod.objects.live(), started_by=started_by)
    if found.empty:
        return _empty_risks()
    found = found[found["id"].isin(counted_ids)]
    return found[["organization_id", "category_id", "risk"]].reset_index(drop=True)


def no_release(today=None):
    """The state before the first release: no contracts, every figure withheld."""
    today = today or timezone.localdate()
    return MarketData(
        as_of=today,
        years=market_years(today),
        contracts=pd.DataFrame(),
        sizes=pd.DataFrame(columns=["organization_id", "year", "fte", "beds", "revenue"]),
        agreed=pd.DataFrame(columns=["contract_id", "code"]),
        switched_from=frozenset(),
        vendor_names={},
        categories={},
    )


def market_data():
    """The market table of the current release (never live data), or the "no release
    yet" state (``released`` False)."""
    release = releases.current()
    if release is None:
        return no_release()
    data = releases.part(release, TOPIC, TABLE)
    if data is None:  # a release made without the market topic
        return no_release(release.as_of)
    data.release = release
    return data


def clear_local():
    """Drop what this process remembers of computed figures (tests)."""
    from market.compute import forget

    forget()
