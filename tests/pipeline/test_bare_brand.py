"""A body the glossary writes only with its company form after one word (银河公司, "Galaxy Co."):
the word alone is a common one, or a brand many bodies share, and names no one of them; a coined
brand (Zorvex) alone still names its company. Every name here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    # 银河 is a word the lexicon renders ("Galaxy"); the glossary writes it only with 公司 after it
    {"id": "galaxy-launch", "name": "Galaxy Launch Services Co., Ltd.", "zh": "银河发射服务有限公司",
     "zh_aliases": ["银河公司"], "aliases": ["Galaxy Co., Ltd."]},
    # a coined brand: no word of any language but the company's name
    {"id": "zorvex", "name": "Zorvex Co., Ltd."},
    # two Chinese characters with no rendering, written with a form only
    {"id": "zewo", "name": "Zewo Orbital Industries Co., Ltd.", "zh": "泽沃轨道工业有限公司",
     "zh_aliases": ["泽沃公司"]},
    # three characters: a name, not a word
    {"id": "zewoda", "name": "Zewoda Satellite Co., Ltd.", "zh": "泽沃达卫星有限公司",
     "zh_aliases": ["泽沃达公司"]},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "银河", "中国银河", "銀河", "Galaxy", "泽沃",
])
def test_the_word_alone_names_no_body(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("银河公司", "galaxy-launch"),
    ("银河有限公司", "galaxy-launch"),
    ("Galaxy Company", "galaxy-launch"),
    ("Galaxy Co.", "galaxy-launch"),
    ("Galaxy Launch Services", "galaxy-launch"),  # more than the one word
    ("Yinhe", "galaxy-launch"),  # a romanised word is a name in English
    ("泽沃有限公司", "zewo"),
    ("Zorvex", "zorvex"),  # a coined brand alone
    ("泽沃达", "zewoda"),
])
def test_with_its_form_or_a_coined_brand_it_still_matches(n, query, expected):
    assert _id(n, query) == expected


def test_explain_says_why(n):
    assert "company form" in n.explain("Galaxy")


# A name shortened by its scope word to two characters: a common word (卫星, "satellite") and a
# form is a phrase ("a satellite company"); a word the lexicon does not render is a brand.
SHORTENED = [
    {"id": "cn-orbit-sat", "name": "China Orbit Satellite Co., Ltd.", "zh": "中国轨道卫星股份有限公司",
     "zh_aliases": ["中国卫星"]},
    {"id": "cn-zetong", "name": "China Zetong Co., Ltd.", "zh": "中国泽通通信有限公司",
     "zh_aliases": ["中国泽通"]},
]


@pytest.mark.parametrize(("query", "expected"), [
    ("卫星公司", None), ("卫星有限公司", None),
    ("中国卫星", "cn-orbit-sat"), ("泽通有限公司", "cn-zetong"),
])
def test_a_common_word_and_a_form_is_a_phrase(query, expected):
    n = Normalizer(Glossary.from_records(SHORTENED))
    assert _id(n, query) == expected


# One common word that no name of the entity is alone ("Galaxy" for Galaxy Orbit): a part of many
# names; a phrase of common words ("Silver Arrow") or a coined word still names its brand.
PARTS = [
    {"id": "galaxy-orbit", "name": "Galaxy Orbit Technology", "zh": "银河轨道科技"},
    {"id": "silver-arrow", "name": "Silver Arrow Aerospace"},
    {"id": "zorvex-orbit", "name": "Zorvex Orbit Technology"},
]


@pytest.mark.parametrize(("query", "expected"), [
    ("Galaxy", None), ("galaxy", None),
    ("Yinhe", "galaxy-orbit"),  # a romanised word is a name in English
    ("Galaxy Orbit", "galaxy-orbit"), ("Silver Arrow", "silver-arrow"), ("Zorvex", "zorvex-orbit"),
])
def test_one_common_word_is_part_of_many_names(query, expected):
    n = Normalizer(Glossary.from_records(PARTS))
    assert _id(n, query) == expected
