"""Protected statistics: what a published figure made from confidential data may be.

Every figure passes the same checks, in this order:
1. at least ``min_organisations`` distinct organisations contribute;
2. no organisation contributes more than ``max_share`` of the total (dominance);
3. the figure is never an exact value: quantiles are Harrell-Davis estimates (a
   weighted mean of all order statistics, so never one organisation's own value) plus
   Laplace noise scaled to how far one organisation can move them (local
   sensitivity); sums get Laplace noise scaled to the largest single contribution,
   so that adding, removing or changing one organisation moves the figure by no more
   than the noise hides;
4. figures are rounded (three significant figures; shares in steps of whole percents)
   after the noise, never instead of it.
Complementary suppression against differencing is in disclosure.differencing.

Pure functions of numbers and organisation ids; no database."""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from django.utils.translation import gettext_lazy as _

from disclosure import noise
from disclosure.rules import Rules

REASONS = {
    "too_few": _("fewer than 5 organisations"),
    "dominant": _("one organisation makes up too large a part"),
    "differencing": _("could be combined with another figure to reveal an organisation"),
    "no_release": _("no figures have been released yet"),
    "budget": _(
        "a member's data already goes into the figures of as many coalitions as the rules allow"
    ),
}
QUANTILES = {"p10": 0.1, "p25": 0.25, "median": 0.5, "p75": 0.75, "p90": 0.9}
# What the noise of each kind of statistic is seeded with, besides its data.
QUANTILE_NOISE, TOTAL_NOISE = "quantiles", "total"


def reason_text(code):
    return str(REASONS.get(code, code)) if code else ""


def three_significant(value):
    if value is None or value == 0 or not np.isfinite(value):
        return value
    return float(f"{value:.3g}")


@dataclass
class Figure:
    """One published number, or why it is withheld (``code``: a key of REASONS)."""

    value: float | None = None
    code: str = ""
    n_organisations: int | None = None

    @property
    def suppressed(self):
        return bool(self.code)

    @property
    def reason(self):
        return reason_text(self.code)


@dataclass
class Quantiles:
    """Published quantiles of one group (None where not published), or why not."""

    code: str = ""
    n_organisations: int | None = None
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None

    @property
    def suppressed(self):
        return bool(self.code)

    @property
    def reason(self):
        return reason_text(self.code)


def withheld_reason(weights_by_org, rules: Rules) -> str:
    """ "" when a figure over these organisations' weights may be shown, else the code
    of the rule that withholds it."""
    weights = np.asarray(weights_by_org, dtype="float64")
    if len(weights) < rules.min_organisations:
        return "too_few"
    total = np.abs(weights).sum()
    if total > 0 and np.abs(weights).max() / total > rules.max_share:
        return "dominant"
    return ""


@lru_cache(maxsize=4096)
def hd_weights(n: int, q: float) -> np.ndarray:
    """Harrell-Davis (1982) weights of the n order statistics for quantile q: the
    probability mass of Beta((n+1)q, (n+1)(1-q)) on each ((i-1)/n, i/n]."""
    from scipy.stats import beta

    edges = beta.cdf(np.arange(n + 1) / n, (n + 1) * q, (n + 1) * (1 - q))
    weights = np.diff(edges)
    weights.flags.writeable = False
    return weights


def hd_matrix(values: np.ndarray, qs) -> np.ndarray:
    """Harrell-Davis estimates for rows of sorted values (cells x n) -> (cells x qs)."""
    n = values.shape[1]
    weights = np.stack([hd_weights(n, q) for q in qs], axis=1)
    return values @ weights


def quantile_estimates(values: np.ndarray, rules: Rules):
    """Harrell-Davis estimates of QUANTILES for rows of sorted values (cells x n), and
    the Laplace scale of each: ``rules.quantile_noise`` times its local sensitivity,
    the most that one more organisation anywhere within the group's range moves it
    (HD estimates rise with every value, so the extremes bound the move)."""
    qs = list(QUANTILES.values())
    estimates = hd_matrix(values, qs)
    with_top = hd_matrix(np.concatenate([values, values[:, -1:]], axis=1), qs)
    with_bottom = hd_matrix(np.concatenate([values[:, :1], values], axis=1), qs)
    sensitivity = np.maximum(np.abs(with_top - estimates), np.abs(estimates - with_bottom))
    return estimates, rules.quantile_noise * sensitivity


def noisy_quantiles(estimates, scales, figure_seed, *, tails: bool) -> dict:
    """The published quantiles: each estimate plus noise of its own scale, put back in
    order, rounded."""
    noisy = sorted(noise.laplace_each(list(estimates), list(scales), figure_seed))
    published = {
        name: three_significant(value) for name, value in zip(QUANTILES, noisy, strict=True)
    }
    if not tails:
        published["p10"] = published["p90"] = None
    return published


def protected_quantiles(values: pd.Series, rules: Rules, *, weights=None) -> Quantiles:
    """Quantiles of one value per organisation (``values`` indexed by organisation id;
    ``weights`` the spend per organisation for the dominance rule, default the values).
    The noise depends on the data alone (noise.figure_seed)."""
    values = values.dropna()
    weights = values if weights is None else weights.reindex(values.index).fillna(0)
    code = withheld_reason(weights.to_numpy(), rules)
    if code:
        return Quantiles(code=code)
    ordered = np.sort(values.to_numpy(dtype="float64"))
    n = len(ordered)
    estimates, scales = quantile_estimates(ordered[None, :], rules)
    cell = noise.cell_key(values.index.to_numpy(), values.to_numpy())
    published = noisy_quantiles(
        estimates[0],
        scales[0],
        noise.figure_seed(QUANTILE_NOISE, cell),
        tails=n >= rules.min_for_tails,
    )
    return Quantiles(n_organisations=n, **published)


def protected_total(values: pd.Series, rules: Rules, *, check=True) -> Figure:
    """A sum over organisations (``values`` indexed by organisation id) plus Laplace
    noise scaled to the largest single contribution, rounded to three significant
    figures. ``check`` applies the threshold and dominance rules (sums that are only
    used as the denominator of a share may skip them, the share is checked instead)."""
    values = values.dropna()
    if check:
        code = withheld_reason(values.to_numpy(), rules)
        if code:
            return Figure(code=code)
    if values.empty:
        return Figure(value=0.0, n_organisations=0)
    scale = rules.sum_noise * float(np.abs(values.to_numpy()).max())
    cell = noise.cell_key(values.index.to_numpy(), values.to_numpy())
    seed = noise.figure_seed(TOTAL_NOISE, cell)
    (noisy,) = noise.laplace_each([float(values.sum())], [scale], seed)
    return Figure(value=three_significant(max(noisy, 0.0)), n_organisations=len(values))


def protected_count(counts: pd.Series, rules: Rules) -> Figure:
    """A count over organisations (``counts``: each organisation's own count) through
    the gate: the threshold and dominance rules, Laplace noise as large as the largest
    organisation's count, rounded to a whole number."""
    figure = protected_total(counts.astype("float64"), rules)
    if figure.suppressed:
        return figure
    return Figure(value=int(round(figure.value)), n_organisations=figure.n_organisations)


def protected_share(part: pd.Series, whole: pd.Series, rules: Rules) -> Figure:
    """``part``'s total as a share (0-1) of ``whole``'s (both per organisation), each
    total with its own noise, in steps of ``rules.share_step`` percent. The part must
    pass the threshold and dominance rules."""
    numerator = protected_total(part, rules)
    if numerator.suppressed:
        return numerator
    denominator = protected_total(whole, rules, check=False)
    if not denominator.value:
        return Figure(code="too_few")
    share = min(numerator.value / denominator.value, 1.0)
    return Figure(value=round_share(share, rules), n_organisations=numerator.n_organisations)


def round_share(share, rules: Rules):
    step = rules.share_step / 100
    return round(round(share / step) * step, 6)


def band_of(value, edges):
    """The band (low, high) of ``edges`` (ascending) that holds ``value``; high None for
    the last, open band."""
    bounds = [0.0, *edges]
    for low, high in zip(bounds, [*edges, None], strict=True):
        if high is None or value < high:
            return (low, high)
    return (bounds[-1], None)
