"""The Chinese stage on company names that differ by a place or a company form: a place after the
name's first word is a company of that place (a subsidiary), a place in front may be where a company
that names no place is registered, and a group or holding-company marker that none of the entity's
names has makes another body. Every example here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "qiming-info", "name": "Qiming Information Co., Ltd.", "zh": "启明信息有限公司"},
    {"id": "qiming-rocket", "name": "Qiming Rocket Technology Co., Ltd.", "zh": "启明火箭"},
    {"id": "qiming-grp", "name": "Qiming Orbital Group", "zh": "启明轨道集团有限公司"},
    {"id": "lanhe", "name": "Lanhe Space Technology (Hainan) Co., Ltd.", "zh": "蓝河空间科技(海南)有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "启明信息广东有限公司",  # its Guangdong company
    "启明信息(广东)有限公司",
    "启明火箭技术(天津)有限公司",
    "蓝河空间科技(上海)有限公司",  # another city than its own
])
def test_a_place_after_the_name_is_a_company_of_that_place(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("启明信息有限公司", "qiming-info"),
    ("启明信息", "qiming-info"),
    ("蓝河空间科技(海南)有限公司", "lanhe"),  # its own place
    ("北京启明火箭技术有限公司", "qiming-rocket"),  # a place in front: where it may be registered
])
def test_its_own_name_and_a_place_in_front_still_match(n, query, expected):
    assert _id(n, query) == expected


@pytest.mark.parametrize("query", ["启明信息控股有限公司", "启明信息集团", "启明轨道控股集团"])
def test_a_group_or_holding_marker_its_names_lack_is_another_body(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("启明轨道集团", "qiming-grp"),
    ("启明信息股份有限公司", "qiming-info"),  # limited by shares: often the same company, its newer form
])
def test_a_marker_its_names_have_or_a_share_form_still_match(n, query, expected):
    assert _id(n, query) == expected


# Levels of places, a company form after a name of no company, a place before a person.
LEVEL_RECORDS = [
    {"id": "changsha", "name": "Changsha", "zh": "长沙", "type": "place"},
    {"id": "hainan", "name": "Hainan Province", "zh": "海南省", "type": "place"},
    {"id": "hainan-gov", "name": "People's Government of Hainan Province", "zh": "海南省人民政府"},
    {"id": "qiming-prog", "name": "Qiming Programme", "zh": "启明工程", "type": "program"},
    {"id": "zhang", "name": "Zhang Qiming", "zh": "张启明", "type": "person"},
    {"id": "tianbing", "name": "Tianlang Technology Co., Ltd.", "zh": "天朗科技"},
]


@pytest.fixture(scope="module")
def levels() -> Normalizer:
    return Normalizer(Glossary.from_records(LEVEL_RECORDS))


@pytest.mark.parametrize("query", [
    "长沙县",  # a county, not the city
    "海南区", "海南市人民政府",  # another level than the province's
    "启明工程有限公司",  # a company of the name, not the programme
    "南京张启明",  # a place before a person's name
])
def test_another_level_a_company_form_or_a_place_before_a_person_is_another_entity(levels, query):
    assert _id(levels, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("长沙", "changsha"), ("长沙市", "changsha"), ("海南", "hainan"), ("海南省", "hainan"),
    ("海南省人民政府", "hainan-gov"), ("启明工程", "qiming-prog"), ("张启明", "zhang"),
    ("北京天朗科技有限公司", "tianbing"),  # where a company is registered
])
def test_the_entity_s_own_level_and_names_still_match(levels, query, expected):
    assert _id(levels, query) == expected


@pytest.fixture(scope="module")
def posts() -> Normalizer:
    titles = [r for r in Glossary.default().to_records()
              if r["id"] in ("title-provincial-party-secretary", "title-municipal-party-secretary")]
    return Normalizer(Glossary.from_records(titles))


@pytest.mark.parametrize(("query", "expected"), [
    ("湖北省委书记", "title-provincial-party-secretary"),
    ("福州市委书记", "title-municipal-party-secretary"),
    ("湖北市委书记", None),  # a province has no municipal committee
    ("福州省委书记", None),  # nor a city a provincial one
    ("Secretary of the CPC Hubei Provincial Committee", "title-provincial-party-secretary"),
    ("Secretary of the CPC Wuhan Provincial Committee", None),
    ("Hubei Municipal Party Secretary", None),
    ("Wuhan Municipal Party Secretary", "title-municipal-party-secretary"),
])
def test_a_post_of_a_province_or_a_city_is_held_at_that_level(posts, query, expected):
    assert _id(posts, query) == expected


# An institution's place is part of its name; a company's may be where it is registered.
INSTITUTION_RECORDS = [
    {"id": "xiling-u", "name": "Lanzhou Orbital Engineering University", "zh": "兰州轨道工程大学"},
    {"id": "orbit-co", "name": "Lanzhou Qiming Technology Co., Ltd.", "zh": "兰州启明科技有限公司"},
]


@pytest.fixture(scope="module")
def institutions() -> Normalizer:
    return Normalizer(Glossary.from_records(INSTITUTION_RECORDS))


@pytest.mark.parametrize(("query", "expected"), [
    ("轨道工程大学", None),  # another city's university of the kind
    ("兰州轨道工程大学", "xiling-u"),
    ("启明科技有限公司", "orbit-co"),  # the company's short name
    ("Shenzhen Guidao Gongcheng Daxue", None),  # a place before an institution's pinyin name
    ("Lanzhou Guidao Gongcheng Daxue", "xiling-u"),
])
def test_an_institution_s_place_is_part_of_its_name(institutions, query, expected):
    assert _id(institutions, query) == expected
