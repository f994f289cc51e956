"""Benchmarks: time named operations on scratch databases, print the figures and
append them to bench/RESULTS.md.

    .venv/bin/python bench/run.py                        # all, SQLite and PostgreSQL
    .venv/bin/python bench/run.py --only import,list --database sqlite

Operations: seed (seed_demo --scale national), import (a 100,000-row CSV, then the same
file again), list (the contract list of an organisation with 2,000 contracts).
"""

import argparse
import datetime as dt
import json
import os
import pathlib
import platform
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")

# Runs inside a child process so that its peak memory is its own.
SEED_AND_MEASURE = """
import json, resource, time, django
django.setup()
from django.core.management import call_command
from contracts.models import Contract, ContractLine, ContractClause
from vendors.models import Product
started = time.perf_counter()
call_command("seed_demo", scale="national", seed={seed}, no_users=True, verbosity=0)
seconds = time.perf_counter() - started
print(json.dumps({{
    "seconds": seconds,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "contracts": Contract.objects.count(),
    "lines": ContractLine.objects.count(),
    "clause_answers": ContractClause.objects.count(),
    "products": Product.objects.count(),
}}))
"""


def _env(database_url):
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    env.pop("ELASTICSEARCH_URL", None)
    return env


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _figures(env, *command):
    """Run a child Python command and return the JSON figures it prints last."""
    out = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _child_env(database_url):
    env = _env(database_url)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"  # DEBUG off, tasks immediate
    return env


def seed_national(database_url, seed):
    env = _env(database_url)
    _manage(env, "migrate", "--no-input", "-v", "0")
    return _figures(env, "-c", SEED_AND_MEASURE.format(seed=seed))


def run_child(database_url, *args):
    """Run bench/contracts_bench.py against a migrated scratch database."""
    env = _child_env(database_url)
    _manage(env, "migrate", "--no-input", "-v", "0")
    return _figures(env, "bench/contracts_bench.py", *args)


def _postgres_reachable():
    try:
        import psycopg

        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3, autocommit=True).close()
        return True
    except Exception:
        return False


def on_sqlite(work):
    with tempfile.TemporaryDirectory() as tmp:
        return work(f"sqlite:///{tmp}/bench.sqlite3")


def on_postgres(work, name=None):
    """Run ``work`` on a fresh PostgreSQL database, dropped afterwards: ``name``, else
    $BENCH_DATABASE_NAME, else one named after this process."""
    import psycopg

    name = name or os.environ.get("BENCH_DATABASE_NAME") or f"bench_zorgict_{os.getpid()}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        return work(f"{PG_SERVER}/{name}")
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


HEADER = (
    "# Benchmark results\n\nAppended by `bench/run.py`; machine: "
    f"{os.cpu_count()} cores, Python {platform.python_version()}.\n\n"
    "| date | operation | database | result | size | target |\n"
    "|---|---|---|---|---|---|\n"
)


def record(operation, database, result, size, target, met):
    line = (
        f"| {dt.datetime.now(dt.UTC).date().isoformat()} | {operation} | {database} | {result} "
        f"| {size} | {'met' if met else 'MISSED'} ({target}) |"
    )
    print(line)
    if not RESULTS.exists():
        RESULTS.write_text(HEADER)
    with RESULTS.open("a") as results:
        results.write(line + "\n")


def bench_seed(database, on_database, seed):
    f = on_database(lambda url: seed_national(url, seed))
    record(
        "seed_demo --scale national",
        database,
        f"{f['seconds']:.1f} s, peak {f['peak_mb']:.0f} MB",
        f"{f['contracts']:,} contracts, {f['lines']:,} lines, "
        f"{f['clause_answers']:,} clause answers, {f['products']:,} products",
        "< 180 s, < 1,536 MB",
        f["seconds"] < 180 and f["peak_mb"] < 1536,
    )


def bench_import(database, on_database, rows):
    f = on_database(lambda url: run_child(url, "import", str(rows)))
    record(
        "import_contracts (CSV, new)",
        database,
        f"{f['first_rows_per_second']:,.0f} rows/s ({f['first_seconds']:.1f} s), "
        f"peak {f['peak_mb']:.0f} MB",
        f"{f['rows']:,} rows, {f['contracts']:,} contracts",
        ">= 2,000 rows/s, < 1,024 MB",
        f["first_rows_per_second"] >= 2000 and f["peak_mb"] < 1024,
    )
    record(
        "import_contracts (same CSV again)",
        database,
        f"{f['again_rows_per_second']:,.0f} rows/s ({f['again_seconds']:.1f} s), "
        f"peak {f['peak_mb']:.0f} MB",
        f"{f['rows']:,} rows, {f['stored_contracts']:,} contracts stored (no duplicates)",
        ">= 2,000 rows/s, < 1,024 MB",
        f["again_rows_per_second"] >= 2000 and f["peak_mb"] < 1024,
    )


def search_national(database_url, seed):
    """Seed the national dataset, then run bench/search_bench.py with an engine."""
    seed_national(database_url, seed)
    sys.path.insert(0, str(ROOT))
    from search.embedded import search_engine_environment

    env = _child_env(database_url)
    with search_engine_environment() as engine_env:
        env.update({k: engine_env[k] for k in ("ELASTICSEARCH_URL", "SEARCH_ENGINE")})
        return _figures(env, "bench/search_bench.py")


def bench_search(database, on_database, seed):
    f = on_database(lambda url: search_national(url, seed))
    ratio = f["rebuild_per_second"] / f["bare_per_second"]
    record(
        "rebuild_search_index vs bare helpers.bulk",
        database + " + osmem",
        f"{f['rebuild_per_second']:,.0f} docs/s ({f['rebuild_seconds']:.1f} s) vs "
        f"{f['bare_per_second']:,.0f} docs/s ({f['bare_seconds']:.1f} s): {ratio:.0%}",
        f"{f['documents']:,} documents (national dataset)",
        ">= 70% of bare bulk",
        ratio >= 0.7,
    )
    record(
        "faceted search through /zoeken/",
        database + " + osmem",
        f"median {f['median_ms']:.0f} ms, p95 {f['p95_ms']:.0f} ms",
        f"{f['queries']} varied queries, {f['documents']:,} documents",
        "median < 50 ms, p95 < 150 ms",
        f["median_ms"] < 50 and f["p95_ms"] < 150,
    )


def prices_national(database_url, seed):
    seed_national(database_url, seed)
    return _figures(_child_env(database_url), "bench/prices_bench.py")


def bench_prices(database, on_database, seed):
    f = on_database(lambda url: prices_national(url, seed))
    record(
        "benchmark publication of every category, one year; a release (all years)",
        database,
        f"{f['one_year_seconds']:.1f} s (release of {f['years']} years: "
        f"{f['all_years_seconds']:.1f} s)",
        f"{f['lines']:,} lines; {f['categories']} categories, {f['cells']:,} cells "
        f"({f['published']:,} published) for one year",
        "< 10 s",
        f["one_year_seconds"] < 10,
    )
    for size, u in f["utility"].items():
        median, p95 = u["median_error_median"] * 100, u["p95_error_median"] * 100
        limit = {"5-9": 10, "20+": 3}.get(size)
        record(
            f"benchmark protection, groups of {size} organisations (one year)",
            database,
            f"{u['now']:,} of {u['candidates']:,} cells published (exact method: "
            f"{u['exact']:,}); with all years decided together, the exact method "
            f"{f['exact_all_years'].get(size, 0):,}, the release (main categories also "
            f"checked against subcategories) {f['in_release'].get(size, 0):,}; "
            f"error of published medians: median {median:.1f}%, "
            f"p95 {p95:.1f}%; all quartiles: median {u['median_error_all'] * 100:.1f}%, "
            f"p95 {u['p95_error_all'] * 100:.1f}%",
            "against the exact linear percentiles (national dataset)",
            f"median error <= {limit}%" if limit else "(counts only: the total is below)",
            limit is None or median <= limit,
        )
    released, exact = sum(f["in_release"].values()), sum(f["exact_all_years"].values())
    record(
        "benchmark cells published, all group sizes (the year, all years decided together)",
        database,
        f"release {released:,} against the first round's method {exact:,} "
        f"({(released - exact) / exact * 100:+.1f}%)",
        "national dataset; the release also checks main categories against subcategories "
        "and swaps one broad cell for two or more narrow ones where that shows more",
        "release publishes >= the first round's method",
        released >= exact,
    )
    record(
        "one benchmark cell via /api/v1/benchmarks/ (warm)",
        database,
        f"median {f['api_median_ms']:.0f} ms, p95 {f['api_p95_ms']:.0f} ms",
        f"{f['api_requests']} varied cells as a hospital's procurement specialist",
        "median < 50 ms, p95 < 150 ms",
        f["api_median_ms"] < 50 and f["api_p95_ms"] < 150,
    )
    ratio = f["naive_median_ms"] / f["api_median_ms"]
    record(
        "naive cell (all lines into pandas per request) vs the API",
        database,
        f"{f['naive_median_ms']:.0f} ms vs {f['api_median_ms']:.0f} ms: {ratio:.0f}x",
        f"{f['naive_requests']} of the same cells",
        ">= 10x",
        ratio >= 10,
    )


def scores_national(database_url, seed):
    seed_national(database_url, seed)
    return _figures(_child_env(database_url), "bench/vendors_bench.py")


def bench_scores(database, on_database, seed):
    f = on_database(lambda url: scores_national(url, seed))
    record(
        "recompute every interoperability score",
        database,
        f"{f['recompute_seconds']:.1f} s",
        f"{f['products']:,} products, {f['claims']:,} claims (national dataset)",
        "< 60 s",
        f["recompute_seconds"] < 60,
    )
    record(
        "ingest and score a 1 MB CapabilityStatement",
        database,
        f"{f['statement_seconds']:.2f} s (slowest of 3: {f['statement_seconds_max']:.2f} s)",
        f"{f['statement_bytes']:,} bytes, validated with fhir.resources",
        "< 1 s",
        f["statement_seconds_max"] < 1,
    )


def coalitions_national(database_url, seed):
    seed_national(database_url, seed)
    return _figures(_child_env(database_url), "bench/coalitions_bench.py")


def bench_coalitions(database, on_database, seed):
    f = on_database(lambda url: coalitions_national(url, seed))
    for name, label in (
        ("coalition_detail", "coalition overview page (demand, savings, 15% check)"),
        ("coalition_requirements", "coalition requirements page"),
        ("coalition_vendors", "coalition vendor answers page (side by side)"),
    ):
        page = f[name]
        record(
            label,
            database,
            f"median {page['median_ms']:.0f} ms, p95 {page['p95_ms']:.0f} ms, "
            f"{page['queries']} queries (first request {page['cold_ms']:.0f} ms)",
            f"{f['members']} members, {f['requirements']} requirements, "
            f"{f['vendors']} vendors' answers (national dataset)",
            "< 300 ms",
            page["p95_ms"] < 300,
        )


def market_national(database_url, seed):
    seed_national(database_url, seed)
    return _figures(_child_env(database_url), "bench/market_bench.py")


def bench_market(database, on_database, seed):
    f = on_database(lambda url: market_national(url, seed))
    record(
        "market monitor: recompute every measure, every category and year",
        database,
        f"{f['recompute_seconds']:.1f} s",
        f"{f['category_years']} category-years, {f['contracts']:,} contracts (national dataset)",
        "< 60 s",
        f["recompute_seconds"] < 60,
    )
    record(
        "market monitor dashboard, one category (/markt/)",
        database,
        f"median {f['median_ms']:.0f} ms, p95 {f['p95_ms']:.0f} ms; first request after a "
        f"write {f['after_write_ms']:.0f} ms (rebuild in the worker {f['rebuild_seconds']:.1f} s); "
        f"very first request {f['cold_ms']:.0f} ms",
        "hospital EHR category, as a policy analyst (national dataset)",
        "< 1 s",
        f["p95_ms"] < 1000,
    )


def bench_list(database, on_database, contracts):
    f = on_database(lambda url: run_child(url, "list", str(contracts)))
    record(
        "contract list page (/contracten/)",
        database,
        f"median {f['median_ms']:.0f} ms, p95 {f['p95_ms']:.0f} ms",
        f"organisation with {f['contracts']:,} contracts",
        "< 300 ms",
        f["p95_ms"] < 300,
    )
    record(
        "contract list's permission-filtered queries (count and first page)",
        database,
        f"guardian's get_objects_for_user {f['guardian_query_ms']:.1f} ms, "
        f"portal.permissions fast path {f['fast_query_ms']:.1f} ms (median)",
        f"organisation with {f['contracts']:,} of {f['all_contracts']:,} contracts",
        "fast path faster",
        f["fast_query_ms"] < f["guardian_query_ms"],
    )


OPERATIONS = {
    "seed": lambda database, on, args: bench_seed(database, on, args.seed),
    "import": lambda database, on, args: bench_import(database, on, args.rows),
    "list": lambda database, on, args: bench_list(database, on, args.contracts),
    "search": lambda database, on, args: bench_search(database, on, args.seed),
    "prices": lambda database, on, args: bench_prices(database, on, args.seed),
    "scores": lambda database, on, args: bench_scores(database, on, args.seed),
    "coalitions": lambda database, on, args: bench_coalitions(database, on, args.seed),
    "market": lambda database, on, args: bench_market(database, on, args.seed),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument(
        "--only", default=",".join(OPERATIONS), help="comma-separated: " + ", ".join(OPERATIONS)
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the import file")
    parser.add_argument("--contracts", type=int, default=2000, help="contracts in the list")
    args = parser.parse_args()
    databases = []
    if args.database in ("sqlite", "all"):
        databases.append(("SQLite", on_sqlite))
    if args.database in ("postgres", "all"):
        if _postgres_reachable():
            databases.append(("PostgreSQL 15", on_postgres))
        else:
            print(f"PostgreSQL not reachable at {PG_SERVER}; skipped.")
    for operation in args.only.split(","):
        for database, on_database in databases:
            OPERATIONS[operation](database, on_database, args)


if __name__ == "__main__":
    main()
