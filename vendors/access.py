"""Who acts for a vendor."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def represents_a_vendor(user):
    """Whether ``user`` acts for a vendor (vendor self-service opens for them)."""
    return getattr(user, "vendor_representative", None) is not None


def represented_vendor(user):
    """The vendor ``user`` represents; PermissionDenied for anyone else (vendor
    self-service pages and API, and a vendor's coalition requests)."""
    if not represents_a_vendor(user):
        raise PermissionDenied(_("Vendor self-service is for vendor representatives."))
    return user.vendor_representative.vendor
