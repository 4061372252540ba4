"""A company is in one place: where its names state it (a place before its name, or in brackets),
the same brand in another city is another company, of the same group or not. Invented companies."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "lanyu", "name": "Lanyu Orbital Technology Co., Ltd.", "zh": "北京蓝宇轨道科技有限公司"},
    {"id": "qingshan", "name": "Qingshan Aerospace (Chengdu) Co., Ltd.", "zh": "青山航天（成都）有限公司"},
    {"id": "nowhere", "name": "Baiyun Rocket Technology Co., Ltd.", "zh": "白云火箭科技有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Nanjing Lanyu Orbital Technology Co., Ltd.", "Shanghai Lanyu Orbital Technology",
    "Xi'an Qingshan Aerospace Co., Ltd.",
])
def test_the_brand_in_another_city_is_another_company(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Beijing Lanyu Orbital Technology Co., Ltd.", "lanyu"),
    ("Lanyu Orbital Technology Co., Ltd.", "lanyu"),
    ("Chengdu Qingshan Aerospace Co., Ltd.", "qingshan"),
    ("Wuhan Baiyun Rocket Technology Co., Ltd.", "nowhere"),  # its names state no place: no evidence
])
def test_the_brand_in_its_own_place_or_in_none_is_read(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected
