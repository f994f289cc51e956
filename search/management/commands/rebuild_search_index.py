from django.core.management.base import BaseCommand, CommandError

from search.rebuild import documents, rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Rebuild the search indices from the database: a new index per document type, "
        "switched in by alias, so search keeps working meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=1000)
        parser.add_argument("--only", nargs="*", help="e.g. contracts vendors")

    def handle(self, *args, chunk_size, only, **options):
        if chunk_size < 1:
            raise CommandError("--chunk-size must be at least 1")
        total = 0
        try:
            for document in documents(only):
                total += rebuild(document, chunk_size=chunk_size, progress=self._progress)
                self.stdout.write("")
        except Exception as err:
            raise CommandError(f"Rebuild failed (the old indices stay in use): {err}") from err
        self.stdout.write(f"{total} documents indexed.")

    def _progress(self, name, done, total):
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        self.stdout.write(
            f"\r{name:<28} [{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {done}/{total}", ending=""
        )
        self.stdout.flush()
