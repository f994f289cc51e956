"""The contract-level table the market monitor computes from, read once and cached.

One row per care provider's contract active in the last MARKET_YEARS years (and at
least PRICE_MIN_AGE_DAYS old, as for the price benchmarks): vendor, leaf and main
category, dates, automatic renewal, its yearly cost in cents (prices.normalise, as the
benchmarks) and the organisation's sector and province; beside it the organisations'
sizes per year, the clause answers and the switches away from contracts."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from threading import Lock

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from contracts.models import Contract, ContractClause, VendorSwitch
from portal.models import Organization
from prices.facts import _frame, _per_contract, line_frame, size_frame
from prices.versioning import digest_of_all
from vendors.models import ProductCategory

logger = logging.getLogger(__name__)


def market_years(today):
    return list(range(today.year - settings.MARKET_YEARS + 1, today.year + 1))


@dataclass
class MarketData:
    today: date
    years: list
    contracts: pd.DataFrame
    sizes: pd.DataFrame  # organization_id, year, fte, beds, revenue
    agreed: pd.DataFrame  # contract_id, code: the protective clauses contracts include
    switched_from: frozenset  # ids of contracts followed by another vendor's
    vendor_names: dict
    categories: dict  # id -> (slug, name, parent id or None)

    key: str = ""  # the data versions it was built from (data_key)

    def in_category(self, category_id):
        """Contracts of a leaf category, or of all leaves of a main category."""
        c = self.contracts
        return c[(c["category_id"] == category_id) | (c["main_id"] == category_id)]


def load(today):
    years = market_years(today)
    cutoff = today - timedelta(days=settings.PRICE_MIN_AGE_DAYS)
    counted = {
        "organization__type": Organization.Type.CARE_PROVIDER,
        "start_date__lte": min(cutoff, date(years[-1], 12, 31)),
        "end_date__gte": date(years[0], 1, 1),
    }
    contracts = _frame(
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
        _by_type, overall = _per_contract(lines)
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
    agreed = _frame(
        ContractClause.objects.filter(**through, answer=ContractClause.Answer.YES),
        {"contract_id": "contract_id", "code": "clause__code"},
    )
    agreed["code"] = agreed["code"].astype("category")
    switched_from = frozenset(
        VendorSwitch.objects.exclude(from_contract=None).values_list("from_contract_id", flat=True)
    )
    from vendors.models import Vendor

    return MarketData(
        today=today,
        years=years,
        contracts=contracts,
        sizes=sizes,
        agreed=agreed,
        switched_from=switched_from,
        vendor_names=dict(Vendor.objects.values_list("pk", "name")),
        categories={
            c.pk: (c.slug, str(c), c.parent_id)
            for c in ProductCategory.objects.select_related("parent")
        },
    )


_local = {}  # data key -> table; and "latest" -> the most recent table built
_lock = Lock()
LATEST = "market:latest"


def data_key(today):
    return f"market:v1:{today.isoformat()}:{settings.MARKET_YEARS}:{digest_of_all()}"


def _remember(data):
    with _lock:
        _local.clear()  # one table per process is enough
        _local[data.key] = data
        _local[LATEST] = data


def build(today):
    """Read the table for the data as it is now and share it with the other processes."""
    key = data_key(today)
    data = load(today)
    data.key = key
    cache.set(key, data, timeout=24 * 3600)
    cache.set(LATEST, data, timeout=24 * 3600)
    _remember(data)
    return data


@task()
def rebuild_market_table(day):
    from prices.monitor.compute import _contract_risks_all

    _contract_risks_all(build(date.fromisoformat(day)))  # the lock-in figures too


def _previous(today):
    with _lock:
        previous = _local.get(LATEST)
    previous = previous or cache.get(LATEST)
    return previous if previous is not None and previous.today == today else None


def market_data(today=None):
    """The market table as of ``today``. After a write the previous table is served
    while the task worker builds the new one (about 2 s on the national dataset), so the
    monitor stays fast; without a previous table it is built here."""
    today = today or timezone.localdate()
    key = data_key(today)
    with _lock:
        if key in _local:
            return _local[key]
    data = cache.get(key)
    if data is not None:
        _remember(data)
        return data
    previous = _previous(today)
    if previous is None:
        return build(today)
    if cache.add(f"{key}:building", 1, timeout=600):
        try:
            rebuild_market_table.enqueue(today.isoformat())
        except Exception as err:  # the previous table still answers
            logger.warning("Could not queue the market table rebuild: %s", err)
            cache.delete(f"{key}:building")
    data = cache.get(key)  # built already when tasks run immediately (tests)
    if data is not None:
        _remember(data)
        return data
    return previous


def clear_local():
    from prices.monitor.compute import _risks

    with _lock:
        _local.clear()
        _risks.clear()
