"""What the apps above the core hold of an organisation's own data, for its download and
its deletion (contracts.ownership). Each app registers a holder in its AppConfig.ready,
so the module that exports and deletes imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass


def _nothing_blocks(organization):
    return []


def _not_released(organization, release):
    return False


@dataclass(frozen=True)
class DataHolder:
    key: str  # the key of this data in the download and in the deletion's counts
    export: Callable  # (organization) -> plain data (JSON-serialisable)
    count: Callable  # (organization) -> the number of records deletion removes
    delete: Callable  # (organization) -> None, inside the deletion's transaction
    # (organization) -> messages saying why its data cannot be deleted yet
    blocking: Callable = _nothing_blocks
    # (organization, release) -> whether that release counted this data
    counted_in_release: Callable = _not_released


_holders: dict[str, DataHolder] = {}


def register_holder(holder):
    _holders[holder.key] = holder


def holders():
    return list(_holders.values())
