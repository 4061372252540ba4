"""Fixtures for aeronorm.integrations: name columns to resolve.

The ``spark`` fixture (one ``local[2]`` session per test run) is in ``tests/conftest.py``, where
the documentation samples can use it too.
"""

from __future__ import annotations

import random
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


@pytest.fixture(scope="session")
def texts() -> list[Any]:
    """A column of running text: mentions, none, empty and blank texts, missing ones, repeats."""
    return ["Engineers from NWPU met CASIC in Xi'an.", "nothing here", "", "   ", None,
            "据报道，中国航天科技集团与北京航空航天大学签署了合作协议。", "NWPU and NWPU", "\t\n",
            "Engineers from NWPU met CASIC in Xi'an.", None, ""]
