"""`make run`: prepare the database and serve the portal with the embedded search
engine, a background-task worker and the daily tasks.

It prints little: one line per step, the address once the server answers, then the demo
log-ins. The steps' own output is shown only when one fails; the server, the worker and
the scheduled commands log warnings and errors only (settings.LOGGING)."""

import argparse
import os
import pathlib
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.embedded import search_engine_environment  # noqa: E402

DAY_SECONDS = 24 * 60 * 60
SERVER_START_SECONDS = 120
DEMO_LOGINS_HEADING = "Demo log-ins"  # where seed_demo's list of log-ins starts


def manage(env, *args):
    """Run a management command with its output held back: shown only when it fails,
    and then `make run` stops. Returns what it printed."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed (exit status {result.returncode}).")
    return result.stdout


def every(seconds, command, env, stop):
    """Run a management command now and then every `seconds` (cron does this in
    production). Its warnings and errors reach the console (stderr)."""
    while not stop.is_set():
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        stop.wait(seconds)


def wait_until_answering(url, server):
    """Poll `url` until the server answers (any HTTP status: /healthz says 503 while
    the search engine catches up) or has stopped; True when it answers."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.5)
    return False


def demo_logins(seed_output):
    """seed_demo's list of demo log-ins and authenticator keys ("" without demo users)."""
    start = seed_output.find(DEMO_LOGINS_HEADING)
    return seed_output[start:].strip() if start >= 0 else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", default="8000")
    parser.add_argument(
        "--scale", default=os.environ.get("DEMO_SCALE", "small"), choices=["small", "national"]
    )
    args = parser.parse_args()
    address = f"http://127.0.0.1:{args.port}/"
    with search_engine_environment() as env:
        # The portal's own error pages, as a user meets them (PORTAL_DEBUG=1: Django's).
        env.setdefault("PORTAL_DEBUG", "0")
        print("Preparing the database, the demo market and the search index ...", flush=True)
        manage(env, "migrate", "--no-input")
        seed_output = manage(env, "seed_demo", "--scale", args.scale)
        # Figures from confidential data appear with a release (monthly; daily check).
        manage(env, "publish_release", "--if-due")
        # The embedded engine keeps nothing: build the index from the database.
        manage(env, "rebuild_search_index")
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"], cwd=ROOT, env=env)
        stop = threading.Event()
        scheduled = (
            (DAY_SECONDS, ["send_renewal_reminders"]),
            (DAY_SECONDS, ["send_ai_review_reminders"]),
            (DAY_SECONDS, ["publish_release", "--if-due"]),
            (DAY_SECONDS, ["refresh_market_monitor"]),
            (DAY_SECONDS, ["purge_access_log"]),
            (DAY_SECONDS, ["recompute_scores"]),
            (60, ["search_sync"]),
        )
        for seconds, command in scheduled:
            threading.Thread(target=every, args=(seconds, command, env, stop), daemon=True).start()
        # runserver's banner goes nowhere; its errors and the request warnings go to stderr.
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--insecure", f"127.0.0.1:{args.port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        try:
            if not wait_until_answering(address + "healthz", server):
                return f"The server did not answer at {address}."
            print(f"\nZorg-ICT Marktportaal: {address}  (CMS: {address}cms/)\n", flush=True)
            print(demo_logins(seed_output) + "\n", flush=True)
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            for process in (server, worker):
                process.terminate()
            for process in (server, worker):
                process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
