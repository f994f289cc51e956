"""`make run`: prepare the database and serve the portal with the embedded engine."""

import argparse
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.embedded import search_engine_environment  # noqa: E402


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


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
        print(f"\nZorg-ICT Marktportaal: http://127.0.0.1:{args.port}/  (CMS: /cms/)\n", flush=True)
        try:
            manage(env, "runserver", f"127.0.0.1:{args.port}")
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
