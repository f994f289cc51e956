"""Compute (and cache) every market-monitor figure of the current release, for every
category and year, so that the first requests after a release need not wait. The
figures themselves come from the release (manage.py publish_release); this command
changes none of them."""

import time

from django.core.management.base import BaseCommand

from market.compute import recompute_all


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        started = time.monotonic()
        done = recompute_all()
        if not done:
            self.stdout.write("Market monitor: no release with market figures yet.")
            return
        self.stdout.write(
            f"Market monitor: {done} category-years in {time.monotonic() - started:.1f} s."
        )
