"""The package's shape: no import cycles, no module named like a standard-library module, no private
name imported across modules, and stages that import only the stages before them."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "citecheck"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(name: str) -> set[str]:
    """Every citecheck module `name` imports, at module level, inside functions or for type checking."""
    path = MODULES[name]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(name, node, name, path.name == "__init__.py")
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def _cycle_from(start: str) -> list[str] | None:
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in GRAPH[node]:
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_the_graph_is_read():
    assert "citecheck.pipeline" in GRAPH and "citecheck.model" in GRAPH["citecheck.pipeline"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_cycle(name):
    # a package's __init__ importing its own submodule is how packages re-export; only real loops count
    cycle = _cycle_from(name)
    assert cycle is None, " -> ".join(cycle or [])


def test_cycle_detector_finds_a_planted_loop(monkeypatch):
    monkeypatch.setitem(GRAPH, "citecheck.model", {*GRAPH["citecheck.model"], "citecheck.pipeline"})
    assert _cycle_from("citecheck.model") is not None


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_shadows_the_standard_library(name):
    leaf = name.rsplit(".", 1)[-1]
    assert leaf not in sys.stdlib_module_names, f"{name} is named like the standard library's {leaf}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_crosses_modules(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    private = [
        f"{node.module}.{a.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("citecheck"))
        for a in node.names
        if a.name.startswith("_") and not a.name.startswith("__")
    ]
    assert not private, f"{name} imports private names: {private}"


# Stages in pipeline order (credibility is an input of corroboration); a stage may import itself and
# anything earlier, never anything later.
# `engines` runs the whole pipeline elsewhere (a Dask cluster): it calls every stage, and only the command
# line calls it.
ORDER = [
    "read",
    "extract",
    "classify",
    "credibility",
    "corroborate",
    "fetch",
    "verify",
    "rules",
    "render",
    "engines",
    "cli",
]


# The language server is the command line's editor front end: the same stage (each may import the other).
SAME_STAGE = {"lsp": "cli"}


def _stage(name: str) -> str | None:
    parts = name.split(".")
    stage = SAME_STAGE.get(parts[1], parts[1]) if len(parts) > 1 else None
    return stage if stage in ORDER else None


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _stage(n)))
def test_stages_import_only_earlier_stages(name):
    mine = ORDER.index(_stage(name))
    later = sorted(t for t in GRAPH[name] if _stage(t) and ORDER.index(_stage(t)) > mine)
    assert not later, f"{name} reaches forward into {later}"


def test_engines_is_a_stage_before_the_command_line():
    assert _stage("citecheck.engines.on_dask") == "engines"
    assert "citecheck.engines.on_dask" in GRAPH["citecheck.cli.commands"]


def test_only_the_dask_engine_imports_dask():
    """`import citecheck`, the command line and the pipeline never pay for dask: only on_dask imports it."""
    importers = sorted(
        {
            name
            for name, path in MODULES.items()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if (
                isinstance(node, ast.Import)
                and any(a.name.split(".")[0] in ("dask", "distributed") for a in node.names)
            )
            or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("dask", "distributed"))
        }
    )
    assert importers == ["citecheck.engines.on_dask"]


def test_every_type_ignore_says_why():
    """Issue 10: `type: ignore` only where a third-party stub is wrong, each with its reason after it."""
    bare = [
        f"{path.relative_to(PACKAGE.parent)}:{number}"
        for path in MODULES.values()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "type: ignore" in line and not re.search(r"type: ignore(?:\[[\w, -]+\])?\s+#\s*\S", line)
    ]
    assert bare == []
