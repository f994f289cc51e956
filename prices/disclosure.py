"""Disclosure control for price statistics shared among competitors.

Rules (thresholds from settings, see Rules.from_settings):
1. at least ``min_organisations`` distinct organisations contribute to a cell;
2. no organisation contributes more than ``max_share`` of the cell's total weight
   (dominance rule);
3. only percentiles and counts are published, rounded to three significant figures;
   P10/P90 only from ``min_for_tails`` organisations; never a minimum, maximum, single
   value, or a mean;
4. the viewer's own organisation is left out of what it is shown;
5. against differencing: see prices.differencing (complementary suppression over every
   cell of a category's publication).
Data younger than ``min_age_days`` is filtered out before these functions run.

Pure functions over DataFrames with columns organization_id and value (one row per
contract or line-group); no database access.
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext_lazy as _

REASON_TOO_FEW = _("fewer than 5 organisations")
REASON_DOMINANT = _("one organisation makes up too large a part")
REASON_DIFFERENCING = _("could be combined with another figure to reveal an organisation")


@dataclass(frozen=True)
class Rules:
    min_organisations: int = 5
    max_share: float = 0.25
    min_for_tails: int = 10
    min_age_days: int = 90

    @classmethod
    def from_settings(cls):
        from django.conf import settings

        return cls(
            min_organisations=settings.PRICE_MIN_ORGANISATIONS,
            max_share=settings.PRICE_MAX_ORGANISATION_SHARE,
            min_for_tails=settings.PRICE_MIN_ORGANISATIONS_FOR_TAILS,
            min_age_days=settings.PRICE_MIN_AGE_DAYS,
        )


@dataclass
class Cell:
    organisations: frozenset
    n_organisations: int | None  # None when suppressed: never leak the count below 5
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p10: float | None = None
    p90: float | None = None
    suppressed: bool = False
    reason: str = ""

    def suppress(self, reason):
        self.suppressed, self.reason = True, str(reason)
        self.n_organisations = None
        self.p10 = self.p25 = self.median = self.p75 = self.p90 = None


def three_significant(value):
    if value is None or value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.3g}")  # the nearest float to the value's 3-digit decimal


def cell_statistics(frame: pd.DataFrame, rules: Rules, *, viewer_organization=None) -> Cell:
    """The published statistic for one cell. ``frame`` has one row per contribution:
    organization_id, value (the metric) and optionally weight (defaults to value)."""
    if viewer_organization is not None:
        frame = frame[frame["organization_id"] != viewer_organization]
    organisations = frozenset(frame["organization_id"].unique().tolist())
    cell = Cell(organisations=organisations, n_organisations=len(organisations))
    if len(organisations) < rules.min_organisations:
        cell.suppress(REASON_TOO_FEW)
        return cell
    weights = frame["weight"] if "weight" in frame else frame["value"]
    by_org = weights.groupby(frame["organization_id"]).sum()
    total = by_org.sum()
    if total > 0 and (by_org / total).max() > rules.max_share:
        cell.suppress(REASON_DOMINANT)
        return cell
    # One value per organisation (its summed metric), so large buyers count once.
    values = frame.groupby("organization_id")["value"].sum().to_numpy(dtype="float64")
    quantiles = {"p25": 25, "median": 50, "p75": 75}
    if len(organisations) >= rules.min_for_tails:
        quantiles.update({"p10": 10, "p90": 90})
    for name, q in quantiles.items():
        setattr(cell, name, three_significant(float(np.percentile(values, q))))
    return cell
