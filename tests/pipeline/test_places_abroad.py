"""Issue 13, specificity: where a company is. A Chinese place in front of a company's name is
where it is registered and may be left out; a place abroad never is ("Japan X" is X's branch in
Japan, or another company), and a name whose English form says where the company is ("X (Xi'an)
Technology") is not the same company placed elsewhere. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.resources import load_places, load_places_abroad

from .stages import answer_id as _id

RECORDS = [
    {"id": "lumen", "name": "Lumen Orbital Technology Co., Ltd.", "zh": "流明轨道科技"},
    {"id": "kite", "name": "Kite Rocket Technology", "zh": "风筝火箭科技",
     "aliases": ["Kite Rocket (Xi'an) Aerospace Technology"]},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def test_places_abroad_are_places_too():
    abroad = load_places_abroad()
    assert {"日本", "美国", "新加坡"} <= abroad
    assert abroad <= {zh for zh, _ in load_places()} and "北京" not in abroad


@pytest.mark.parametrize("query", [
    "Lumen Orbital Technology",
    "Beijing Liuming Guidao Keji",               # where it is registered, written in front
    "Liuming Guidao Keji",
])
def test_a_chinese_place_in_front_may_be_written(n, query):
    assert _id(n, query) == "lumen"


@pytest.mark.parametrize("query", [
    "Japan Lumen Orbital Technology",
    "Singapore Lumen Orbital Technology Co., Ltd.",
    "Japan Liuming Guidao Keji",
    "America Liuming Guidao Keji",
])
def test_a_place_abroad_in_front_is_another_company(n, query):
    assert _id(n, query) is None


def test_where_the_english_name_says_it_is(n):
    assert _id(n, "Xi'an Fengzheng Huojian Keji") == "kite"
    assert _id(n, "Shenzhen Fengzheng Huojian Keji") is None


@pytest.mark.parametrize("query", ["Asia Sat", "Asiasat", "Asian Satellite"])
def test_a_continent_is_a_place_that_names_no_company(query):
    # "Asia" is where, not who: it names no company whose name has "Broadcast" besides
    n = Normalizer(Glossary.from_records([{"id": "abs", "name": "Asia Broadcast Satellite Ltd."}]))
    assert _id(n, query) is None
    assert _id(n, "Asia Broadcast Satellite") == "abs"
    assert "亚洲" in load_places_abroad() and "亚太" in load_places_abroad()
