"""What the market-position and switching components of the lock-in risk read
(vendors.lockin_formula), as released: each vendor's share of a category's customers
and the vendor-category pairs someone switched away from. A release computes them from
the contracts it counts (contracts.lockin.market_inputs) and stores them under topic
``TOPIC``, part ``MARKET``; a contract page reads them from the current release, so
nothing on it moves between releases but the contract's own data.

(The class stays in this module: releases store it pickled under this name.)"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from disclosure import releases
from disclosure.statistics import protected_share

TOPIC = "lockin"  # the release topic of the lock-in figures (vendors.lockin_published)
MARKET = "market-inputs"  # its part holding MarketInputs


@dataclass(frozen=True)
class MarketInputs:
    """What the market-position and switching components read, as of a release day:
    each vendor's share of a category's customers (a protected share; None when
    withheld) and the (vendor id, category id) pairs someone switched away from."""

    shares: dict  # (vendor id, category id) -> share (0-1) or None
    switched: frozenset
    as_of: date | None = None

    @classmethod
    def compute(cls, running, switched, rules, as_of=None):
        """From ``running``: rows of organization_id, vendor_id and category_id of the
        contracts that count; ``switched``: (vendor id, category id) pairs."""
        shares = {}
        for category_id, rows in running.groupby("category_id"):
            whole = pd.Series(1.0, index=rows["organization_id"].unique())
            for vendor_id, own in rows.groupby("vendor_id"):
                part = pd.Series(1.0, index=own["organization_id"].unique())
                figure = protected_share(part, whole, rules)
                shares[(int(vendor_id), int(category_id))] = (
                    None if figure.suppressed else figure.value
                )
        return cls(shares, frozenset(switched), as_of)

    @classmethod
    def published(cls):
        """The current release's inputs (empty before the first release)."""
        return releases.part(None, TOPIC, MARKET) or cls({}, frozenset())

    def market_value(self, vendor_id, category_id, dominant_share):
        """(component value, inputs) of the market position."""
        share = self.shares.get((vendor_id, category_id))
        if share is None:  # fewer than 5 customers, or not in the release
            return 0.0, {"customer_share": None}
        return min(1.0, share / dominant_share), {"customer_share": share}

    def switching_value(self, vendor_id, category_id):
        switched = (vendor_id, category_id) in self.switched
        return (0.0 if switched else 1.0), {"anyone_switched_away": switched}
