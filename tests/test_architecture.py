"""The structure of the package: layers import only downward, no private names cross modules,
and the docs list the stages of the real pipeline."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aeronorm.pipeline.run import LANES, STAGES

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "aeronorm"
ORDER = [s.name for s in STAGES] + ["spelling", "retranslation"]


def test_import_contracts_are_kept():
    pytest.importorskip("importlinter")
    command = Path(sys.executable).with_name("lint-imports")
    assert command.exists(), f"the test extra installs import-linter's command next to {sys.executable}"
    out = subprocess.run([str(command), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "broken" not in out.stdout.split("Contracts:")[-1].split("\n")[0].replace("0 broken", "")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_imports_another_modules_private_name():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        me = _module(path)
        package = me if path.name == "__init__.py" else me.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__") and source != me:
                    offenders.append(f"{me} imports {source}.{alias.name}")
    assert offenders == []


def _import_graph() -> dict[str, set[str]]:
    """Module -> the aeronorm modules it imports anywhere (in functions and under
    ``TYPE_CHECKING`` too); ``from pkg import sub`` is an edge to the submodule."""
    modules = {_module(path): path for path in PACKAGE.rglob("*.py")}

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {m: set() for m in modules}
    for me, path in modules.items():
        package = me if path.name == "__init__.py" else me.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                source = ".".join([*base, *([node.module] if node.module else [])])
                subs = [f"{source}.{a.name}" for a in node.names]
                targets = [sub if sub in modules else source for sub in subs]
            else:
                continue
            for target in targets:
                found = known(target) if target.startswith("aeronorm") else None
                if found and found != me:
                    graph[me].add(found)
    return graph


def test_no_import_cycles_at_all():
    """import-linter keeps siblings acyclic; a package and its own modules can still import each
    other in a circle (a format package importing its formats, each importing the package): none."""
    graph = _import_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert len(graph) > 50 and sum(map(len, graph.values())) > 200  # the graph is the package's
    assert cycles == []


def test_every_stage_is_in_a_lane_in_order():
    for lane, names in LANES.items():
        assert set(names) <= set(ORDER), lane
        assert [n for n in ORDER if n in names] == list(names), lane
    assert {n for names in LANES.values() for n in names} == {s.name for s in STAGES}


def test_readme_lists_the_stages_in_pipeline_order():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## How matching works"):]
    section = section[: section.index("\n## ", 3)]
    listed = re.findall(r"^\d+\. \*\*(\w+)\*\*", section, re.MULTILINE)
    assert listed == ORDER


def test_matching_doc_draws_the_stages_in_pipeline_order():
    text = (ROOT / "docs" / "matching.md").read_text(encoding="utf-8")
    mermaid = re.findall(r"\[(\d+) (\w+)<br/>", text)
    assert [name for _, name in mermaid] == ORDER
    assert [int(k) for k, _ in mermaid] == list(range(1, len(ORDER) + 1))
    chain = next(line for line in text.splitlines() if line.startswith("name ─► prepare"))
    words = [w for w in re.findall(r"[a-z]+", chain) if w not in ("name", "prepare", "no", "match")]
    assert words == ORDER


def test_architecture_picture_is_drawn_from_the_code():
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import make_architecture
    finally:
        sys.path.pop(0)
    drawn = (ROOT / "docs" / "images" / "architecture.svg").read_text(encoding="utf-8")
    assert drawn == make_architecture.draw()
