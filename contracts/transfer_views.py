"""Import, export and the template: spreadsheets in and out of the portal."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from contracts.exporting import export_rows, template_rows, to_csv, to_xlsx
from contracts.forms import ImportForm
from contracts.imports import read_upload, run_import, run_import_task, store_upload
from contracts.models import Contract, ContractImport
from portal import audit
from portal.access_log import Kind, log_read
from portal.permissions import objects_for_user, organizations_for
from portal.spreadsheets import CONTENT_TYPES
from portal.storage import UploadNotStored


def _download(data, filename, fmt):
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _render(rows, fmt):
    return to_csv(rows) if fmt == "csv" else to_xlsx(rows)


@login_required
def import_upload(request):
    organizations = organizations_for(request.user, "portal.manage_organization_contracts")
    if not organizations.exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.CONTRACT_IMPORT_MAX_BYTES:
            form.add_error(
                "file",
                _("The file is too large; the limit is %(limit)s MB.")
                % {"limit": settings.CONTRACT_IMPORT_MAX_BYTES // 2**20},
            )
        else:
            data = upload.read()
            try:
                contract_import = store_upload(
                    organization=form.cleaned_data["organization"],
                    user=request.user,
                    name=upload.name,
                    data=data,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except UploadNotStored as error:
                form.add_error("file", error.messages[0])
            else:
                # Parsed once here; a large file is checked and saved by a background
                # task, which reads the stored file again.
                table = read_upload(data, upload.name)
                rows = len(table.rows)
                if rows > settings.CONTRACT_IMPORT_BACKGROUND_ROWS:
                    ContractImport.objects.filter(pk=contract_import.pk).update(rows_total=rows)
                    transaction.on_commit(lambda: run_import_task.enqueue(contract_import.pk))
                else:
                    run_import(contract_import, table=table)
                return redirect("contract_import_detail", pk=contract_import.pk)
    recent = ContractImport.objects.filter(organization__in=organizations).select_related(
        "uploaded_by", "organization"
    )[:10]
    return render(request, "contracts/import_upload.html", {"form": form, "recent": recent})


def _import_for(user, pk):
    contract_import = get_object_or_404(
        ContractImport.objects.select_related("organization"), pk=pk
    )
    allowed = organizations_for(user, "portal.manage_organization_contracts")
    if not allowed.filter(pk=contract_import.organization_id).exists():
        raise Http404
    return contract_import


@login_required
@require_safe
def import_detail(request, pk):
    contract_import = _import_for(request.user, pk)
    return render(request, "contracts/import_detail.html", {"import": contract_import})


@login_required
@require_safe
def import_progress(request, pk):
    contract_import = _import_for(request.user, pk)
    return JsonResponse(
        {
            "status": contract_import.status,
            "finished": contract_import.is_finished,
            "rows_done": contract_import.rows_done,
            "rows_total": contract_import.rows_total,
            "percent": contract_import.percent_done,
        }
    )


@login_required
@require_safe
def import_template(request, fmt):
    if not organizations_for(request.user, "portal.manage_organization_contracts").exists():
        raise Http404
    return _download(_render(template_rows(), fmt), f"contracten-sjabloon.{fmt}", fmt)


@login_required
@require_safe
def contract_export(request, fmt):
    organizations = organizations_for(request.user, "portal.view_organization_contracts")
    slug = request.GET.get("organisatie")
    organization = organizations.filter(slug=slug).first() if slug else organizations.first()
    if organization is None:
        raise Http404
    contracts = objects_for_user(
        request.user, "contracts.view_contract", Contract.objects.filter(organization=organization)
    )
    data = _render(export_rows(contracts), fmt)
    log_read(request, organization, Kind.EXPORT, f"contracten.{fmt}")
    audit.record(
        request.user,
        audit.Action.EXPORT,
        organization=organization,
        after={"format": fmt, "contracts": contracts.count()},
    )
    stamp = timezone.localdate().isoformat()
    return _download(data, f"contracten-{organization.slug}-{stamp}.{fmt}", fmt)
