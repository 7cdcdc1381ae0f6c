"""The shape of the code: data flows one way through generator/, only the
builder glue imports the builder, and README's module map lists the modules
that exist, in the order data flows through them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

GENERATOR = ROOT / "generator"
GLUE = "generator.mkdocs_plugin"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _module_names() -> set[str]:
    return set(_modules())


def _imports(path: Path) -> set[str]:
    """generator.* modules a file imports, at any level (TYPE_CHECKING included:
    a guarded import is still a dependency). ``from package import module``
    depends on the module."""
    modules = _module_names()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            submodules = {f"{node.module}.{a.name}" for a in node.names} & modules
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {m for m in _imports(path) if m in modules and m != name and m != "generator"}
            for name, path in modules.items()}


def test_the_generator_has_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles


def test_only_the_glue_imports_the_builder():
    offenders = []
    for name, path in _modules().items():
        if name.startswith(GLUE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            imported = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(m.split(".")[0] in ("mkdocs", "properdocs", "material") for m in imported):
                offenders.append(name)
    assert not offenders


def _readme_map() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## How it works", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    return re.findall(r"generator/([\w/]+)\.py", block)


def test_readme_module_map_lists_every_module_once():
    listed = _readme_map()
    assert len(listed) == len(set(listed)), "a module is listed twice"
    actual = {".".join(("generator", *p.removesuffix("/__init__").split("/"))) for p in listed}
    modules = {name for name in _modules() if name != "generator" and not name.endswith("__init__") and name != GLUE}
    assert actual == modules, f"README lists {sorted(actual - modules)} that do not exist; misses {sorted(modules - actual)}"


def test_readme_module_map_follows_the_data():
    """A module appears after every module it imports (glue and CLI last)."""
    order = ["generator." + p.removesuffix("/__init__").replace("/", ".") for p in _readme_map()]
    graph = _graph()
    late = [f"{name} imports {dep}, listed after it" for name in order for dep in graph.get(name, ())
            if dep in order and order.index(dep) > order.index(name)]
    assert not late, late
