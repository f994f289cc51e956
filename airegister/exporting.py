"""The register as the overview the EU AI Act asks a deployer to keep: every AI system
with its risk class, as XLSX, CSV (through portal.spreadsheets, so typed text never runs
as a formula) or JSON.

Who exports: the register's editors (procurement specialists and organisation admins).
They keep the register and answer for it to the supervisor; viewers read it on the
pages, but a copy that leaves the portal stays with those accountable for it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from airegister.access import editable_organizations, visible_applications
from airegister.models import AIApplication
from portal import audit
from portal.access_log import Kind, log_read
from portal.spreadsheets import table_download

# (column, value of an application): labels for people, in the spreadsheet's language
COLUMNS = (
    ("naam", lambda a: a.name),
    ("doel", lambda a: a.get_purpose_display()),
    ("doel_toelichting", lambda a: a.purpose_description),
    ("afdeling", lambda a: a.department),
    ("herkomst", lambda a: a.get_origin_display()),
    ("leverancier", lambda a: a.vendor.name if a.vendor else ""),
    ("product", lambda a: a.product.name if a.product else ""),
    ("partners", lambda a: ", ".join(p.name for p in a.partners.all())),
    ("fase", lambda a: a.get_phase_display()),
    ("soort_ai", lambda a: a.get_kind_display()),
    ("risicoklasse", lambda a: a.get_risk_class_display()),
    ("onderbouwing_risicoklasse", lambda a: a.risk_reason),
    ("mdr_klasse", lambda a: a.get_mdr_class_display()),
    ("ce_markering", lambda a: a.get_ce_marking_display()),
    ("eigenaar", lambda a: a.owner),
    ("laatst_beoordeeld", lambda a: a.last_reviewed_on),
    ("volgende_beoordeling", lambda a: a.review_due_on()),
    ("gedeeld", lambda a: a.shared),
)


def _applications(user, organization):
    return (
        visible_applications(user, AIApplication.objects.filter(organization=organization))
        .select_related("vendor", "product")
        .prefetch_related("partners")
        .order_by("name", "pk")
    )


def _cell(value):
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return value


def _json_record(application):
    """Codes rather than labels: for systems that read the overview."""
    return {
        "id": application.pk,
        "name": application.name,
        "purpose": application.purpose,
        "purpose_description": application.purpose_description,
        "department": application.department,
        "origin": application.origin,
        "vendor": application.vendor.slug if application.vendor else None,
        "product": application.product.slug if application.product else None,
        "partners": [partner.slug for partner in application.partners.all()],
        "phase": application.phase,
        "kind": application.kind,
        "risk_class": application.risk_class,
        "risk_reason": application.risk_reason,
        "mdr_class": application.mdr_class,
        "ce_marking": application.ce_marking,
        "owner": application.owner,
        "last_reviewed_on": application.last_reviewed_on,
        "review_due_on": application.review_due_on(),
        "shared": application.shared,
    }


@login_required
@require_safe
def export(request, fmt):
    organizations = editable_organizations(request.user)
    slug = request.GET.get("organisatie")
    organization = (organizations.filter(slug=slug) if slug else organizations).first()
    if organization is None:
        raise Http404
    applications = list(_applications(request.user, organization))
    log_read(request, organization, Kind.EXPORT, f"ai-register.{fmt}")
    audit.record(
        request.user,
        audit.Action.EXPORT,
        organization=organization,
        label="AI-register",
        after={"format": fmt, "applications": len(applications)},
    )
    filename = f"ai-register-{organization.slug}-{timezone.localdate().isoformat()}"
    if fmt == "json":
        response = JsonResponse(
            {
                "organization": organization.slug,
                "exported_on": timezone.localdate(),
                "applications": [_json_record(a) for a in applications],
            },
            json_dumps_params={"ensure_ascii": False},
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    rows = ([_cell(value(a)) for _column, value in COLUMNS] for a in applications)
    return table_download(
        [column for column, _value in COLUMNS],
        rows,
        fmt=fmt,
        filename=filename,
        sheet_name="AI-register",
    )
