"""The contract list's permission-filtered queries (count and first page) through
guardian's get_objects_for_user, as portal.permissions made them before, and through
its fast path, on a database with the national demo dataset and its log-ins (such as
the one `bench/load_test.py --database perms_load --keep` leaves). Appends to
bench/RESULTS.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perms_load \\
        .venv/bin/python bench/permissions_bench.py [--user inkoper.a]
"""

import argparse
import os
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _guardian_contracts(user):
    from guardian.shortcuts import get_objects_for_user

    from contracts.models import Contract

    return get_objects_for_user(
        user,
        "contracts.view_contract",
        klass=Contract.objects.all(),
        with_superuser=False,
        accept_global_perms=False,
    )


def permission_query_ms(user, repeats):
    """Median ms of the list's two permission-filtered queries, both ways."""
    from contracts.models import Contract
    from portal.permissions import objects_for_user

    def page_queries(contracts):
        contracts = contracts.order_by("-start_date", "reference")
        contracts.count()
        list(contracts.values_list("pk", flat=True)[:50])

    ways = {
        "guardian": lambda: page_queries(_guardian_contracts(user)),
        "fast": lambda: page_queries(
            objects_for_user(user, "contracts.view_contract", Contract.objects.all())
        ),
    }
    timings = {name: [] for name in ways}
    for repeat in range(repeats + 3):
        for name, way in ways.items():
            started = time.perf_counter()
            way()
            if repeat >= 3:  # warm-up
                timings[name].append((time.perf_counter() - started) * 1000)
    return {f"{name}_query_ms": statistics.median(t) for name, t in timings.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--user", default="inkoper.a")
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--note", default="", help="added to the results line")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from run import record

    from contracts.models import Contract
    from portal.permissions import objects_for_user

    user = get_user_model().objects.get(username=args.user)
    figures = permission_query_ms(user, args.repeats)
    own = objects_for_user(user, "contracts.view_contract", Contract.objects.all()).count()
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    record(
        "contract list's permission-filtered queries (count and first page)",
        database,
        f"guardian's get_objects_for_user {figures['guardian_query_ms']:.1f} ms, "
        f"portal.permissions fast path {figures['fast_query_ms']:.1f} ms (median)",
        f"{args.user}: {own:,} of {Contract.objects.count():,} contracts (national dataset)"
        + (f"; {args.note}" if args.note else ""),
        "fast path faster",
        figures["fast_query_ms"] < figures["guardian_query_ms"],
    )


if __name__ == "__main__":
    main()
