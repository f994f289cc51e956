"""The gate's protected statistics on small hand-made groups: thresholds, dominance,
quantiles that are never one organisation's value, and noise that repeats for the same
data and changes with it."""

import numpy as np
import pandas as pd
import pytest

from disclosure import noise
from disclosure.rules import Rules
from disclosure.statistics import (
    hd_weights,
    protected_quantiles,
    protected_share,
    protected_total,
    three_significant,
)

RULES = Rules()
EXACT = Rules(sum_noise=0, quantile_noise=0)


def by_org(values):
    return pd.Series(values, index=range(1, len(values) + 1), dtype="float64")


def test_fewer_than_five_organisations_are_withheld_without_their_count():
    result = protected_quantiles(by_org([100, 110, 120, 130]), RULES)
    assert result.suppressed and result.reason == "minder dan 5 organisaties"
    assert result.n_organisations is None and result.median is None


def test_a_dominant_organisation_withholds_the_figure():
    """Org 1 pays 1,000 of 1,400 (71 %): more than 25 %."""
    result = protected_total(by_org([1000, 100, 100, 100, 100]), RULES)
    assert result.suppressed and "te groot aandeel" in result.reason


def test_five_organisations_give_quartiles_but_no_tails():
    result = protected_quantiles(by_org([100, 110, 120, 130, 140]), EXACT)
    assert result.n_organisations == 5 and result.median == 120  # symmetric: the middle
    assert (result.p25, result.p75) == (108, 132)  # blends, not order statistics
    assert result.p10 is None and result.p90 is None


def test_harrell_davis_weights_spread_over_every_organisation():
    weights = hd_weights(5, 0.5)
    assert weights.sum() == pytest.approx(1)
    assert (weights > 0.05).all() and weights.max() < 0.4


def test_quantiles_of_a_small_group_are_not_its_members_values():
    values = by_org([100_000, 108_000, 121_000, 139_000, 150_000])
    published = protected_quantiles(values, RULES)
    for figure in (published.p25, published.median, published.p75):
        assert min(abs(figure - v) / v for v in values) > 0.005


def test_the_same_data_always_gets_the_same_noise_and_other_data_new_noise():
    """Whatever the figure is labelled (another year, group or page), the same
    organisations' same values give the same draw: nothing to average away."""
    values = by_org([100, 120, 140, 160, 180, 200, 230])
    first = protected_quantiles(values, RULES)
    assert protected_quantiles(values, RULES) == first
    other_order = values.sample(frac=1, random_state=3)
    assert protected_quantiles(other_order, RULES) == first
    changed = values.copy()
    changed[7] = 231
    assert protected_quantiles(changed, RULES).median != first.median


def test_a_total_has_noise_of_the_largest_contribution(settings):
    values = by_org([100.0] * 20)
    draws = []
    for draw in range(400):  # another secret: an independent draw
        settings.DISCLOSURE_NOISE_SECRET = f"draw-{draw}"
        draws.append(protected_total(values, RULES).value - 2000)
    # Laplace with scale 100: mean absolute deviation 100 (three significant figures).
    assert 80 < np.mean(np.abs(draws)) < 120
    assert protected_total(values, EXACT).value == 2000


def test_a_share_is_rounded_to_whole_percents():
    part = by_org([10.0] * 5)
    whole = by_org([10.0] * 5 + [50.0] * 10)
    assert protected_share(part, whole, EXACT).value == 0.09  # 50 / 550


def test_noise_seeds_depend_on_the_secret(settings):
    first = noise.seed("x", 1)
    settings.DISCLOSURE_NOISE_SECRET = "another"
    assert noise.seed("x", 1) != first


def test_rounding_to_three_significant_figures():
    assert three_significant(123456.0) == 123000
    assert three_significant(0.0042337) == 0.00423
    assert three_significant(98.76) == 98.8


def test_thresholds_come_from_settings(settings):
    settings.PRICE_MIN_ORGANISATIONS = 7
    rules = Rules.from_settings()
    assert rules.min_organisations == 7
    assert protected_quantiles(by_org(range(1, 7)), rules).suppressed
