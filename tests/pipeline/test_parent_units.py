"""A unit a glossary names by a bare ordinal only in context (五院: any group's fifth academy) is
named by its parent's name and the ordinal (星河集团五院, 星河集团第五研究院), in a name and in
running text; the ordinal alone, or after another body's name, names no unit. Every name here is
invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "xh", "name": "Xinghe Orbital Group", "zh": "中国星河轨道集团有限公司",
     "zh_aliases": ["星河轨道"]},
    {"id": "xh-5", "name": "Xinghe Academy of Satellites", "zh": "星河卫星研究院", "parent": "xh",
     "context_aliases": ["五院"]},
    {"id": "xh-11", "name": "Xinghe Academy of Sensors", "zh": "星河传感研究院", "parent": "xh",
     "context_aliases": ["十一院"]},
    {"id": "ly", "name": "Lanyu Rocket Group", "zh": "蓝宇火箭集团有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(("query", "expected"), [
    ("星河轨道五院", "xh-5"),
    ("中国星河轨道集团有限公司五院", "xh-5"),
    ("星河轨道集团第五研究院", "xh-5"),
    ("中國星河軌道集團十一院", "xh-11"),  # traditional
    ("五院", None),  # any group's
    ("蓝宇火箭集团五院", None),  # another body's fifth academy
    ("星河轨道六院", None),  # an academy the glossary does not have
])
def test_a_parents_name_and_an_ordinal_name_its_unit(n, query, expected):
    assert _id(n, query) == expected


def test_in_running_text_the_unit_is_one_mention(n):
    found = [(m.text, m.entity_id) for m in n.find("据星河轨道五院消息，蓝宇火箭集团五院也参加。")]
    assert ("星河轨道五院", "xh-5") in found
    assert not any(entity in ("xh-5", "xh-11") for text, entity in found if text.startswith("蓝宇"))
