"""Run a contract import: read, check every row, and save all of it or nothing."""

import logging
from typing import NamedTuple

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from contracts.importing.loading import save_drafts
from contracts.importing.reading import ImportFileError, read_table
from contracts.importing.validate import validate_rows
from contracts.models import ContractImport
from portal.audit import Actor
from portal.storage import save_upload

logger = logging.getLogger(__name__)


def store_upload(*, organization, user, name, data, dry_run=False):
    """Keep the uploaded file with who uploaded it and when."""
    contract_import = ContractImport(
        organization=organization, uploaded_by=user, original_name=name[:255], dry_run=dry_run
    )
    save_upload(contract_import.file, name, ContentFile(data))
    try:
        contract_import.save()
    except Exception:
        contract_import.file.delete(save=False)  # no file without its record
        raise
    return contract_import


def _finish(contract_import, status, **fields):
    for name, value in fields.items():
        setattr(contract_import, name, value)
    contract_import.status = status
    contract_import.finished_at = timezone.now()
    contract_import.save()
    return contract_import


class Table(NamedTuple):
    """An uploaded file read once: its headers and rows, or why it is refused."""

    headers: list
    rows: list
    error: ImportFileError | None = None


def read_upload(data, name=""):
    """Read (parse) the file once; hand the result to ``run_import``."""
    try:
        headers, rows, _known = read_table(data, name)
    except ImportFileError as err:
        return Table([], [], err)
    return Table(headers, rows)


def run_import(contract_import, *, table=None, progress=None):
    """Check and (unless it is a trial run) save the import. Returns it, finished.

    ``table`` is the file as ``read_upload`` read it; without it the stored file is
    read. ``progress(phase, done, total)`` is called while it runs."""
    ContractImport.objects.filter(pk=contract_import.pk).update(
        status=ContractImport.Status.RUNNING
    )
    if table is None:
        with contract_import.file.open("rb") as handle:
            table = read_upload(handle.read(), contract_import.original_name)
    if table.error is not None:
        return _finish(
            contract_import,
            ContractImport.Status.REFUSED,
            errors=[{"row": None, "column": None, "message": str(table.error)}],
        )
    headers, rows = table.headers, table.rows
    total = len(rows)
    ContractImport.objects.filter(pk=contract_import.pk).update(rows_total=total)

    def checked(done):
        # Committed as it goes, so the page can show progress while checking.
        ContractImport.objects.filter(pk=contract_import.pk).update(rows_done=done)
        if progress:
            progress("check", done, total)

    drafts, errors = validate_rows(headers, rows, today=timezone.localdate(), progress=checked)
    if errors:
        return _finish(
            contract_import,
            ContractImport.Status.REFUSED,
            rows_total=total,
            rows_done=total,
            errors=errors,
        )
    if contract_import.dry_run:
        return _finish(
            contract_import, ContractImport.Status.CHECKED, rows_total=total, rows_done=total
        )
    actor = (
        Actor.of_user(contract_import.uploaded_by)
        if contract_import.uploaded_by
        else Actor(label=_("import command"))
    )
    with transaction.atomic():
        saved = save_drafts(
            organization=contract_import.organization,
            drafts=drafts,
            actor=actor,
            progress=(lambda done, n: progress("save", done, n)) if progress else None,
        )
    return _finish(
        contract_import,
        ContractImport.Status.SUCCEEDED,
        rows_total=total,
        rows_done=total,
        created_count=saved.created,
        updated_count=saved.updated,
        unchanged_count=saved.unchanged,
    )


@task()
def run_import_task(import_id):
    """Background run for large files; the page polls the import's progress. A run that
    fails midway saves nothing (one transaction) and is tried again, up to
    CONTRACT_IMPORT_MAX_ATTEMPTS times; then the import is marked failed."""
    contract_import = ContractImport.objects.select_related("organization", "uploaded_by").get(
        pk=import_id
    )
    ContractImport.objects.filter(pk=import_id).update(attempts=F("attempts") + 1)
    contract_import.refresh_from_db(fields=["attempts"])
    try:
        run_import(contract_import)
    except Exception as err:
        logger.warning(
            "Import %s failed (attempt %s): %s", import_id, contract_import.attempts, err
        )
        if contract_import.attempts < settings.CONTRACT_IMPORT_MAX_ATTEMPTS:
            ContractImport.objects.filter(pk=import_id).update(status=ContractImport.Status.PENDING)
            run_import_task.enqueue(import_id)
        else:
            _finish(
                contract_import,
                ContractImport.Status.FAILED,
                errors=[
                    {
                        "row": None,
                        "column": "",
                        "message": _("The import failed: %(error)s") % {"error": str(err)[:300]},
                    }
                ],
            )
