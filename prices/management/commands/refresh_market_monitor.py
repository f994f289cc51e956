"""Recompute (and cache) every market-monitor measure for every category and year."""

import time

from django.core.management.base import BaseCommand

from prices.monitor.compute import recompute_all


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        started = time.monotonic()
        done = recompute_all()
        self.stdout.write(
            f"Market monitor: {done} category-years in {time.monotonic() - started:.1f} s."
        )
