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
    {"id": "qiming-rocket", "name": "Qiming Rocket Technology Co., Ltd.", "zh": "启明火箭技术有限公司"},
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
