"""The import rules CI checks with import-linter (pyproject.toml): the private-name
contract is the portal's own, so it is tested here on a small package of its own."""

import pathlib
import subprocess
import sys
import textwrap

from django.conf import settings

# Beside the interpreter running the tests: the virtualenv's console script.
LINT_IMPORTS = str(pathlib.Path(sys.executable).parent / "lint-imports")


def _package(root, name, files):
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, source in files.items():
        (package / f"{module}.py").write_text(textwrap.dedent(source))


def _lint(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [tool.importlinter]
            root_packages = ["low", "high"]
            contract_types = ["private_names: private_names_contract.PrivateNamesContract"]

            [[tool.importlinter.contracts]]
            name = "private names"
            type = "private_names"
            exclude = ["tests"]
            """
        )
    )
    contract = settings.BASE_DIR / "scripts" / "private_names_contract.py"
    (tmp_path / "private_names_contract.py").write_text(contract.read_text())
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )


def test_a_private_name_imported_from_another_package_breaks_the_contract(tmp_path):
    _package(tmp_path, "low", {"api": "def _helper():\n    pass\n\ndef helper():\n    pass\n"})
    _package(tmp_path, "high", {"views": "from low.api import _helper\n"})
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "high.views:1 imports _helper from low.api" in result.stdout


def test_public_names_and_own_private_names_keep_it(tmp_path):
    _package(
        tmp_path,
        "low",
        {
            "api": "def _helper():\n    pass\n\ndef helper():\n    pass\n",
            "use": "from low.api import _helper\n",
        },
    )
    _package(tmp_path, "high", {"views": "from low.api import helper\n"})
    (tmp_path / "high" / "tests").mkdir()
    (tmp_path / "high" / "tests" / "__init__.py").write_text("from low.api import _helper\n")
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout
