"""The house rules, read from the source: no import cycles (function-level imports count), the
framework (bot/) never imports a feature (handlers/), storage imports neither, no module over 400
lines. `make lint` runs this file; it is also part of the suite.

`python -m tests.test_architecture [ROOT]` prints the graph's cycles for any checkout.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage")
MAX_LINES = 400


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the three floors by dotted name (a package by its own name)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported_names(path: Path, name: str) -> set[str]:
    """Every module name an import statement anywhere in the file mentions (top level, functions,
    TYPE_CHECKING blocks alike), with relative imports resolved; `from a import b` names a.b too."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    """module → the project modules it imports (a name that is not a module: its nearest module)."""
    mods = modules(root)
    edges: dict[str, set[str]] = {}
    for name, path in mods.items():
        targets = set()
        for imported in imported_names(path, name):
            while imported and imported not in mods:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        edges[name] = targets
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found)


def floor(module: str) -> str:
    return module.partition(".")[0]


def test_no_import_cycles():
    found = cycles(graph())
    assert found == [], "import cycles (function-level imports included):\n" + "\n".join(
        " ↔ ".join(c) for c in found)


def test_framework_never_imports_a_feature():
    wrong = sorted(f"{m} → {t}" for m, ts in graph().items() for t in ts
                   if floor(m) == "bot" and floor(t) == "handlers")
    assert wrong == [], "bot/ imports handlers/ (features register themselves instead):\n" + "\n".join(wrong)


def test_storage_imports_neither_framework_nor_features():
    wrong = sorted(f"{m} → {t}" for m, ts in graph().items() for t in ts
                   if floor(m) == "storage" and floor(t) in ("bot", "handlers"))
    assert wrong == [], "storage/ imports an upper floor:\n" + "\n".join(wrong)


def test_no_module_over_400_lines():
    long = sorted(f"{path.relative_to(ROOT)}: {n} lines" for path in modules().values()
                  if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES)
    assert long == [], f"modules over {MAX_LINES} lines (split them by concern):\n" + "\n".join(long)


def test_the_graph_sees_function_level_imports(tmp_path):
    """The checker itself: a cycle closed only inside a function is still a cycle."""
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "bot" / "a.py").write_text("from bot import b\n")
    (tmp_path / "bot" / "b.py").write_text("def f():\n    from bot.a import x\n")
    (tmp_path / "handlers" / "c.py").write_text("from . import d\n")
    (tmp_path / "handlers" / "d.py").write_text("def g():\n    import handlers.c\n")
    assert cycles(graph(tmp_path)) == [["bot.a", "bot.b"], ["handlers.c", "handlers.d"]]


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    found = cycles(graph(root))
    print(f"{len(found)} cycle(s) (strongly connected components), "
          f"{sum(len(c) for c in found)} modules in them")
    for component in found:
        print("  " + " ↔ ".join(component))
