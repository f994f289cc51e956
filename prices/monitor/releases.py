"""The market monitor in releases (disclosure.releases): the market table as the data
stood on the release's day is stored in the release; every figure is computed from it
through the disclosure gate when first asked for (prices.monitor.compute), and so never
moves until the next release."""

from prices.monitor import data

TOPIC = data.TOPIC


def produce(context):
    """The frozen market table: contracts at least ``rules.min_age_days`` old on
    ``context.as_of``."""
    yield data.TABLE, data.load(context.as_of, context.rules.min_age_days)
