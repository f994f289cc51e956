import os
import pathlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from contracts.importing.reading import ImportFileError, check_size
from contracts.imports import read_upload, run_import, store_upload
from contracts.models import ContractImport
from portal.models import Organization

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import an organisation's contracts from a CSV or XLSX file in the template layout. "
        "All or nothing: with any bad row nothing is saved and the command exits with 2."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--organization", required=True, help="Organisation slug")
        parser.add_argument("--dry-run", action="store_true", help="Check only, save nothing.")
        parser.add_argument("--user", help="Username recorded as the uploader.")

    def handle(self, *args, path, organization, dry_run, user, **options):
        translation.activate("nl")
        try:
            org = Organization.objects.get(slug=organization)
        except Organization.DoesNotExist as err:
            raise CommandError(f"Onbekende organisatie: {organization}") from err
        uploader = None
        if user:
            try:
                uploader = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as err:
                raise CommandError(f"Onbekende gebruiker: {user}") from err
        file = pathlib.Path(path)
        try:
            with file.open("rb") as handle:
                # One byte over the limit is enough to refuse it; nothing is stored then.
                data = handle.read(settings.CONTRACT_IMPORT_MAX_BYTES + 1)
                check_size(max(len(data), os.fstat(handle.fileno()).st_size))
        except OSError as err:
            raise CommandError(f"Kan {path} niet lezen: {err.strerror}") from err
        except ImportFileError as err:
            raise CommandError(f"Niets opgeslagen: {err}") from err
        contract_import = store_upload(
            organization=org, user=uploader, name=file.name, data=data, dry_run=dry_run
        )
        result = run_import(
            contract_import, table=read_upload(data, file.name), progress=self._progress
        )
        self.stdout.write("")
        if result.status == ContractImport.Status.REFUSED:
            for error in result.errors:
                where = f"rij {error['row']}, kolom {error['column']}: " if error["row"] else ""
                self.stdout.write(f"{where}{error['message']}")
            raise CommandError(
                f"Niets geïmporteerd: {len(result.errors)} fout(en) in {file.name}.", returncode=2
            )
        if result.status == ContractImport.Status.CHECKED:
            self.stdout.write(
                f"Proefimport: {result.rows_total} rijen gecontroleerd, geen "
                "fouten. Niets opgeslagen."
            )
        else:
            self.stdout.write(
                f"Geïmporteerd: {result.rows_total} rijen, {result.created_count} contracten "
                f"nieuw, {result.updated_count} gewijzigd, {result.unchanged_count} ongewijzigd."
            )

    def _progress(self, phase, done, total):
        label = {"check": "controleren", "save": "opslaan"}[phase]
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        self.stdout.write(
            f"\r{label:<12} [{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {done}/{total}",
            ending="",
        )
        self.stdout.flush()
