from django.core.management.base import BaseCommand

from contracts.services import load_lock_in_clauses
from vendors.services import load_product_taxonomy, load_standards_catalogue


class Command(BaseCommand):
    help = "Create or update the product taxonomy, standards catalogue and lock-in clauses."

    def handle(self, *args, **options):
        categories = load_product_taxonomy()
        standards = load_standards_catalogue()
        clauses = load_lock_in_clauses()
        self.stdout.write(
            f"Reference data loaded: {categories} categories, {standards} standards, "
            f"{clauses} lock-in clauses."
        )
