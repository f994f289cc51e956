"""The viewer's own contracts that "Waar sta ik?" and the start page's savings panel
compare with the benchmarks."""

from contracts.models import Contract
from portal.permissions import objects_for_user


def own_contracts(user, organization):
    """The organisation's contracts ``user`` may read."""
    return objects_for_user(
        user, "contracts.view_contract", Contract.objects.filter(organization=organization)
    )


def running_in(contracts, year):
    """Those of ``contracts`` that run some time in ``year``, with what a standing row shows."""
    return contracts.filter(
        start_date__lte=f"{year}-12-31", end_date__gte=f"{year}-01-01"
    ).select_related("vendor", "category", "category__parent")
