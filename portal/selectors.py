"""Reads for site-wide figures and for the current user's organisations."""

from django.db.models import Count

from portal.models import Membership, Organization
from vendors.models import Product, Vendor

FIGURES_TOPIC = "portal"


def produce_figures(context):
    """The home page's counts made from contract data, computed into each release
    (disclosure.releases): counts only, but they would move with every write if live."""
    from contracts.models import Contract

    yield (
        "figures",
        {
            "contracts": Contract.objects.count(),
            "sharing_organizations": Contract.objects.values("organization").distinct().count(),
        },
    )


def portal_figures():
    """The home page's figures: the directory's counts live (public data), the contract
    counts from the current release (None, with ``release`` None, before the first)."""
    from disclosure import releases

    by_type = dict(
        Organization.objects.values_list("type").annotate(n=Count("id")).values_list("type", "n")
    )
    release = releases.current()
    released = None
    if release is not None and FIGURES_TOPIC in (release.summary or {}):
        released = releases.part(release, FIGURES_TOPIC, "figures")
    return {
        "care_providers": by_type.get(Organization.Type.CARE_PROVIDER, 0),
        "organizations": sum(by_type.values()),
        "vendors": Vendor.objects.count(),
        "products": Product.objects.count(),
        "contracts": released["contracts"] if released else None,
        "sharing_organizations": released["sharing_organizations"] if released else None,
        "release": release if released else None,
    }


def memberships_of(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organization")


def is_policy_staff(user):
    """Whether ``user`` is a member of a policy body."""
    return bool(
        user.is_authenticated
        and Membership.objects.filter(
            user_id=getattr(user, "pk", None), organization__type=Organization.Type.POLICY_BODY
        ).exists()
    )
