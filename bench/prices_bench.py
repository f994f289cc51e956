"""Child-process part of the prices benchmark: the full benchmark table (every category
× sector × size band × metric for one year) from the national dataset."""

import json
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from prices.disclosure import Rules  # noqa: E402
from prices.selectors import shareable_lines  # noqa: E402
from prices.services import METRICS  # noqa: E402
from prices.table import benchmark_table  # noqa: E402
from vendors.models import ProductCategory  # noqa: E402

if __name__ == "__main__":
    year = int(sys.argv[1]) if len(sys.argv) > 1 else 2025
    started = time.perf_counter()
    lines, sizes = shareable_lines(year=year, today=timezone.localdate())
    loaded = time.perf_counter() - started
    parents = dict(ProductCategory.objects.leaves().values_list("slug", "parent__slug"))
    result = benchmark_table(lines, sizes, year, METRICS, Rules.from_settings(), parents=parents)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "load_seconds": loaded,
                "lines": len(lines),
                "cells": len(result),
                "published": int((~result["suppressed"]).sum()),
            }
        )
    )
