"""Load test on loopback: the portal served by gunicorn (production settings) on
PostgreSQL with the national demo dataset, 50 concurrent users (bench/locustfile.py) for
5 minutes. Needs locust: `.venv/bin/pip install --require-hashes -r requirements/load.lock`.
Prints the figures per endpoint and appends the run's line to bench/RESULTS.md.

    .venv/bin/python bench/load_test.py [--users 50] [--minutes 5]
        [--database perms_load [--keep]] [--redis-url redis://127.0.0.1:6379/13]
        [--note "..."]

The database (created fresh and dropped afterwards) and the cache can be named, so
that the run stays off databases and caches that others on the machine use. With
--keep the named database stays, and a later run with --keep reuses it as seeded
(seeding the national dataset takes minutes).
"""

import argparse
import csv
import os
import pathlib
import secrets
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import PG_SERVER, on_postgres, record  # noqa: E402

from search.embedded import search_engine_environment  # noqa: E402

PORT = 8777


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


# The portal gives the engine 2 s per request, right for searches; the rebuild's bulk
# requests get longer, as the machine may be busy with other work.
REBUILD = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from elasticsearch.dsl import connections
options = {**settings.ELASTICSEARCH_DSL["default"], "request_timeout": 120}
connections.create_connection(alias="default", **options)
call_command("rebuild_search_index")
"""


def rebuild_search_index(env):
    subprocess.run([sys.executable, "-c", REBUILD], cwd=ROOT, env=env, check=True)


def wait_until_up(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(1)
    raise RuntimeError(f"{url} did not come up")


def _has_rows(conn, table):
    if not conn.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()[0]:
        return False
    return conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]


def kept_database(name, work):
    """Run ``work(url, seeded, published)`` on the database ``name``, created when
    missing and kept afterwards; an earlier run may have seeded it and published."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(f"{PG_SERVER}/{name}", autocommit=True) as conn:
        seeded = _has_rows(conn, "contracts_contract")
        published = _has_rows(conn, "disclosure_release")
    return work(f"{PG_SERVER}/{name}", seeded, published)


def run(database_url, users, minutes, tmp, redis_url, spawn_rate, seeded=False, published=False):
    with search_engine_environment() as engine_env:
        dev = dict(
            engine_env, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="portal.settings.dev"
        )
        manage(dev, "migrate", "--no-input", "-v", "0")
        if not seeded:
            manage(dev, "seed_demo", "--scale", "national", "-v", "0")  # with the demo log-ins
        rebuild_search_index(dev)
        production = dict(
            engine_env,
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            LOOPBACK_HTTP_ONLY="true",
            PRIVATE_MEDIA_ROOT=str(tmp / "private"),
            # Every simulated user comes from 127.0.0.1: lift the per-address API limit.
            API_RATE_ANONYMOUS="100000/min",
            BIND=f"127.0.0.1:{PORT}",
        )
        if redis_url:
            production["REDIS_URL"] = redis_url
        manage(production, "collectstatic", "--no-input", "-v", "0")
        if not published:
            manage(production, "publish_release")
            manage(production, "refresh_market_monitor")
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT,
            env=production,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp / "gunicorn.log", "w"),  # noqa: SIM115
        )
        try:
            wait_until_up(f"http://127.0.0.1:{PORT}/healthz")
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    "bench/locustfile.py",
                    "--headless",
                    "-u",
                    str(users),
                    "-r",
                    str(spawn_rate),
                    "-t",
                    f"{minutes}m",
                    "--host",
                    f"http://127.0.0.1:{PORT}",
                    "--csv",
                    str(tmp / "load"),
                    "--only-summary",
                ],
                cwd=ROOT,
                check=False,  # locust exits 1 when any request failed: read the figures
            )
        finally:
            web.terminate()
            web.wait(30)
    with open(tmp / "load_stats.csv") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    return rows


def print_endpoints(rows):
    print(f"{'endpoint':<32} {'requests':>8} {'errors':>6} {'median':>7} {'p95':>7} {'max':>7}")
    for name, row in sorted(rows.items(), key=lambda item: -float(item[1]["95%"])):
        print(
            f"{name:<32} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{row['50%']:>7} {row['95%']:>7} {float(row['Max Response Time']):>7.0f}"
        )


def main():
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=int, default=5)
    parser.add_argument(
        "--spawn-rate",
        type=float,
        default=1,
        help="users arriving per second (people do not all log in within the same seconds)",
    )
    parser.add_argument(
        "--database",
        default=os.environ.get("LOAD_TEST_DATABASE"),
        help="PostgreSQL database to create, use and drop (default: one named after the run)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("LOAD_TEST_REDIS_URL"),
        help="the cache for the portal under test (default: production's REDIS_URL default)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the named database, and reuse it if seeded"
    )
    parser.add_argument("--note", default="", help="added to the results line")
    args = parser.parse_args()
    if args.keep and not args.database:
        parser.error("--keep needs --database")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)

        def work(url, seeded=False, published=False):
            return run(
                url,
                args.users,
                args.minutes,
                tmp,
                args.redis_url,
                args.spawn_rate,
                seeded,
                published,
            )

        if args.keep:
            rows = kept_database(args.database, work)
        else:
            rows = on_postgres(work, args.database)
    print_endpoints(rows)
    total = rows["Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    p95 = float(total["95%"])
    slowest = max(
        (r for name, r in rows.items() if name != "Aggregated"), key=lambda r: float(r["95%"])
    )
    record(
        f"load test: {args.users} users for {args.minutes} min, arriving {args.spawn_rate:g}/s "
        "(gunicorn, production settings)",
        "PostgreSQL 15",
        f"{requests:,} requests, {failures} errors, median {total['50%']} ms, p95 {p95:.0f} ms, "
        f"{float(total['Requests/s']):.1f} req/s; slowest p95: {slowest['Name']} "
        f"{float(slowest['95%']):.0f} ms",
        "national dataset; home, search, vendor pages, public API, contract list, "
        "benchmarks, contracts API" + (f"; {args.note}" if args.note else ""),
        "0 errors, p95 < 300 ms",
        failures == 0 and p95 < 300,
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
