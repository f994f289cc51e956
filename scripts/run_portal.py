"""`make run`: prepare the database and serve the portal with the embedded search
engine, a background-task worker and the daily tasks."""

import argparse
import os
import pathlib
import subprocess
import sys
import threading

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.embedded import search_engine_environment  # noqa: E402

DAY_SECONDS = 24 * 60 * 60


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def every(seconds, command, env, stop):
    """Run a management command now and then every `seconds` (cron does this in
    production)."""
    while not stop.is_set():
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        stop.wait(seconds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", default="8000")
    parser.add_argument(
        "--scale", default=os.environ.get("DEMO_SCALE", "small"), choices=["small", "national"]
    )
    args = parser.parse_args()
    with search_engine_environment() as env:
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "seed_demo", "--scale", args.scale)
        # Figures from confidential data appear with a release (monthly; daily check).
        manage(env, "publish_release", "--if-due")
        # The embedded engine keeps nothing: build the index from the database.
        manage(env, "rebuild_search_index")
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=env)
        stop = threading.Event()
        scheduled = (
            (DAY_SECONDS, ["send_renewal_reminders"]),
            (DAY_SECONDS, ["publish_release", "--if-due"]),
            (DAY_SECONDS, ["refresh_market_monitor"]),
            (DAY_SECONDS, ["purge_access_log"]),
            (DAY_SECONDS, ["recompute_scores"]),
            (60, ["search_sync"]),
        )
        for seconds, command in scheduled:
            threading.Thread(target=every, args=(seconds, command, env, stop), daemon=True).start()
        print(f"\nZorg-ICT Marktportaal: http://127.0.0.1:{args.port}/  (CMS: /cms/)\n", flush=True)
        try:
            manage(env, "runserver", f"127.0.0.1:{args.port}")
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            worker.terminate()
            worker.wait(timeout=10)


if __name__ == "__main__":
    main()
