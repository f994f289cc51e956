"""The start page's panel for vendor representatives: evidence about to expire (their
certificates, whose end lowers the scores when it passes)."""

from datetime import timedelta

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.start import StartLine, StartPanel
from vendors.access import represents_a_vendor
from vendors.models import Certificate

EXPIRY_WARNING_DAYS = 90
STATE_LABELS = {"urgent": gettext_lazy("expired"), "soon": gettext_lazy("expires soon")}


def expiring_evidence(request, today):
    if not represents_a_vendor(request.user):
        return None
    vendor = request.user.vendor_representative.vendor
    # Expired in the last year or ending within the warning period, soonest first.
    certificates = (
        Certificate.objects.filter(
            vendor=vendor,
            valid_until__gte=today - timedelta(days=365),
            valid_until__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
        )
        .select_related("product")
        .order_by("valid_until")
    )
    renewed = set(
        Certificate.objects.filter(vendor=vendor, valid_from__lte=today, valid_until__gt=today)
        .filter(valid_until__gt=today + timedelta(days=EXPIRY_WARNING_DAYS))
        .values_list("kind", "product_id")
    )
    lines = []
    for certificate in certificates:
        if (certificate.kind, certificate.product_id) in renewed:
            continue  # a newer certificate of the same kind takes over
        state = "urgent" if certificate.valid_until < today else "soon"
        subject = certificate.product.name if certificate.product else vendor.name
        lines.append(
            StartLine(
                text=f"{certificate.get_kind_display()} · {subject}",
                url=reverse("vendor_self_service"),
                note=_("Valid until %(date)s") % {"date": date_format(certificate.valid_until)},
                state=state,
                state_label=str(STATE_LABELS[state]),
            )
        )
    return StartPanel(
        title=_("Evidence about to expire"),
        summary=_("Certificates that ended in the past year or end within %(days)d days.")
        % {"days": EXPIRY_WARNING_DAYS},
        lines=lines,
        empty=_("No certificate ends within %(days)d days.") % {"days": EXPIRY_WARNING_DAYS},
        more_url=reverse("vendor_self_service"),
        more_label=_("Vendor self-service"),
    )
