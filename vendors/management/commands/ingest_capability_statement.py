"""Store a product's FHIR CapabilityStatement from a file or its server's /metadata, and
rescore the product (through the same service as the self-service page and the API)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vendors.capability import CapabilityStatementError, fetch_statement
from vendors.models import Product
from vendors.selfservice import add_capability_statement


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
                data, url = fetch_statement(source), source
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"No such file: {source}")
                data, url = path.read_bytes(), ""
            version = add_capability_statement(found, None, data, source_url=url)
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
