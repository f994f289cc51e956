"""Fixtures of the market monitor's tests (the hand-built market: contracts.tests.markets)."""

import pytest


@pytest.fixture
def exact_figures(settings):
    """Noise off, so that figures equal the Harrell-Davis estimates: for evenly spaced
    values the median is the middle value. For tests of everything but the noise."""
    settings.DISCLOSURE_QUANTILE_NOISE = 0
    settings.DISCLOSURE_SUM_NOISE = 0
