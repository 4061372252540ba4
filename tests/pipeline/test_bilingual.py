"""A cell that writes one name twice, in two scripts or with its Chinese short form in brackets
("Lanyu Orbital Technology (蓝宇轨道科技有限公司)", "蓝宇轨道科技 Lanyu Orbital Technology",
蓝宇轨道科技有限公司（蓝宇）): the entity both parts name; none when either part names nothing or
the two name different entities. Every name here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "lanyu", "name": "Lanyu Orbital Technology Co., Ltd.", "zh": "蓝宇轨道科技有限公司",
     "zh_aliases": ["蓝宇"]},
    {"id": "qingshan-u", "name": "Qingshan University", "zh": "青山大学"},
    {"id": "qinghe", "name": "Qinghe", "zh": "清河", "type": "place"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(("query", "expected"), [
    ("Lanyu Orbital Technology Co., Ltd. (蓝宇轨道科技有限公司)", "lanyu"),
    ("Qingshan University (青山大学)", "qingshan-u"),
    ("青山大学 Qingshan University", "qingshan-u"),
    ("Qingshan University 青山大学", "qingshan-u"),
    ("蓝宇轨道科技有限公司（蓝宇）", "lanyu"),
    ("青山大学 (Qingshan University)", "qingshan-u"),
])
def test_one_name_written_twice_names_its_entity(n, query, expected):
    assert _id(n, query) == expected
    assert "both name it" in n.explain(query)


@pytest.mark.parametrize("query", [
    "Qingshan University (蓝宇轨道科技有限公司)",  # two entities
    "青山大学（清河）",  # a place in brackets: the university's campus there
    "Qingshan University (红河大学)",  # the other part names nothing
    "Zorvex Institute 青山大学",
])
def test_two_parts_that_disagree_or_name_nothing_get_no_answer(n, query):
    assert _id(n, query) is None
