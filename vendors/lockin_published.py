"""Lock-in risk aggregated per vendor and per product, for the public pages and the API,
published in releases (disclosure.releases, topic "lockin").

When a release is made (contracts.lockin.produce), the risk of every contract that runs
on the release's day and started at least ``rules.min_age_days`` before it is computed
in bulk (the contract page's formula); each organisation counts once (the mean of its
contracts' risks, 0-100: ``values_by_vendor``). Per vendor and per product the figures
go through the disclosure gate:
- ``protected_quantiles``: at least 5 organisations, Harrell-Davis estimates plus
  Laplace noise (never one organisation's own value), P10/P90 from 10 organisations;
  every organisation weighs the same, so no dominance;
- complementary suppression (disclosure.differencing) between a vendor's figure and its
  products' figures, and against the sets shown for that vendor in the differencing
  window (disclosure.history, as for the price benchmarks): a
  figure whose customers are one to five organisations away from another figure's, now
  or in an earlier release, is withheld (the before/after and the vendor-against-product
  attacks).

Everyone is shown the stored figures of the current release. An organisation that
contributes to a figure is shown it recomputed without its own data (as the price
benchmarks do), so its own edits move nothing it sees; the per-organisation values
needed for that are stored in the release. Writes after a release change nothing
anyone sees until the next release."""

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from disclosure import releases
from disclosure.differencing import Candidate, suppress_differencing
from disclosure.rules import Rules
from disclosure.statistics import Quantiles, protected_quantiles
from vendors.lockin import TOPIC

HISTORY = "history"


@dataclass
class LockInFigure(Quantiles):
    """A published lock-in figure (0-100) with the day of the release it comes from."""

    as_of: date | None = None


@dataclass
class PublishedLockIn:
    """What a viewer is shown for one vendor: its figure and its products'."""

    vendor: LockInFigure
    products: dict = field(default_factory=dict)  # product id -> LockInFigure
    as_of: date | None = None  # the release's data day; None before the first release
    missing_code: str = "too_few"  # what a product without a figure shows

    def product(self, product_id) -> LockInFigure:
        found = self.products.get(product_id)
        return (
            found if found is not None else LockInFigure(code=self.missing_code, as_of=self.as_of)
        )


def _equal_weights(values):
    return pd.Series(1.0, index=values.index)


@dataclass
class VendorLockIn:
    """One vendor's part of a release: the published figures of the vendor and of its
    products, and, for the figures shown, the values per organisation (0-100) from which
    a contributing organisation's view is recomputed without its own data."""

    vendor_id: int
    as_of: date
    rules: Rules
    figures: dict  # ("vendor"|"product", id) -> Quantiles
    values: dict  # key -> pd.Series of values by organisation id (figures shown only)

    def shown_sets(self):
        return [
            np.sort(self.values[key].index.to_numpy(dtype=np.int64))
            for key, figure in self.figures.items()
            if not figure.suppressed
        ]

    def figure(self, key, viewer_organization=None) -> LockInFigure:
        found = self.figures.get(key)
        if found is None:
            return LockInFigure(code="too_few", as_of=self.as_of)
        values = self.values.get(key)
        if (
            viewer_organization is not None
            and values is not None
            and viewer_organization in values.index
        ):
            # Decided on the others' data alone: the viewer's own contracts move nothing.
            others = values.drop(viewer_organization)
            found = protected_quantiles(others, self.rules, weights=_equal_weights(others))
        return LockInFigure(**vars(found), as_of=self.as_of)

    def view(self, viewer_organization=None) -> PublishedLockIn:
        return PublishedLockIn(
            vendor=self.figure(("vendor", self.vendor_id), viewer_organization),
            products={
                key[1]: self.figure(key, viewer_organization)
                for key in self.figures
                if key[0] == "product"
            },
            as_of=self.as_of,
        )


def build_vendor_lock_in(vendor_id, values, rules, *, as_of, earlier=()) -> VendorLockIn:
    """The published figures of one vendor. ``values``: ("vendor"|"product", id) -> the
    risk (0-100) per organisation id; ``earlier``: Candidates of sets shown before."""
    figures, candidates = {}, []
    for key, series in values.items():
        series = series.dropna()
        figures[key] = protected_quantiles(series, rules, weights=_equal_weights(series))
        if figures[key].code != "too_few":
            members = np.sort(series.index.to_numpy(dtype=np.int64))
            candidates.append(Candidate(key, members))
    for key in _suppressed(candidates, earlier, rules):
        figures[key] = Quantiles(code="differencing")
    shown = {key: values[key].dropna() for key, figure in figures.items() if not figure.suppressed}
    return VendorLockIn(vendor_id, as_of, rules, figures, shown)


def _suppressed(candidates, earlier, rules):
    """Complementary suppression within the release and against the sets shown in
    earlier releases (disclosure.differencing)."""
    return suppress_differencing(candidates, rules.min_organisations, published_before=earlier)


def values_by_vendor(contracts, links, product_vendor):
    """vendor id -> {("vendor", id) | ("product", id): risk per organisation}: the mean of
    the organisation's contracts with the vendor, or linked to the product."""
    families = {}
    if contracts.empty:
        return families
    per_vendor = contracts.groupby(["vendor_id", "organization_id"])["risk"].mean()
    for vendor_id, series in per_vendor.groupby(level=0):
        families.setdefault(int(vendor_id), {})[("vendor", int(vendor_id))] = series.droplevel(0)
    linked = links[["contract_id", "product_id"]].merge(
        contracts[["id", "organization_id", "risk"]], left_on="contract_id", right_on="id"
    )
    if linked.empty:
        return families
    per_product = linked.groupby(["product_id", "organization_id"])["risk"].mean()
    for product_id, series in per_product.groupby(level=0):
        vendor_id = product_vendor.get(int(product_id))
        if vendor_id is not None:
            families.setdefault(vendor_id, {})[("product", int(product_id))] = series.droplevel(0)
    return families


def release_with_lock_in():
    """The current release when it holds lock-in figures, else None."""
    release = releases.current()
    if release is None or TOPIC not in (release.summary or {}):
        return None
    return release


def published_lock_in(vendor, *, viewer_organization=None) -> PublishedLockIn:
    """The vendor's figures in the current release, as ``viewer_organization`` (a care
    provider's id, or None) may see them."""
    release = release_with_lock_in()
    if release is None:
        return PublishedLockIn(LockInFigure(code="no_release"), missing_code="no_release")
    stored = releases.part(release, TOPIC, vendor.pk)
    if stored is None:  # no counted contract: nothing to show
        return PublishedLockIn(
            LockInFigure(code="too_few", as_of=release.as_of), as_of=release.as_of
        )
    return stored.view(viewer_organization)


def published_vendor_lock_in(vendor_ids, *, viewer_organization=None) -> dict:
    """{vendor id: its LockInFigure} for many vendors (the directory), as
    ``published_lock_in`` shows each, reading the release once."""
    release = release_with_lock_in()
    if release is None:
        return {pk: LockInFigure(code="no_release") for pk in vendor_ids}
    stored = releases.parts(release, TOPIC, list(vendor_ids))
    return {
        pk: (
            LockInFigure(code="too_few", as_of=release.as_of)
            if part is None
            else part.figure(("vendor", pk), viewer_organization)
        )
        for pk, part in stored.items()
    }
