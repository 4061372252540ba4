"""A brand is written as its owner writes it: where two entities give one Chinese brand word two
English renderings (银河: "Galactic" for one company, "Galaxy" for another), a name with the one
rendering is not the other's. Pinyin is no rendering, and a rendering no other entity writes may
be the entity's own, unlisted. The companies are invented; 银河 and its renderings are the
lexicon's."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "galactic-rockets", "name": "Galactic Rockets Co., Ltd.", "zh": "银河火箭有限公司"},
    {"id": "galaxy-orbit", "name": "Galaxy Orbit Co., Ltd.", "zh": "银河轨道有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", ["Galaxy Rockets Co., Ltd.", "Galaxy Rockets", "Galactic Orbit Company"])
def test_the_other_entitys_rendering_names_another_company(n, query):
    assert _id(n, query) is None
    assert "writes the brand" in n.explain(query)


@pytest.mark.parametrize(("query", "expected"), [
    ("Galactic Rockets Company", "galactic-rockets"),
    ("Yinhe Rockets", "galactic-rockets"),  # pinyin
    ("Galaxy Orbit", "galaxy-orbit"),
])
def test_its_own_rendering_or_pinyin_still_matches(n, query, expected):
    assert _id(n, query) == expected


def test_a_rendering_no_other_entity_writes_may_be_its_own():
    alone = Normalizer(Glossary.from_records(RECORDS[:1]))
    assert _id(alone, "Galaxy Rockets Company") == "galactic-rockets"
