"""aeronorm.pipeline.run: a name cut in the middle ("Nanjing University of") names what was cut
off; it is no answer, whichever entity its first words name. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "qlu", "name": "Qinling University", "zh": "秦岭大学"},
    {"id": "qlu-ast", "name": "Qinling University of Aeronautics and Astronautics", "zh": "秦岭航空航天大学"},
    {"id": "lsc", "name": "Lishan Committee for Orbital Affairs"},
    {"id": "hsf", "name": "Huashan Rocket Foundry Corporation"},
    {"id": "qinghe", "name": "Qinghe Province", "zh": "清河省", "type": "place"},
    {"id": "qinghe-gov", "name": "Qinghe Provincial Government"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Qinling University of", "Qinling University of Aeronautics and", "Lishan Committee for",
    "Huashan Rocket Foundry and", "Qinling University of the", "Lishan Committee for Orbital Affairs of",
    "Qinghe Provincial", "QINGHE PROVINCIAL",  # the adjective of a level opens a body's name
])
def test_a_name_cut_after_a_joining_word_is_no_answer(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize("query", [
    "Qinling University of", "Lishan Committee for", "Huashan Rocket Foundry and"])
def test_explain_says_the_name_is_cut(n, query):
    assert "cut after" in n.explain(query)


@pytest.mark.parametrize(("query", "expected"), [
    ("Qinling University", "qlu"), ("Qinling University of Aeronautics and Astronautics", "qlu-ast"),
    ("Qinghe Province", "qinghe"), ("Qinghe Provincial Government", "qinghe-gov"),
    ("Lishan Committee for Orbital Affairs", "lsc"), ("Huashan Rocket Foundry", "hsf"),
])
def test_the_whole_name_is_still_answered(n, query, expected):
    assert _id(n, query) == expected
