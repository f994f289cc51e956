"""Failure behaviour at start-up: an unreachable database gives a clear message and a
non-zero exit, not a traceback."""

import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_unreachable_database_at_start_is_a_clear_error():
    env = dict(
        os.environ,
        DATABASE_URL="postgres://postgres@127.0.0.1:1/zorgict",  # nothing listens there
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Cannot use the database (postgresql at 127.0.0.1)" in done.stderr
    assert "Check DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr
