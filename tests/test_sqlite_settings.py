"""SQLite, as `make run` uses it, lets the server answer while start-up work writes:
write-ahead log (readers do not wait for a writer), BEGIN IMMEDIATE and a busy timeout
(writers wait their turn instead of failing with "database is locked")."""

import sqlite3
import threading

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the settings under test apply to SQLite only",
)


@pytest.fixture(autouse=True)
def _own_files_only(django_db_blocker):
    """These tests open their own database files, never the test database."""
    with django_db_blocker.unblock():
        yield


def connection_to(path):
    """A connection made from the portal's database settings, to a file of our own."""
    return DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(path)}, alias="probe")


def test_a_file_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    connection = connection_to(tmp_path / "portal.sqlite3")
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20_000  # milliseconds
        assert connection.transaction_mode == "IMMEDIATE"
    finally:
        connection.close()


def test_a_writer_waits_for_another_writer_instead_of_failing(tmp_path):
    path = tmp_path / "portal.sqlite3"
    setup = connection_to(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE t (n integer)")
    setup.close()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # start-up work holding the write lock
    holder.execute("INSERT INTO t VALUES (1)")
    # Longer than Python's default busy timeout (5 s), well within the portal's (20 s).
    commit = threading.Timer(6.0, lambda: holder.execute("COMMIT"))
    commit.start()
    writer = connection_to(path)
    try:
        with writer.cursor() as cursor:  # would fail at once without the busy timeout
            cursor.execute("INSERT INTO t VALUES (2)")
            cursor.execute("SELECT count(*) FROM t")
            assert cursor.fetchone()[0] == 2
    finally:
        writer.close()
        commit.join()
        holder.close()
