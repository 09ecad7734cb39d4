"""The project's import graph: no cycle, and every layer imports only what it may
(docs/architecture.md). Function-level imports count: a lazy import must not hide a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import PROJECT

PACKAGES = ("claims", "db", "flows", "cli", "web")
# What each package may not import, the layers above it and the libraries it must not know.
FORBIDDEN = {
    "claims": ("db", "flows", "cli", "web", "sqlalchemy", "alembic", "prefect", "httpx"),
    "db": ("flows", "cli", "web", "prefect", "httpx"),
    "flows": ("cli", "web"),
    "web": ("cli",),  # a layer beside cli/: both call db/ and flows/, not each other
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((PROJECT / package).rglob("*.py"))
    }


def imported(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module this file imports, at module level or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name in modules or name.split(".")[0] not in PACKAGES}


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imported(path, modules) for name, path in modules.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path of module names, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in edges:
                continue
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_the_project_has_no_import_cycle() -> None:
    edges = graph()
    assert len(edges) > 40  # the walk found the project
    assert find_cycle(edges) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_it_may(package: str) -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph().items()
        if module.split(".")[0] == package
        for target in targets
        if target.split(".")[0] in FORBIDDEN[package]
    )
    assert wrong == []


def imports_of_web(path: Path) -> list[str]:
    """Where a file imports ``web``: the function around each such import, or <module>."""
    found: list[str] = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                names = [child.module]
            if any(name.split(".")[0] == "web" for name in names):
                found.append(where)
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


def test_nothing_imports_web_but_the_web_command() -> None:
    importers = {
        f"{module}:{where}"
        for module, path in project_modules().items()
        if module.split(".")[0] != "web"
        for where in imports_of_web(path)
    }
    assert importers == {"cli.users:web"}  # inside the command: `--help` never loads web
