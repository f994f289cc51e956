"""Load test on loopback: the portal served by gunicorn (production settings) on
PostgreSQL with the national demo dataset, 50 concurrent users (bench/locustfile.py) for
5 minutes. Needs locust: `.venv/bin/pip install --require-hashes -r requirements/load.lock`.
Appends to bench/RESULTS.md.

    .venv/bin/python bench/load_test.py [--users 50] [--minutes 5]
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

from run import on_postgres, record  # noqa: E402

from search.embedded import search_engine_environment  # noqa: E402

PORT = 8777


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(1)
    raise RuntimeError(f"{url} did not come up")


def run(database_url, users, minutes, tmp):
    with search_engine_environment() as engine_env:
        dev = dict(
            engine_env, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="portal.settings.dev"
        )
        manage(dev, "migrate", "--no-input", "-v", "0")
        manage(dev, "seed_demo", "--scale", "national", "-v", "0")  # with the demo log-ins
        manage(dev, "rebuild_search_index")
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
        manage(production, "collectstatic", "--no-input", "-v", "0")
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
                    "10",
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


def main():
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        rows = on_postgres(lambda url: run(url, args.users, args.minutes, tmp))
    total = rows["Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    p95 = float(total["95%"])
    slowest = max(
        (r for name, r in rows.items() if name != "Aggregated"), key=lambda r: float(r["95%"])
    )
    record(
        f"load test: {args.users} users for {args.minutes} min (gunicorn, production settings)",
        "PostgreSQL 15",
        f"{requests:,} requests, {failures} errors, median {total['50%']} ms, p95 {p95:.0f} ms, "
        f"{float(total['Requests/s']):.1f} req/s; slowest p95: {slowest['Name']} "
        f"{float(slowest['95%']):.0f} ms",
        "national dataset; home, search, vendor pages, public API, contract list, "
        "benchmarks, contracts API",
        "0 errors, p95 < 500 ms",
        failures == 0 and p95 < 500,
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
