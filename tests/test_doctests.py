"""Run the docstring examples of every aeronorm module, so that they stay true.

Modules are found on disk (not by importing packages), so that ``aeronorm.mt`` is never imported
here (its examples need a model; the mt tests cover it). A module that imports an optional
dependency runs when that dependency is installed; without it the module is skipped locally and
fails under ``CI=true``, where every extra is installed.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.util
import os
import pkgutil
from pathlib import Path

import pytest

import aeronorm

#: Top-level imports that belong to an extra (see pyproject's optional-dependencies).
OPTIONAL = frozenset(
    {
        "torch",
        "transformers",
        "sentencepiece",
        "pandas",
        "pyarrow",
        "polars",
        "pyspark",
        "tqdm",
        "flashtext",
        "numpy",
    }
)
SKIP_PREFIXES = ("aeronorm.mt",)


def _walk(path: Path, prefix: str) -> list[tuple[str, Path]]:
    out = [(prefix.rstrip("."), path / "__init__.py")] if (path / "__init__.py").is_file() else []
    for info in pkgutil.iter_modules([str(path)]):
        name = prefix + info.name
        if name.startswith(SKIP_PREFIXES):
            continue
        if info.ispkg:
            out.extend(_walk(path / info.name, name + "."))
        else:
            out.append((name, path / f"{info.name}.py"))
    return out


def _optional_imports(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & OPTIONAL


MODULES = _walk(Path(aeronorm.__file__).parent, "aeronorm.")


def test_modules_are_found():
    names = {name for name, _ in MODULES}
    assert {
        "aeronorm",
        "aeronorm.text.fold",
        "aeronorm.normalizer",
        "aeronorm.glossary.glossary",
        "aeronorm.pipeline.fuzzy",
        "aeronorm.scan.scanner",
    } <= names
    assert not any(n.startswith("aeronorm.mt") for n in names)


#: Optional imports whose extra has a marker of its own (tests/conftest.py: only with --all).
EXTRA_MARKERS = {"pyspark": "spark", "torch": "mt", "transformers": "mt"}


def _params() -> list:
    out = []
    for name, source in MODULES:
        marks = sorted({EXTRA_MARKERS[m] for m in _optional_imports(source) if m in EXTRA_MARKERS})
        out.append(pytest.param(name, source, marks=[getattr(pytest.mark, m) for m in marks], id=name))
    return out


@pytest.mark.parametrize(("name", "source"), _params())
def test_doctests(name, source):
    missing = sorted(m for m in _optional_imports(source) if importlib.util.find_spec(m) is None)
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} needs {missing}, which CI must install")
        pytest.skip(f"imports optional {missing}, not installed")
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, name) if t.examples]
    failures = []
    for test in tests:
        # Only the module's own objects: re-exports are tested where they are defined.
        if test.filename and Path(test.filename).resolve() != source.resolve():
            continue
        result = runner.run(test, out=failures.append)
        assert result.failed == 0, "".join(failures)
