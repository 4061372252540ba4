"""A small glossary whose index the stage tests query directly."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.index import Index

SMALL = [
    {
        "id": "csf",
        "name": "China Space Foundation",
        "zh": "中国航天基金会",
        "aliases": ["China Aerospace Foundation"],
        "abbreviations": ["CSF"],
    },
    {
        "id": "nwpu",
        "name": "Northwestern Polytechnical University",
        "zh": "西北工业大学",
        "abbreviations": ["NWPU"],
        "zh_aliases": ["西工大"],
    },
    {
        "id": "casic",
        "name": "China Aerospace Science and Industry Corporation Limited",
        "zh": "中国航天科工集团有限公司",
        "abbreviations": ["CASIC"],
        "zh_aliases": ["航天科工"],
    },
    {
        "id": "casc",
        "name": "China Aerospace Science and Technology Corporation",
        "zh": "中国航天科技集团有限公司",
        "abbreviations": ["CASC"],
    },
    {"id": "bise", "name": "Beijing Institute of Strength and Environment", "zh": "北京强度环境研究所"},
    {"id": "hsc", "name": "Hainan Space Center"},
    {"id": "hsc2", "name": "Harbin Satellite Center"},
    {
        "id": "space-pioneer",
        "name": "Space Pioneer",
        "zh": "北京天兵科技有限公司",
        "aliases": ["Tianbing Technology"],
    },
    {"id": "zkj", "name": "Zhang Kejian", "type": "person", "zh": "张克俭"},
    {
        "id": "sec-a",
        "name": "Secretary of the Party Leadership Group",
        "type": "title",
        "aliases": ["Party Secretary"],
    },
    {
        "id": "sec-b",
        "name": "Secretary of the Party Committee",
        "type": "title",
        "aliases": ["Party Secretary"],
    },
    # Near twins for threshold and margin: a misspelt "Kepller Orbital Dynamics Institute"
    # fits the first a hair better (the second also has a generic word the query omits).
    {"id": "kodi", "name": "Kepler Orbital Dynamics Institute"},
    {"id": "kods", "name": "Kepler Orbital Dynamics Management Institute"},
    # True twins: one English name, two entities.
    {"id": "vega-a", "name": "Vega Rocket Works", "zh": "甲"},
    {"id": "vega-b", "name": "Vega Rocket Works", "zh": "乙"},
]


@pytest.fixture(scope="package")
def small() -> Normalizer:
    return Normalizer(Glossary.from_records(SMALL))


@pytest.fixture(scope="package")
def small_index(small: Normalizer) -> Index:
    return small.index


@pytest.fixture(scope="package")
def pos(small_index: Index):
    """Position of an entity id in the small index (stages answer with positions)."""
    ids = [e.id for e in small_index.entities]
    return ids.index
