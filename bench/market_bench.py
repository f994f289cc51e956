"""Child-process part of the market-monitor benchmark, on the national dataset:
recompute every measure for every category and year from a cold start (reading the
market table included), then the dashboard for one category as a policy analyst: the
very first request (no table yet), 30 requests after it, the first request after a
write (the previous table answers while the rebuild is queued) and the rebuild itself."""

import json
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django_tasks import default_task_backend  # noqa: E402

from portal.models import Membership, Organization  # noqa: E402
from portal.services import add_member  # noqa: E402
from prices.monitor.compute import recompute_all  # noqa: E402
from prices.monitor.data import clear_local, market_data, rebuild_market_table  # noqa: E402
from prices.versioning import bump_everything  # noqa: E402

DUMMY = "django_tasks.backends.dummy.DummyBackend"

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
    cache.clear()
    started = time.perf_counter()
    assert client.get(url).status_code == 200  # no table yet: built in the request
    cold = time.perf_counter() - started
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append((time.perf_counter() - started) * 1000)
    # A write: the next request gets the previous figures and queues the rebuild, which
    # a worker runs (here: by hand, timed).
    with override_settings(TASKS={"default": {"BACKEND": DUMMY}}):
        bump_everything()
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        after_write = time.perf_counter() - started
        [queued] = [
            r for r in default_task_backend.results if r.task.func is rebuild_market_table.func
        ]
        started = time.perf_counter()
        queued.task.call(*queued.args)
        rebuild = time.perf_counter() - started
    print(
        json.dumps(
            {
                "recompute_seconds": recompute,
                "category_years": done,
                "contracts": len(data.contracts),
                "cold_ms": cold * 1000,
                "after_write_ms": after_write * 1000,
                "rebuild_seconds": rebuild,
                "median_ms": statistics.median(timings),
                "p95_ms": statistics.quantiles(timings, n=20)[-1],
            }
        )
    )
