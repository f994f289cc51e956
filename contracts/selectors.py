"""Reads of contract data that other apps ask for through their extension points."""

from contracts.models import Contract


def running_customers(product, today):
    """The ids of the organisations with a contract for ``product`` running ``today``
    (vendors.customers)."""
    return Contract.objects.filter(
        products=product, start_date__lte=today, end_date__gte=today
    ).values("organization_id")
