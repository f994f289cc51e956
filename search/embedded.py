"""Start the embedded search engine (osmem-server) for local runs and tests.

No Django import here: the project's scripts use this before Django starts. The engine
keeps everything in memory and exits with the process that started it. osmem-server is
in the extra `embedded-search` (requirements/dev.lock), not in production's base lock:
it is imported only when an engine is started here."""

import contextlib
import os
import sys


@contextlib.contextmanager
def search_engine_environment():
    """Yield an environment for child processes that points at a search engine: the
    one in ELASTICSEARCH_URL when set, else a fresh osmem-server on a free port."""
    env = dict(os.environ)
    if env.get("ELASTICSEARCH_URL"):
        env.setdefault("SEARCH_ENGINE", "elasticsearch")
        yield env
        return
    try:
        from osmem_server import OsmemServer
    except ImportError as error:
        raise RuntimeError(
            "osmem-server is not installed (the extra `embedded-search`, in "
            "requirements/dev.lock): run `make install`, or set ELASTICSEARCH_URL"
        ) from error

    server = OsmemServer.start(japanese=False)
    sys.stderr.write(f"Search engine: osmem-server {server.version} at {server.url}\n")
    env["ELASTICSEARCH_URL"] = server.url
    env["SEARCH_ENGINE"] = "osmem"
    try:
        yield env
    finally:
        server.process.terminate()
        with contextlib.suppress(Exception):
            server.process.wait(timeout=5)
