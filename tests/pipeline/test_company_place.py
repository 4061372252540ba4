"""A company is in one place: where its names state it (a place before its name, or in brackets),
the same brand in another city is another company, of the same group or not; a company whose full
Chinese name states no place is registered without one, and a place before it is another company
(its branch or subsidiary there). Invented companies."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "lanyu", "name": "Lanyu Orbital Technology Co., Ltd.", "zh": "北京蓝宇轨道科技有限公司"},
    {"id": "qingshan", "name": "Qingshan Aerospace (Chengdu) Co., Ltd.", "zh": "青山航天（成都）有限公司"},
    {"id": "nowhere", "name": "Baiyun Rocket Technology Co., Ltd.", "zh": "白云火箭"},
    {"id": "national", "name": "Jinhe Information Co., Ltd.", "zh": "金禾信息股份有限公司"},
    {"id": "stated", "name": "Yunqi Space Technology Co., Ltd.", "zh": "云启空间技术有限公司",
     "aliases": ["Hefei Yunqi Space Technology Co., Ltd."]},
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
    ("Wuhan Baiyun Rocket Technology Co., Ltd.", "nowhere"),  # a short name only: no evidence
    ("武汉白云火箭科技有限公司", "nowhere"),
    ("Wuhan Baiyun Huojian", "nowhere"),
    ("合肥云启空间技术有限公司", "stated"),  # where its English names say it is
])
def test_the_brand_in_its_own_place_or_in_none_is_read(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


@pytest.mark.parametrize("query", [
    "海南金禾信息有限公司", "天津金禾信息股份有限公司", "Hainan Jinhe Xinxi Youxian Gongsi",
    "Tianjin Jinhe Information Co., Ltd.", "Beijing Jinhe Information Co., Ltd.",
    "南京云启空间技术有限公司",  # its English names say Hefei
])
def test_a_place_before_a_company_whose_full_name_states_none_is_another_company(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize("query", [
    "金禾信息股份有限公司", "金禾信息", "Jinhe Information Co., Ltd.", "云启空间技术有限公司",
])
def test_the_name_without_a_place_is_still_read(n, query):
    m = n.match(query)
    assert m is not None and m.entity_id in ("national", "stated")
