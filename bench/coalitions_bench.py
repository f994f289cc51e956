"""Child-process part of the coalition benchmark, on the national dataset: a coalition
of 200 care providers (with their real contracts in the hospital EHR category), 500
requirements and 20 vendors' answers to all of them; each members' page is requested
30 times after one warm-up request, as the coordinator."""

import json
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from coalitions.scale import build_large_coalition  # noqa: E402
from portal.models import Organization  # noqa: E402
from vendors.models import ProductCategory  # noqa: E402

PAGES = ["coalition_detail", "coalition_requirements", "coalition_vendors"]
RUNS = 30

if __name__ == "__main__":
    members = Organization.objects.care_providers().order_by("pk")[:199]
    coalition, user = build_large_coalition(
        category=ProductCategory.objects.get(slug="epd-ziekenhuis"), organizations=members
    )
    client = Client()
    client.force_login(user)
    figures = {"members": coalition.members.count(), "requirements": 500, "vendors": 20}
    for name in PAGES:
        url = reverse(name, args=[coalition.slug])
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        cold = time.perf_counter() - started
        timings = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                assert client.get(url).status_code == 200
                timings.append((time.perf_counter() - started) * 1000)
        figures[name] = {
            "cold_ms": cold * 1000,
            "median_ms": statistics.median(timings),
            "p95_ms": statistics.quantiles(timings, n=20)[-1],
            "queries": len(queries),
        }
    print(json.dumps(figures))
