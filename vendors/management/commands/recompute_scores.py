"""Recompute every product's interoperability score with the live scoring method."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from vendors.models import Product, ScoringMethod
from vendors.scoring import score_product


class Command(BaseCommand):
    help = "Recompute the interoperability score of every product (live method)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        method = ScoringMethod.objects.live()
        today = timezone.localdate()
        products = Product.objects.select_related("vendor")
        with transaction.atomic():  # one commit (and one search update) for all
            for product in products.iterator(chunk_size=500):
                score_product(product, day=today, method=method)
        self.stdout.write(
            f"{products.count()} products scored with method v{method.version} "
            f"in {time.perf_counter() - started:.1f} s."
        )
