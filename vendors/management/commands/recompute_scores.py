"""Recompute every product's interoperability score with the live scoring method, after
comparing again the statements stored under older requirement sets or FHIR mappings.
Scheduled daily: a certificate's start or end date changes a claim's evidence without a
write."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from vendors.models import Product, ScoringMethod
from vendors.rescoring import rescore_all


class Command(BaseCommand):
    help = "Recompute the interoperability score of every product (live method)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        changed = rescore_all(day=timezone.localdate())
        self.stdout.write(
            f"{Product.objects.count()} products scored with method "
            f"v{ScoringMethod.objects.live().version}, {changed} scores changed, "
            f"in {time.perf_counter() - started:.1f} s."
        )
