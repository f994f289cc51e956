"""Reads for site-wide figures and for the current user's organisations."""

from django.core.cache import cache
from django.db.models import Count

from contracts.models import Contract
from portal.models import Membership, Organization
from vendors.models import Product, Vendor


def portal_figures():
    """The live figures on the home page. Counts only: nothing confidential."""
    by_type = dict(
        Organization.objects.values_list("type").annotate(n=Count("id")).values_list("type", "n")
    )
    return {
        "care_providers": by_type.get(Organization.Type.CARE_PROVIDER, 0),
        "organizations": sum(by_type.values()),
        "vendors": Vendor.objects.count(),
        "products": Product.objects.count(),
        **_contract_figures(),
    }


def _contract_figures():
    """Counted over all contracts, so cached until a contract write bumps a version."""
    from prices.versioning import digest_of_all

    return cache.get_or_set(
        f"portal-figures:v1:{digest_of_all()}",
        lambda: {
            "contracts": Contract.objects.count(),
            "sharing_organizations": Contract.objects.values("organization").distinct().count(),
        },
        timeout=24 * 3600,
    )


def memberships_of(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organization")
