"""The import contract of the package (issue 23, item 3): no import cycles, and no module imports a
module of a later layer.

The graph is read from the source with `ast` (no module is imported): every `import pipeline...` and
`from pipeline... import ...`, at module level, in function bodies and under `if TYPE_CHECKING:` alike,
since a deferred import is still a dependency. Relative imports are resolved against the module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "pipeline"

# The layers, lowest first: a module may import its own layer and the layers before it, never a
# later one. The first matching prefix (longest first) gives a module's layer. One line per entry, why.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # data model, settings, errors, release discovery: what every stage shares, depends on nothing
    ("core", ("pipeline", "pipeline.core")),
    # reading documents into logical tables (PDF, text dump, Word, Excel)
    ("extract", ("pipeline.extract",)),
    # recognising a table's family and mapping its columns and rows
    ("families", ("pipeline.families",)),
    # typed values out of cells; schema is the curated tables' columns the normalisers fill
    ("normalise", ("pipeline.normalise", "pipeline.schema")),
    # Great Expectations suites and checks over the normalised frames
    ("validate", ("pipeline.validate",)),
    # writing curated output and what reads it back: manifest, guard, staging, withdraw, diff,
    # the data dictionary (schema + diff columns) and the report built from published releases
    ("publish", (
        "pipeline.publish", "pipeline.manifest", "pipeline.guard", "pipeline.staging",
        "pipeline.withdraw", "pipeline.diff", "pipeline.dictionary", "pipeline.report",
    )),
    # one release's steps and the plan of a run: flow, plan, the lock on curated/, the DVC stages
    ("flow", ("pipeline.flow", "pipeline.plan", "pipeline.lock", "pipeline.stages")),
    # running the plan's entries: local (serial, pool) and Dask, and the runner that picks one
    ("executors", ("pipeline.executors", "pipeline.runner")),
    # the `annex` command
    ("cli", ("pipeline.cli", "pipeline.__main__")),
    # test helpers shipped in the package for now (issue 23 item 5 moves them out): may use anything
    ("testing", ("pipeline.testing",)),
)

# Violations left for the lead to fix after the merges (issue 23); other helpers are changing these
# files now. Each must still be real (test_known_violations_are_still_real), so a fixed one leaves.
KNOWN_VIOLATIONS: set[tuple[str, str]] = set()
# Private names (a leading underscore) imported from a module of another package: the helper is
# not that module's interface. Within one package (e.g. normalise/dates/) siblings may share them.
KNOWN_PRIVATE_IMPORTS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that the file imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from pipeline.x import y`: y is a module when pipeline/x/y.py exists, else a name
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `import a.b.c` of a name inside a.b
                target = target.rpartition(".")[0]
            if target.startswith("pipeline") and target != name:
                found.add(target)
    return found


def private_imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of other packages the file takes a private name from."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if (isinstance(node, ast.ImportFrom) and not node.level and node.module in modules
                and node.module.rpartition(".")[0] != package
                and any(alias.name.startswith("_") and not alias.name.endswith("__") for alias in node.names)):
            found.add(node.module)
    return found


def private_import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE_DIR.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): private_imports(path, modules) for path in paths}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE_DIR.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imported_modules(path, modules) for path in paths}


def layer_of(module: str) -> int:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), index)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return best[1]


def layer_violations(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(module, target) for module, targets in graph.items() for target in targets
            if layer_of(target) > layer_of(module)}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each as a cycle's members."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def known_edges_removed(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    return {module: targets - {t for m, t in KNOWN_VIOLATIONS if m == module}
            for module, targets in graph.items()}


def test_every_module_has_a_layer():
    unplaced = []
    for module in import_graph():
        try:
            layer_of(module)
        except AssertionError:
            unplaced.append(module)
    assert unplaced == []


def test_no_import_goes_against_the_layer_order():
    graph = import_graph()
    wrong = sorted(layer_violations(graph) - KNOWN_VIOLATIONS)
    names = [name for name, _ in LAYERS]
    assert wrong == [], "imports against the layer order " + " <- ".join(names) + ":\n" + "\n".join(
        f"  {module} ({names[layer_of(module)]}) imports {target} ({names[layer_of(target)]})"
        for module, target in wrong)


def test_no_import_cycle():
    found = cycles(known_edges_removed(import_graph()))
    assert found == [], "import cycles:\n" + "\n".join("  " + " <-> ".join(cycle) for cycle in found)


def test_no_private_name_is_imported_from_another_package():
    graph = private_import_graph()
    found = sorted((module, target) for module, targets in graph.items() for target in targets)
    assert sorted(set(found) - KNOWN_PRIVATE_IMPORTS) == []


def test_known_violations_are_still_real():
    """A known violation that is fixed must leave the list, so the list stays a to-do."""
    graph = import_graph()
    in_a_cycle = {member for cycle in cycles(graph) for member in cycle}
    gone = sorted((module, target) for module, target in KNOWN_VIOLATIONS
                  if target not in graph.get(module, set())
                  or (layer_of(target) <= layer_of(module) and not {module, target} <= in_a_cycle))
    assert gone == [], f"fixed, remove from KNOWN_VIOLATIONS: {gone}"
    private = private_import_graph()
    gone = sorted((module, target) for module, target in KNOWN_PRIVATE_IMPORTS
                  if target not in private.get(module, set()))
    assert gone == [], f"fixed, remove from KNOWN_PRIVATE_IMPORTS: {gone}"


# The checker itself, on graphs typed here.
def test_a_cycle_is_found_and_named():
    graph = {"pipeline.core.a": {"pipeline.core.b"}, "pipeline.core.b": {"pipeline.core.c"},
             "pipeline.core.c": {"pipeline.core.a"}, "pipeline.core.d": {"pipeline.core.a"}}
    assert cycles(graph) == [["pipeline.core.a", "pipeline.core.b", "pipeline.core.c"]]


def test_an_import_of_a_later_layer_is_a_violation():
    graph = {"pipeline.core.model": {"pipeline.cli.run"}, "pipeline.cli.run": {"pipeline.core.model"}}
    assert layer_violations(graph) == {("pipeline.core.model", "pipeline.cli.run")}


@pytest.mark.parametrize("module, layer", [
    ("pipeline", "core"), ("pipeline.core.errors", "core"), ("pipeline.schema", "normalise"),
    ("pipeline.report.data", "publish"), ("pipeline.runner", "executors"), ("pipeline.__main__", "cli"),
])
def test_layer_of_uses_the_longest_prefix(module, layer):
    assert LAYERS[layer_of(module)][0] == layer
