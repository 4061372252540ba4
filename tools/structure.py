#!/usr/bin/env python3
"""Measure the package's structure: import cycles, largest modules and classes.

    python tools/structure.py [PACKAGE_DIR]

Every import counts, including imports inside functions and type-only imports under
``if TYPE_CHECKING:``, since each is a dependency a reader must follow. Cycles are the strongly
connected components of that graph with more than one module.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(root: Path, path: Path, modules: set[str]) -> set[str]:
    me = module_name(root, path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names = [prefix] + [f"{prefix}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            # the longest known module the name refers to (a name imported from a module is that module)
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != me:
                out.add(name)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "aeronorm").resolve()
    files = sorted(root.rglob("*.py"))
    modules = {module_name(root, f) for f in files}
    graph: dict[str, set[str]] = defaultdict(set)
    # A package's __init__ is not a dependency of its submodules: only count imports of it made
    # for its own names, which the module resolution above already does.
    for f in files:
        graph[module_name(root, f)] |= imports_of(root, f, modules)
    comps = cycles(graph)
    print(f"{len(files)} modules; {sum(len(c) for c in comps)} modules in {len(comps)} import cycles")
    for comp in comps:
        print("  cycle: " + ", ".join(comp))
    sizes = sorted(((len(f.read_text(encoding='utf-8').splitlines()), module_name(root, f)) for f in files),
                   reverse=True)
    print("largest modules (lines): " + ", ".join(f"{m} {n}" for n, m in sizes[:5]))
    classes = []
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods = sum(isinstance(b, (ast.FunctionDef, ast.AsyncFunctionDef)) for b in node.body)
                size = node.end_lineno - node.lineno + 1
                classes.append((size, methods, f"{module_name(root, f)}.{node.name}"))
    classes.sort(reverse=True)
    print("largest classes (lines, methods): " + ", ".join(f"{c} {n}/{m}" for n, m, c in classes[:5]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
