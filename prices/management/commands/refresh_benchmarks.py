"""Compute every category's benchmark publication into the shared cache (Redis in
production), so the first visitor of the day does not wait. Run it nightly."""

import time

from django.core.management.base import BaseCommand

from prices.cache import refresh_all


class Command(BaseCommand):
    help = "Compute the benchmark publications of all categories into the cache."

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done, total):
            self.stdout.write(f"\r  {done}/{total} categories", ending="")

        built = refresh_all(progress=progress)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"{built} publications computed in {time.perf_counter() - started:.1f} s."
            )
        )
