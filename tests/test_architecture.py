"""The house keeps its shape: which layer may import what, and no import cycles.

Reads every module of `amp` as text (ast), including imports inside functions, so a
cycle or a forbidden import hidden by a lazy import fails here too.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"
# core may use these: constraint markers inside type annotations, no behaviour of their own
CORE_MAY_USE = {"annotated_types"}
PACKAGE = SRC / "amp"


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. "amp.core.money"
    target: str  # the imported module, e.g. "decimal" or "amp.core.periods"
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = _modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _imports(module: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            for alias in node.names:
                # `from amp.core import money` imports the module amp.core.money
                sub = f"{target}.{alias.name}"
                yield Import(module, sub if sub in MODULES else target, node.lineno)


ALL_IMPORTS = [imp for module, path in MODULES.items() for imp in _imports(module, path)]


def _top(name: str) -> str:
    return name.split(".")[0]


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _violations(allowed_in: str, forbidden: set[str]) -> list[str]:
    return [
        f"{imp.module}:{imp.line} importiert {imp.target}"
        for imp in ALL_IMPORTS
        if _top(imp.target) in forbidden and not _inside(imp.module, allowed_in)
    ]


def test_core_imports_only_the_standard_library_and_itself() -> None:
    bad = [
        f"{imp.module}:{imp.line} importiert {imp.target}"
        for imp in ALL_IMPORTS
        if _inside(imp.module, "amp.core")
        and not _inside(imp.target, "amp.core")
        and _top(imp.target) not in sys.stdlib_module_names
        and _top(imp.target) not in CORE_MAY_USE
    ]
    assert bad == []


def test_typer_and_rich_only_in_the_cli() -> None:
    assert _violations("amp.cli", {"typer", "rich", "click"}) == []


def test_django_only_in_the_web_app() -> None:
    assert _violations("amp.web", {"django", "ninja", "axes", "csp", "whitenoise"}) == []


@pytest.mark.parametrize("layer", ["amp.core", "amp.rules", "amp.kpi", "amp.io", "amp.reports"])
def test_inner_layers_know_neither_web_nor_cli(layer: str) -> None:
    bad = [
        f"{imp.module}:{imp.line} importiert {imp.target}"
        for imp in ALL_IMPORTS
        if _inside(imp.module, layer)
        and (_inside(imp.target, "amp.web") or _inside(imp.target, "amp.cli"))
    ]
    assert bad == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for imp in ALL_IMPORTS:
        if imp.target in MODULES and imp.target != imp.module:
            graph[imp.module].add(imp.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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
    return found


def test_no_import_cycles_not_even_inside_functions() -> None:
    assert _cycles() == []


def test_the_reader_sees_imports_inside_functions(tmp_path: Path) -> None:
    """The checks above would be blind if imports inside functions were missed."""
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    from amp.web import settings\n    import typer\n")
    found = {imp.target for imp in _imports("amp.core.lazy", module)}
    assert found == {"amp.web.settings", "typer"}
