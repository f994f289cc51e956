"""An organisation's own data, out and gone: everything it recorded as a download in
open formats (JSON, and CSV and XLSX in the import format), and deleting it, after which
the benchmarks and the market monitor no longer count it (their data versions move on)
and the search index drops its contracts."""

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contracts.exporting import export_rows, to_csv, to_xlsx
from contracts.models import Contract, ContractImport
from disclosure import releases
from disclosure.rules import recorded_by
from disclosure.tasks import publish_release
from portal import audit
from portal.models import OrganizationSize
from portal.organisation_data import holders
from portal.storage import private_storage


def _json_default(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value))


def _contracts(organization):
    return Contract.objects.filter(organization=organization)


def organisation_data(organization):
    """Everything the organisation recorded, as plain data."""
    contracts = (
        _contracts(organization)
        .select_related("vendor", "category")
        .prefetch_related("products", "lines", "clauses__clause")
    )
    return {
        "organisation": {
            "name": organization.name,
            "slug": organization.slug,
            "type": organization.type,
            "sector": organization.sector,
            "province": organization.province,
            "kvk_number": organization.kvk_number,
            "agb_code": organization.agb_code,
            "findable_for_coalitions": organization.findable_for_coalitions,
        },
        "sizes": list(
            OrganizationSize.objects.filter(organization=organization).values(
                "year", "revenue_eur", "fte", "beds"
            )
        ),
        "contracts": [
            {
                "reference": c.reference,
                "vendor": c.vendor.slug,
                "category": c.category.slug,
                "products": [p.slug for p in c.products.all()],
                "start_date": c.start_date,
                "end_date": c.end_date,
                "initial_term_months": c.initial_term_months,
                "renewal_term_months": c.renewal_term_months,
                "notice_period_months": c.notice_period_months,
                "auto_renewal": c.auto_renewal,
                "status": c.status,
                "lines": [
                    {
                        "cost_type": line.cost_type,
                        "description": line.description,
                        "amount": line.amount,
                        "frequency": line.frequency,
                        "unit": line.unit,
                        "quantity": line.quantity,
                    }
                    for line in c.lines.all()
                ],
                "clauses": {a.clause.code: a.answer for a in c.clauses.all()},
            }
            for c in contracts.order_by("reference")
        ],
        "imports": list(
            ContractImport.objects.filter(organization=organization).values(
                "original_name",
                "uploaded_at",
                "status",
                "rows_total",
                "created_count",
                "updated_count",
                "unchanged_count",
                "errors",
            )
        ),
        **{holder.key: holder.export(organization) for holder in holders()},
    }


def export_archive(organization):
    """A zip: organisatie.json, contracten.csv and contracten.xlsx (the import format),
    and the uploaded import files."""
    data = organisation_data(organization)
    rows = list(export_rows(_contracts(organization)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "organisatie.json",
            json.dumps(data, default=_json_default, ensure_ascii=False, indent=2),
        )
        archive.writestr("contracten.csv", to_csv(rows))
        archive.writestr("contracten.xlsx", to_xlsx(rows))
        for upload in ContractImport.objects.filter(organization=organization):
            try:
                with upload.file.open("rb") as handle:
                    archive.writestr(f"imports/{upload.pk}-{upload.original_name}", handle.read())
            except (FileNotFoundError, ValueError):
                continue  # the file was removed; its record is in organisatie.json
    return buffer.getvalue()


def _in_current_release(organization, contracts):
    """Whether the current release counts the organisation: a contract recorded long
    enough before its day, or other data of it that release counted (a coalition
    membership: its own data in any published figure goes through these)."""
    latest = releases.current()
    if latest is None:
        return False
    recorded = recorded_by(latest.as_of, settings.PRICE_MIN_AGE_DAYS)
    return contracts.filter(created_at__lt=recorded).exists() or any(
        holder.counted_in_release(organization, latest) for holder in holders()
    )


@transaction.atomic
def delete_organisation_data(organization, *, actor):
    """Delete the organisation's contracts (with lines, clauses and switches), imports,
    sizes and coalition memberships; keep the organisation, its users and the audit
    and access logs (with one event recording the deletion)."""
    blocking = [message for holder in holders() for message in holder.blocking(organization)]
    if blocking:
        raise ValidationError(blocking)
    contracts = _contracts(organization)
    released = _in_current_release(organization, contracts)
    counts = {
        "contracts": contracts.count(),
        "imports": ContractImport.objects.filter(organization=organization).count(),
        **{holder.key: holder.count(organization) for holder in holders()},
    }
    for holder in holders():
        holder.delete(organization)
    contracts.delete()
    files = [i.file.name for i in ContractImport.objects.filter(organization=organization)]
    ContractImport.objects.filter(organization=organization).delete()
    OrganizationSize.objects.filter(organization=organization).delete()
    audit.record(
        actor, audit.Action.DELETE, organization=organization, label=_("all data"), before=counts
    )
    transaction.on_commit(lambda: _remove_files(files))
    # Queued in this transaction, so it runs once the deletion is committed; only when
    # the current release counted the organisation (else deleting and deleting again,
    # or a trial import, would force releases: disclosure.releases.request).
    if released:
        publish_release.enqueue(reason=f"organisation {organization.pk} deleted its data")
    return counts


def _remove_files(names):
    storage = private_storage()
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)
