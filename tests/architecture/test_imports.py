"""The layout's one rule, checked: imports run app → handlers → bot, never back.

Each check runs in a fresh interpreter (`python -c`), so modules imported by other tests
cannot hide a violation.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _modules(package: str) -> list[str]:
    names = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("")
        if "migrations" in relative.parts or relative.name == "__main__":
            continue
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_core_imports_neither_telegram_nor_the_edge_nor_the_wiring_at_run_time() -> None:
    """Importing every core module loads no `telegram`, `handlers` or `app` module."""
    modules = _modules("bot")
    assert len(modules) > 20
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('telegram', 'handlers', 'app'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"the core pulled in: {result.stdout.strip()}"


@pytest.mark.parametrize("package", ["bot", "handlers", "benchmarks"])
def test_no_module_names_a_layer_above_it(package: str) -> None:
    """Statically too (an import inside a function counts): bot ↛ handlers/app, handlers ↛ app,
    and the benchmarks never import the tests."""
    layers = {"bot": ("telegram", "handlers", "app"), "handlers": ("app",), "benchmarks": ("tests",)}
    forbidden = layers[package]
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for name in _imported(path):
            if name.split(".")[0] in forbidden:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_there_are_no_import_cycles_between_modules() -> None:
    """Module-level imports inside bot/, handlers/ and app/ form no cycle."""
    graph: dict[str, set[str]] = {}
    known = set(_modules("bot") + _modules("handlers") + _modules("app"))
    for name in known:
        parts = name.split(".")
        path = ROOT.joinpath(*parts)
        file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        tree = ast.parse(file.read_text(encoding="utf-8"))
        edges: set[str] = set()
        for statement in tree.body:  # module level only: a deferred import is how a cycle is broken
            if isinstance(statement, ast.ImportFrom) and statement.module and statement.level == 0:
                targets = [statement.module] + [f"{statement.module}.{a.name}" for a in statement.names]
            elif isinstance(statement, ast.Import):
                targets = [a.name for a in statement.names]
            else:
                continue
            edges.update(t for t in targets if t in known and t != name)
        graph[name] = edges
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        seen[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if seen.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join(stack[stack.index(nxt) :] + [nxt]))
            if nxt not in seen:
                visit(nxt)
        stack.pop()
        seen[node] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name)
    assert seen


def test_the_python_m_bot_launcher_still_starts_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "usage: python -m bot" in result.stdout
