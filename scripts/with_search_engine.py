"""Run a command with a search engine available: `with_search_engine.py -- CMD ...`."""

import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from search.embedded import search_engine_environment  # noqa: E402


def main(argv):
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit("usage: with_search_engine.py -- COMMAND [ARGS...]")
    with search_engine_environment() as env:
        return subprocess.call(argv, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
