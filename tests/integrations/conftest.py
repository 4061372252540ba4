"""Fixtures for aeronorm.integrations: name columns to resolve, and a local Spark session.

``spark`` starts one ``local[2]`` session per test run (Arrow on, two shuffle partitions, no UI).
Without pyspark or Java the Spark tests are skipped on a developer machine and fail under CI
(``CI=true``), where ``.ci/run`` installs both.
"""

from __future__ import annotations

import importlib
import os
import random
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from aeronorm.glossary import Glossary

# Made-up names no shipped entity should claim (the tests check that they stay unresolved).
UNKNOWN = (
    "Moon Bakery",
    "Silver Lantern Fishing Club",
    "Harbour Street Laundry Cooperative",
    "Quiet Meadow Tea House",
    "Blue Kettle Bicycle Repair",
    "Orchard Lane Piano School",
)
MISSING = (None, "", "   ")


def _variants(glossary: Glossary, rng: random.Random, n_entities: int) -> list[str]:
    """Names, aliases, abbreviations and formatting variants of a sample of entities."""
    out: list[str] = []
    for e in rng.sample(list(glossary.entities), min(n_entities, len(glossary))):
        out += [e.name, e.name.upper(), f"  {e.name.lower()}  ", e.name.replace(" ", "  ")]
        out += list(e.aliases[:2]) + list(e.abbreviations[:1]) + ([e.zh] if e.zh else [])
        if len(e.name) > 12:  # one dropped letter: a fuzzy look-up
            i = rng.randrange(3, len(e.name) - 3)
            out.append(e.name[:i] + e.name[i + 1:])
    return out


@pytest.fixture(scope="session")
def names() -> list[Any]:
    """About 250 values: known in many spellings, unknown, and missing (None, "", blank)."""
    rng = random.Random(20240607)
    values: list[Any] = _variants(Glossary.default(), rng, 30)
    values += [*UNKNOWN, *MISSING, *MISSING]
    values += values[:40]  # repeats: the same value resolves the same everywhere
    rng.shuffle(values)
    return values


@pytest.fixture(scope="session")
def big_column() -> list[Any]:
    """100,000 values drawn from about 2,500 distinct ones (known, unknown, missing)."""
    rng = random.Random(99)
    pool: list[Any] = _variants(Glossary.default(), rng, 250)
    pool += [f"{w} {t}" for w in UNKNOWN for t in ("Ltd", "Group", "Institute", "Society")]
    pool += list(MISSING)
    return rng.choices(pool, k=100_000)


def _fail_or_skip(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local[2] SparkSession with Arrow enabled, shared by the whole run."""
    try:
        importlib.import_module("pyspark")
        importlib.import_module("pyarrow")
    except ImportError as exc:
        _fail_or_skip(f"the spark extra is not installed ({exc}); pip install 'aeronorm[spark]'")
    java_home = os.environ.get("JAVA_HOME", "")
    if not shutil.which("java") and not os.path.isfile(os.path.join(java_home, "bin", "java")):
        _fail_or_skip("Spark needs Java (17 or later): none on PATH or in JAVA_HOME")
    from pyspark.sql import SparkSession

    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("aeronorm-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
