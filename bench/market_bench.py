"""Child-process part of the market-monitor benchmark, on the national dataset:
publish the market topic of a release (the frozen market table, lock-in risks
included), compute every figure of that release for every category and year from a
cold cache (refresh_market_monitor), then the dashboard for one category as a policy
analyst: the very first request of a process (release part and figures not yet
cached), 30 requests after it, and the first request after a write (which changes
nothing until the next release, so it is served from the cache as well).

The keys ``after_write_ms`` and ``rebuild_seconds`` keep their names for bench/run.py;
``rebuild_seconds`` is now the time to publish the market topic."""

import json
import pathlib
import statistics
import sys
import time
from datetime import date

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from disclosure.releases import forget, publish  # noqa: E402
from market.compute import recompute_all  # noqa: E402
from market.data import market_data  # noqa: E402
from portal.models import Membership, Organization  # noqa: E402
from portal.services import add_member  # noqa: E402

RUNS = 30

if __name__ == "__main__":
    started = time.perf_counter()
    publish(as_of=timezone.localdate(), topics=["market"])
    published = time.perf_counter() - started
    forget()
    cache.clear()
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
    forget()
    cache.clear()
    client.force_login(analyst)  # the session lived in the cache
    started = time.perf_counter()
    assert client.get(url).status_code == 200  # the release part is read and unpickled
    cold = time.perf_counter() - started
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append((time.perf_counter() - started) * 1000)
    # A write: nothing anyone is shown changes until the next release.
    from contracts.models import Contract

    contract = Contract.objects.filter(organization__type=Organization.Type.CARE_PROVIDER).first()
    contract.start_date = date(contract.start_date.year, 1, 1)
    contract.save()
    started = time.perf_counter()
    assert client.get(url).status_code == 200
    after_write = time.perf_counter() - started
    print(
        json.dumps(
            {
                "publish_seconds": published,
                "recompute_seconds": recompute,
                "category_years": done,
                "contracts": len(data.contracts),
                "cold_ms": cold * 1000,
                "after_write_ms": after_write * 1000,
                "rebuild_seconds": published,
                "median_ms": statistics.median(timings),
                "p95_ms": statistics.quantiles(timings, n=20)[-1],
            }
        )
    )
