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


def daily(env, stop):
    """Run the daily tasks now and then every 24 hours (cron does this in production)."""
    while not stop.is_set():
        subprocess.run([sys.executable, "manage.py", "send_renewal_reminders"], cwd=ROOT, env=env)
        stop.wait(DAY_SECONDS)


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
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=env)
        stop = threading.Event()
        threading.Thread(target=daily, args=(env, stop), daemon=True).start()
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
