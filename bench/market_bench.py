"""Child-process part of the market-monitor benchmark, on the national dataset:
recompute every measure for every category and year from a cold start (reading the
market table included), then the dashboard for one category: its first request after a
data change (table rebuilt) and 30 requests after that, as a policy analyst."""

import json
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from portal.models import Membership, Organization  # noqa: E402
from portal.services import add_member  # noqa: E402
from prices.monitor.compute import recompute_all  # noqa: E402
from prices.monitor.data import clear_local, market_data  # noqa: E402

RUNS = 30

if __name__ == "__main__":
    started = time.perf_counter()
    done = recompute_all()
    recompute = time.perf_counter() - started
    data = market_data()
    from django.contrib.auth import get_user_model

    analyst = get_user_model().objects.create_user(username="bench-analist", password="x")
    add_member(
        organization=Organization.objects.filter(type=Organization.Type.POLICY_BODY).first(),
        user=analyst,
        role=Membership.Role.POLICY_ANALYST,
    )
    client = Client()
    client.force_login(analyst)
    url = "/markt/?categorie=epd-ziekenhuis"
    clear_local()
    cache.clear()  # as after a write: the table and figures are rebuilt
    started = time.perf_counter()
    assert client.get(url).status_code == 200
    first = time.perf_counter() - started
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "recompute_seconds": recompute,
                "category_years": done,
                "contracts": len(data.contracts),
                "first_ms": first * 1000,
                "median_ms": statistics.median(timings),
                "p95_ms": statistics.quantiles(timings, n=20)[-1],
            }
        )
    )
