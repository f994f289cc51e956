"""An import-linter contract type (pyproject.toml, [tool.importlinter]): no module
imports another top-level package's private name (``from vendors.api import _x``) or
private module. Import-linter's own contracts look at modules only, not at the names
imported from them, so this one reads the import statements."""

import ast
import importlib.util
import pathlib

from importlinter import Contract, ContractCheck, fields, output


def _private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


class PrivateNamesContract(Contract):
    """Configuration: ``exclude`` (module name patterns whose imports are not checked,
    e.g. tests: a component equal to one of these names excludes the module)."""

    type_name = "private_names"

    exclude = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose):
        excluded = set(self.exclude or [])
        roots = {module.split(".")[0] for module in graph.modules}
        broken = []
        for module in sorted(graph.modules):
            if excluded & set(module.split(".")):
                continue
            path = _source(module)
            if path is None:
                continue
            tree = ast.parse(path.read_text())
            for line, imported, names in _statements(tree):
                top = imported.split(".")[0]
                if top not in roots or top == module.split(".")[0]:
                    continue
                private = [n for n in names if _private(n)]
                private += [p for p in imported.split(".") if _private(p)]
                if private:
                    broken.append((module, line, imported, private))
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check):
        for module, line, imported, names in check.metadata["broken"]:
            output.print_error(
                f"{module}:{line} imports {', '.join(names)} from {imported}, private to it."
            )
            output.new_line()


def _source(module):
    """The module's file, found without importing it (importing a package of a Django
    project would need its settings)."""
    top, *rest = module.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        return None
    base = pathlib.Path(list(spec.submodule_search_locations)[0]).joinpath(*rest)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _statements(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
