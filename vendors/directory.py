"""The vendor directory (/leveranciers/): each vendor with the published scores its page
shows (the live interoperability score, the published lock-in figure, the code-of-conduct
status), filtered and sorted from GET parameters."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Exists, OuterRef

from vendors.lockin_published import published_vendor_lock_in
from vendors.models import CodeOfConductSignature
from vendors.scoring import vendor_scores
from vendors.selectors import directory_vendors

# ?sorteer=: by name, by score (highest first), by lock-in risk (lowest first); a
# vendor without a score or a shown lock-in figure comes last either way.
SORTS = ("naam", "score", "lockin")


@dataclass
class VendorRow:
    vendor: object
    score: Decimal | None
    lock_in: object  # LockInFigure
    signed: bool


def minimum_score(raw):
    """The ?minimumscore= parameter as a number from 0 to 100, or None."""
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and 0 <= value <= 100 else None


def _sort_key(sort):
    if sort == "score":
        return lambda row: (row.score is None, -(row.score or 0), row.vendor.name.lower())
    if sort == "lockin":
        return lambda row: (
            row.lock_in.suppressed,
            row.lock_in.median if not row.lock_in.suppressed else 0,
            row.vendor.name.lower(),
        )
    return lambda row: row.vendor.name.lower()


def vendor_rows(
    *, query="", category_slug="", min_score=None, signed_only=False, sort="naam", viewer=None
):
    """VendorRows matching the filters, in the chosen order (a fixed number of queries)."""
    signatures = CodeOfConductSignature.objects.filter(vendor=OuterRef("pk"))
    vendors = list(
        directory_vendors(query=query, category_slug=category_slug).annotate(
            signed=Exists(signatures)
        )
    )
    ids = [vendor.pk for vendor in vendors]
    scores = vendor_scores(ids)
    lock_in = published_vendor_lock_in(ids, viewer_organization=viewer)
    rows = [
        VendorRow(vendor, scores.get(vendor.pk), lock_in[vendor.pk], vendor.signed)
        for vendor in vendors
    ]
    if min_score is not None:
        rows = [row for row in rows if row.score is not None and row.score >= min_score]
    if signed_only:
        rows = [row for row in rows if row.signed]
    return sorted(rows, key=_sort_key(sort if sort in SORTS else "naam"))
