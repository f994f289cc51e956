"""Who acts for a vendor."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def represented_vendor(user):
    """The vendor ``user`` represents; PermissionDenied for anyone else (vendor
    self-service pages and API, and a vendor's coalition requests)."""
    representative = getattr(user, "vendor_representative", None)
    if representative is None:
        raise PermissionDenied(_("Vendor self-service is for vendor representatives."))
    return representative.vendor
