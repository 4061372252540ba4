"""Shared fixtures (the shipped glossary, one default Normalizer per session) and the test selection.

Building the default :class:`~aeronorm.Normalizer` takes a fraction of a second, but most
test modules need it, so it is built once. Tests that change a normalizer build their own.

Selection: plain ``pytest`` runs the fast suite. Tests marked ``slow``, ``browser`` (headless
Chromium), ``spark`` (pyspark and Java), ``fuzz`` (atheris) or ``mt`` (torch, transformers) are
left out unless ``--all`` is given (the README's full command and CI give it), ``-m`` selects
markers itself, or the test is named by its node id. Tests that use the ``spark`` or ``mt_backend``
fixtures are marked here, so a new one cannot slip into the fast suite by forgetting a marker.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import aeronorm
from aeronorm.glossary import Glossary


def _fail_or_skip(message: str) -> None:
    """Skip on a developer machine; fail under CI (``CI=true``), where everything must be installed."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


def require(module: str) -> ModuleType:
    """Import an optional dependency: skip without it, but fail under CI (``CI=true``)."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        _fail_or_skip(f"optional dependency {module!r} is not installed ({exc})")


#: Markers whose tests only ``pytest --all`` (or ``-m``) runs, and what each needs.
OPT_IN: dict[str, str] = {
    "slow": "takes more than a few seconds",
    "browser": "headless Chromium and chromedriver",
    "spark": "pyspark and Java 17",
    "fuzz": "atheris",
    "mt": "torch, transformers, sentencepiece",
}
#: Fixtures that imply a marker, wherever the test is.
FIXTURE_MARKERS: dict[str, str] = {"spark": "spark", "mt_backend": "mt"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--all", action="store_true", dest="aeronorm_all",
        help=f"also run the tests marked {', '.join(OPT_IN)} (the full suite, as CI runs it)",
    )


def _named(item: pytest.Item, config: pytest.Config) -> bool:
    """The test was asked for by node id (``pytest tests/test_render.py::test_x``)."""
    root = config.rootpath
    for arg in config.args:
        if "::" not in arg:
            continue
        path, _, rest = arg.partition("::")
        try:
            rel = Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        if item.nodeid == f"{rel}::{rest}" or item.nodeid.startswith(f"{rel}::{rest}["):
            return True
    return False


@pytest.hookimpl(trylast=True)  # after the conftests that add markers of their own
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in FIXTURE_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
    if config.getoption("aeronorm_all") or config.getoption("markexpr"):
        return
    kept, left_out = [], []
    for item in items:
        opt_in = any(item.get_closest_marker(m) for m in OPT_IN)
        (left_out if opt_in and not _named(item, config) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
    config.stash[_LEFT_OUT] = len(left_out)


_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    n = config.stash.get(_LEFT_OUT, 0)
    if n:
        terminalreporter.write_line(
            f"aeronorm: the fast suite; {n} tests marked {', '.join(OPT_IN)} were left out. "
            "`python -m pytest --all` runs everything (see the README for what it needs).")


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """The shipped glossaries."""
    return Glossary.default()


@pytest.fixture(scope="session")
def normalizer(glossary: Glossary) -> aeronorm.Normalizer:
    """The library's default normalizer (the one ``aeronorm.match`` uses)."""
    n = aeronorm.default_normalizer()
    assert n.glossary is glossary
    return n


@pytest.fixture(scope="session")
def lexicon(normalizer: aeronorm.Normalizer):
    """The term lexicon of the default normalizer."""
    return normalizer.lexicon


@pytest.fixture(scope="session")
def index(normalizer: aeronorm.Normalizer):
    """The index of the default normalizer."""
    return normalizer.index


@pytest.fixture(scope="session")
def optional():
    """``optional("pandas")`` imports an optional dependency or skips (fails under CI)."""
    return require


# ---------------------------------------------------------------------------------- Spark
def _java_problem() -> str | None:
    """Why Spark cannot start Java here, in one line; None when it can.

    Spark's launcher takes ``$JAVA_HOME/bin/java`` whenever JAVA_HOME is set, and ``java`` on
    PATH only otherwise, so a stale JAVA_HOME breaks it even with a good ``java`` on PATH.
    """
    java_home = os.environ.get("JAVA_HOME", "")
    if java_home:
        java = os.path.join(java_home, "bin", "java")
        if not os.access(java, os.X_OK):
            hint = f"; `java` on PATH is {shutil.which('java')}" if shutil.which("java") else ""
            return (f"JAVA_HOME={java_home} has no bin/java, and Spark uses JAVA_HOME before PATH{hint}: "
                    "unset JAVA_HOME or point it at a Java 17 (or later) installation")
    else:
        java = shutil.which("java")
        if java is None:
            return "Spark needs Java 17 or later: no java on PATH and JAVA_HOME is not set"
    try:
        proc = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{java} -version failed: {exc}"
    found = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if proc.returncode != 0 or found is None:
        return f"{java} -version failed: {(proc.stderr or proc.stdout).strip()[:200]!r}"
    major = int(found.group(2) if found.group(1) == "1" else found.group(1))  # "1.8.0" is Java 8
    if major < 17:
        return f"Spark needs Java 17 or later; {java} is Java {major}"
    return None


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local[2] SparkSession with Arrow enabled, shared by the whole run.

    Without pyspark or a usable Java the Spark tests are skipped with the reason (failed under
    ``CI=true``), before Spark is asked to start: its own error is a Java gateway that "exited
    before sending its port number", once per test.
    """
    try:
        importlib.import_module("pyspark")
        importlib.import_module("pyarrow")
    except ImportError as exc:
        _fail_or_skip(f"the spark extra is not installed ({exc}); pip install 'aeronorm[spark]'")
    problem = _java_problem()
    if problem:
        _fail_or_skip(problem)
    from pyspark.sql import SparkSession

    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("aeronorm-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
    )
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # whatever stops Spark from starting: one clear line, not a traceback per test
        _restore(saved)
        first = (str(exc).strip().splitlines() or [""])[0]
        _fail_or_skip(f"a local Spark session did not start ({type(exc).__name__}: {first})")
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        _restore(saved)


def _restore(saved: dict[str, str | None]) -> None:
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
