"""Reads of contract data: for other apps' extension points and the renewal radar."""

from contracts.models import Contract
from contracts.renewals import radar
from portal.permissions import objects_for_user


def running_customers(product, today):
    """The ids of the organisations with a contract for ``product`` running ``today``
    (vendors.customers)."""
    return Contract.objects.filter(
        products=product, start_date__lte=today, end_date__gte=today
    ).values("organization_id")


def radar_for_user(user, today):
    """The renewal radar of the running contracts ``user`` may view."""
    contracts = objects_for_user(
        user,
        "contracts.view_contract",
        Contract.objects.running().select_related(
            "organization", "vendor", "category", "category__parent"
        ),
    )
    return radar(contracts, today)
