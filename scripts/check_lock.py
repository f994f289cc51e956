"""Check the lock files in requirements/ (written by `make lock`).

    python scripts/check_lock.py
        every requirement in pyproject.toml is pinned, at a version it admits, in the lock
        files that install it (base.lock: the dependencies; dev.lock: those and the extras
        dev and embedded-search; load.lock: all of them), so a change to pyproject.toml
        without `make lock` is caught.
    python scripts/check_lock.py --installed requirements/pip.lock requirements/dev.lock
        also: this interpreter has exactly the packages of these lock files (those whose
        markers apply) at their versions, and nothing else; with --prune it uninstalls
        what is not in them (what an older lock installed) before checking.

Exits with status 1 and lists every difference."""

import argparse
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
# Which extras of pyproject.toml each lock file holds besides the dependencies.
LOCK_EXTRAS = {
    "base.lock": [],
    "dev.lock": ["dev", "embedded-search"],
    "load.lock": ["dev", "embedded-search", "load"],
}


def read_lock(path):
    """The pins of a lock file: a list of Requirements (name==version, maybe a marker)."""
    pins = []
    lines = Path(path).read_text().replace("\\\n", " ").splitlines()
    for line in lines:
        line = line.split(" --hash=")[0].strip()
        if line and not line.startswith("#"):
            pins.append(Requirement(line))
    return pins


def pinned_version(requirement):
    (specifier,) = requirement.specifier
    return specifier.version


def check_against_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    problems = []
    for lock, extras in LOCK_EXTRAS.items():
        versions = {}
        for pin in read_lock(REQUIREMENTS / lock):
            versions.setdefault(canonicalize_name(pin.name), []).append(pinned_version(pin))
        wanted = list(project["dependencies"])
        for extra in extras:
            wanted += project["optional-dependencies"][extra]
        for line in wanted:
            requirement = Requirement(line)
            found = versions.get(canonicalize_name(requirement.name), [])
            if not any(requirement.specifier.contains(v, prereleases=True) for v in found):
                problems.append(
                    f"{lock}: {line} (pyproject.toml) but the lock has "
                    f"{', '.join(found) or 'nothing'}: run `make lock`"
                )
    return problems


def installed():
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }


def check_installed(locks, prune):
    expected = {}
    for lock in locks:
        for pin in read_lock(lock):
            if pin.marker is None or pin.marker.evaluate():
                expected[canonicalize_name(pin.name)] = pinned_version(pin)
    if prune:
        extra = sorted(set(installed()) - set(expected))
        if extra:
            print(f"Uninstalling what the lock files no longer hold: {' '.join(extra)}")
            pip = [sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes"]
            subprocess.run([*pip, *extra], check=True)
    have = installed()
    problems = []
    for name, version in sorted(expected.items()):
        if name not in have:
            problems.append(f"{name}=={version} is in the lock files but not installed")
        elif have[name] != version:
            problems.append(f"{name} {have[name]} is installed, the lock files say {version}")
    for name in sorted(set(have) - set(expected)):
        problems.append(f"{name} {have[name]} is installed but in no lock file")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installed", nargs="+", metavar="LOCK", default=[])
    parser.add_argument("--prune", action="store_true")
    args = parser.parse_args()
    problems = check_against_pyproject()
    if args.installed:
        problems += check_installed(args.installed, args.prune)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
