"""The hand-built market of contracts.tests.markets, with a release of the price
benchmarks."""

import pytest

from contracts.tests import markets
from contracts.tests.markets import TODAY


class Market(markets.Market):
    def release(self, as_of=TODAY):
        """Publish a release of the price benchmarks (what pages, exports and the API
        read)."""
        from disclosure.releases import publish

        return publish(as_of=as_of, topics=["prices"])


@pytest.fixture
def market(db):
    return Market()


@pytest.fixture
def exact_figures(settings):
    """Noise off, so that figures equal the Harrell-Davis estimates: for evenly spaced
    values the median is the middle value. For tests of everything but the noise."""
    settings.DISCLOSURE_QUANTILE_NOISE = 0
    settings.DISCLOSURE_SUM_NOISE = 0
