"""The market monitor in releases (disclosure.releases): the market table as the data
stood on the release's day is stored in the release; every figure is computed from it
through the disclosure gate when first asked for (market.compute), and so never
moves until the next release.

Lock-in quantiles per category are decided here, all categories at once: a main
category's organisations are its subcategories' plus a few, so complementary
suppression (disclosure.differencing) runs over every category's set, and against the
sets shown in the differencing window (disclosure.history)."""

import numpy as np

from disclosure.differencing import Candidate, suppress_differencing
from disclosure.history import ShownSets
from market import data

TOPIC = data.TOPIC
LOCK_IN_WITHHELD = "lock-in-withheld"  # category ids whose lock-in figures clash
LOCK_IN_HISTORY = "lock-in-history"  # ShownSets of one group (LOCK_IN)
LOCK_IN = "lock-in"


def produce(context):
    """The frozen market table: contracts at least ``rules.min_age_days`` old on
    ``context.as_of``; and the lock-in categories withheld for differencing."""
    table = data.load(context.as_of, context.rules.min_age_days)
    yield data.TABLE, table
    history = (context.previous(TOPIC, LOCK_IN_HISTORY) or ShownSets()).within(context.window)
    candidates = []
    for category_id in table.categories:
        rows = table.risks[table.risks["category_id"].isin(table.subcategories(category_id))]
        members = np.unique(rows["organization_id"].to_numpy(dtype=np.int64))
        if len(members) >= context.rules.min_organisations:
            candidates.append(Candidate((category_id,), members))
    withheld = suppress_differencing(
        candidates,
        context.rules.min_organisations,
        published_before=history.candidates(LOCK_IN),
    )
    yield LOCK_IN_WITHHELD, frozenset(key[0] for key in withheld)
    for candidate in candidates:
        if candidate.key not in withheld:
            history.add(LOCK_IN, context.number, candidate.members)
    yield LOCK_IN_HISTORY, history
