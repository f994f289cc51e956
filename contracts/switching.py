"""Detect vendor switches: a contract followed, in the same category, by a contract
with another vendor.

The follower starts within FOLLOW_WINDOW of the predecessor's end (before or after),
so short gaps and overlaps during a migration still count as a switch."""

from datetime import timedelta

import pandas as pd

FOLLOW_WINDOW = timedelta(days=365)


def find_switches(contracts, new_ids):
    """``contracts``: DataFrame with columns id, organization_id, category_id, vendor_id,
    start_date, end_date (all contracts of the organisations concerned). Returns a
    DataFrame of (from_id, to_id, from_vendor_id, to_vendor_id, organization_id,
    category_id, switch_date) for the contracts in ``new_ids`` whose predecessor had
    another vendor."""
    columns = [
        "from_id",
        "to_id",
        "from_vendor_id",
        "to_vendor_id",
        "organization_id",
        "category_id",
        "switch_date",
    ]
    if contracts.empty or not len(new_ids):
        return pd.DataFrame(columns=columns)
    frame = contracts.assign(
        start_date=pd.to_datetime(contracts["start_date"]),
        end_date=pd.to_datetime(contracts["end_date"]),
    )
    followers = frame[frame["id"].isin(new_ids)]
    # Pair every follower with the other contracts of its organisation and category
    # (an organisation has at most a few hundred, so the pairs stay few).
    pairs = followers.merge(frame, on=["organization_id", "category_id"], suffixes=("", "_pred"))
    pairs = pairs[
        (pairs["start_date_pred"] < pairs["start_date"])
        & (pairs["end_date_pred"] >= pairs["start_date"] - FOLLOW_WINDOW)
        & (pairs["end_date_pred"] <= pairs["start_date"] + FOLLOW_WINDOW)
    ]
    # The predecessor is the one that ended last.
    latest = pairs.sort_values("end_date_pred").groupby("id", sort=False).tail(1)
    switched = latest[latest["vendor_id_pred"] != latest["vendor_id"]]
    return pd.DataFrame(
        {
            "from_id": switched["id_pred"],
            "to_id": switched["id"],
            "from_vendor_id": switched["vendor_id_pred"],
            "to_vendor_id": switched["vendor_id"],
            "organization_id": switched["organization_id"],
            "category_id": switched["category_id"],
            "switch_date": switched["start_date"].dt.date,
        },
        columns=columns,
    ).reset_index(drop=True)
