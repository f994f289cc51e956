"""Detect vendor switches: a contract followed, in the same category, by a contract
with another vendor.

The predecessor of a contract is the latest-ending contract of the same organisation and
category that started before it. The follower starts within FOLLOW_WINDOW of the
predecessor's end (before or after), so short gaps and overlaps during a migration still
count as a switch."""

from datetime import timedelta

import pandas as pd

FOLLOW_WINDOW = timedelta(days=365)


def _with_predecessors(contracts):
    """The contracts sorted by start, each with ``pred_id``: its predecessor's id."""
    keys = ["organization_id", "category_id"]
    frame = contracts.assign(
        start_date=pd.to_datetime(contracts["start_date"]),
        end_date=pd.to_datetime(contracts["end_date"]),
    ).sort_values([*keys, "start_date", "id"], ignore_index=True)
    groups = frame.groupby(keys, sort=False)
    # Running "latest-ending contract so far" in start order, then shifted one row so a
    # contract only looks at those that started before it: O(n log n), no pairs.
    latest_end = groups["end_date"].cummax()
    holder = frame["id"].where(frame["end_date"] == latest_end)
    frame["holder_id"] = holder.groupby([frame[k] for k in keys]).ffill()
    frame["pred_id"] = frame.groupby(keys, sort=False)["holder_id"].shift(1)
    return frame


def _concerned(frame, new_ids):
    """The new contracts, and those whose predecessor is new: an older contract entered
    after its successor makes (or unmakes) the successor's switch."""
    return frame["id"].isin(new_ids) | frame["pred_id"].isin(new_ids)


def concerned_ids(contracts, new_ids):
    """The ids of the contracts whose switch ``new_ids`` may have changed."""
    if contracts.empty or not len(new_ids):
        return set()
    frame = _with_predecessors(contracts)
    return set(frame.loc[_concerned(frame, list(new_ids)), "id"].astype("int64"))


def find_switches(contracts, new_ids):
    """``contracts``: DataFrame with columns id, organization_id, category_id, vendor_id,
    start_date, end_date (all contracts of the organisations concerned). Returns a
    DataFrame of (from_id, to_id, from_vendor_id, to_vendor_id, organization_id,
    category_id, switch_date) for the contracts concerned by ``new_ids`` (the new ones
    and their successors) whose predecessor had another vendor."""
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
    frame = _with_predecessors(contracts)
    by_id = frame.set_index("id")
    followers = frame[_concerned(frame, list(new_ids)) & frame["pred_id"].notna()].copy()
    pred = by_id.loc[followers["pred_id"].astype("int64")]
    followers["from_vendor_id"] = pred["vendor_id"].to_numpy()
    followers["pred_start"] = pred["start_date"].to_numpy()
    followers["pred_end"] = pred["end_date"].to_numpy()
    switched = followers[
        (followers["pred_start"] < followers["start_date"])
        & (followers["pred_end"] >= followers["start_date"] - FOLLOW_WINDOW)
        & (followers["pred_end"] <= followers["start_date"] + FOLLOW_WINDOW)
        & (followers["from_vendor_id"] != followers["vendor_id"])
    ]
    return pd.DataFrame(
        {
            "from_id": switched["pred_id"].astype("int64"),
            "to_id": switched["id"],
            "from_vendor_id": switched["from_vendor_id"],
            "to_vendor_id": switched["vendor_id"],
            "organization_id": switched["organization_id"],
            "category_id": switched["category_id"],
            "switch_date": switched["start_date"].dt.date,
        },
        columns=columns,
    ).reset_index(drop=True)
