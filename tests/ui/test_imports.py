"""The shape of the code, read from its imports: no cycles in app/ui, layers that stay apart, a Qt-free core.

Every import counts, also those under ``if TYPE_CHECKING:`` (a cycle there is still a cycle of
dependencies, as the old action modules that imported the main window showed).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
QT_FREE = ("app.api", "app.accounts", "app.cli", "app.localserver", "app.transfers")
FORBIDDEN = {
    # Qt models adapt the core; they know nothing of the window's parts or of what the user does.
    "app.ui.models": ("app.ui.widgets", "app.ui.dialogs", "app.ui.actions", "app.ui.navigation"),
    # Operations do the work and announce it; they never touch a view.
    "app.ui.operations": ("app.ui.models", "app.ui.widgets", "app.ui.dialogs", "app.ui.actions"),
    "app.ui.widgets": ("app.ui.actions",),
    "app.ui.dialogs": ("app.ui.widgets", "app.ui.actions"),
    # Actions ask the user and run operations; they reach the window's parts through their context.
    "app.ui.actions": ("app.ui.widgets", "app.ui.navigation"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: str) -> dict[str, Path]:
    """Every module of a package, by dotted name."""
    folder = ROOT.joinpath(*package.split("."))
    return {module_name(path): path for path in sorted(folder.rglob("*.py"))}


def imported(path: Path, known: set[str]) -> Iterator[str]:
    """The modules a file imports; ``from package import module`` names the module when it is one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    yield f"{base}.{alias.name}"


def graph(package: str) -> dict[str, set[str]]:
    """Imports between the modules of a package."""
    found = modules(package)
    known = set(found)
    return {
        name: {target for target in imported(path, known) if target in known} for name, path in found.items()
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or not (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for target in sorted(edges.get(name, ())):
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in on_stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == name:
                    break
            if len(group) > 1 or name in edges.get(name, ()):
                found.append(sorted(group))

    for name in sorted(edges):
        if name not in index:
            visit(name)
    return found


def under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_no_import_cycles_in_app_ui() -> None:
    assert cycles(graph("app.ui")) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_only_the_application_imports_the_main_window() -> None:
    importers = sorted(name for name, targets in graph("app.ui").items() if "app.ui.main_window" in targets)
    assert importers == ["app.ui.application"]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_of_app_ui_stay_apart(layer: str) -> None:
    crossings = [
        f"{name} imports {target}"
        for name, targets in graph("app.ui").items()
        if under(name, layer)
        for target in sorted(targets)
        if any(under(target, forbidden) for forbidden in (*FORBIDDEN[layer], "app.ui.main_window"))
    ]
    assert crossings == []


@pytest.mark.parametrize("package", QT_FREE)
def test_the_core_imports_no_qt(package: str) -> None:
    found = modules(package)
    with_qt = [
        f"{name} imports {target}"
        for name, path in found.items()
        for target in imported(path, set(found))
        if under(target, "PySide6") or under(target, "app.ui")
    ]
    assert found
    assert with_qt == []
