"""Benchmarks: seed the national demo dataset into a scratch database and time named
operations. Prints the figures and appends them to bench/RESULTS.md.

    .venv/bin/python bench/run.py                 # SQLite, and PostgreSQL when reachable
    .venv/bin/python bench/run.py --database sqlite
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


def seed_national(database_url, seed):
    env = _env(database_url)
    _manage(env, "migrate", "--no-input", "-v", "0")
    out = subprocess.run(
        [sys.executable, "-c", SEED_AND_MEASURE.format(seed=seed)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _postgres_reachable():
    try:
        import psycopg

        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3, autocommit=True).close()
        return True
    except Exception:
        return False


def run_sqlite(seed):
    with tempfile.TemporaryDirectory() as tmp:
        return seed_national(f"sqlite:///{tmp}/bench.sqlite3", seed)


def run_postgres(seed):
    import psycopg

    name = f"bench_zorgict_{os.getpid()}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        return seed_national(f"{PG_SERVER}/{name}", seed)
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def record(database, figures):
    ok = figures["seconds"] < 180 and figures["peak_mb"] < 1536
    line = (
        f"| {dt.datetime.now(dt.UTC).date().isoformat()} | seed_demo --scale national | {database} "
        f"| {figures['seconds']:.1f} s | {figures['peak_mb']:.0f} MB "
        f"| {figures['contracts']:,} contracts, {figures['lines']:,} lines, "
        f"{figures['clause_answers']:,} clause answers, {figures['products']:,} products "
        f"| {'met' if ok else 'MISSED'} (< 180 s, < 1,536 MB) |"
    )
    print(line)
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Benchmark results\n\nAppended by `bench/run.py`; machine: "
            f"{os.cpu_count()} cores, Python {platform.python_version()}.\n\n"
            "| date | operation | database | time | peak memory | size | target |\n"
            "|---|---|---|---|---|---|---|\n"
        )
    with RESULTS.open("a") as results:
        results.write(line + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.database in ("sqlite", "all"):
        record("SQLite", run_sqlite(args.seed))
    if args.database in ("postgres", "all"):
        if _postgres_reachable():
            record("PostgreSQL 15", run_postgres(args.seed))
        else:
            print(f"PostgreSQL not reachable at {PG_SERVER}; skipped.")


if __name__ == "__main__":
    main()
