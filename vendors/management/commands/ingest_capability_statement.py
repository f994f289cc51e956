"""Store a product's FHIR CapabilityStatement from a file or its server's /metadata."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vendors.capability import CapabilityStatementError, fetch_statement, ingest
from vendors.models import CapabilityStatementVersion, Product


class Command(BaseCommand):
    help = "Validate a FHIR CapabilityStatement (file or URL) and store it for a product."

    def add_arguments(self, parser):
        parser.add_argument("--product", required=True, help="the product's slug")
        parser.add_argument("source", help="a JSON file, or the server's base or /metadata URL")

    def handle(self, *args, product, source, **options):
        found = Product.objects.filter(slug=product).first()
        if found is None:
            raise CommandError(f"Unknown product: {product}")
        try:
            if source.startswith(("http://", "https://")):
                version = ingest(
                    found,
                    fetch_statement(source),
                    source=CapabilityStatementVersion.Source.URL,
                    source_url=source,
                )
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"No such file: {source}")
                version = ingest(
                    found, path.read_bytes(), source=CapabilityStatementVersion.Source.UPLOAD
                )
        except CapabilityStatementError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Stored FHIR {version.fhir_version} statement for {found}.")
        for result in version.coverage.values():
            self.stdout.write(
                f"  {result['name']}: SHALL {result['shall_met']}/{result['shall_total']}, "
                f"SHOULD {result['should_met']}/{result['should_total']}"
            )
            for item in result["missing"]:
                self.stdout.write(
                    f"    missing ({item['expectation']}): {item['resource']} "
                    f"{item['kind']} {item['value']}"
                )
