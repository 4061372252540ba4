"""The pinyin stage's derived keys (a Chinese name's syllable abbreviations and its brand) answer
a romanised name, but not one made of common words only: "Weixing Keji" is 卫星科技, satellite
technology, though 卫华星辰科技 shortens to the same syllables. Invented companies."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "weihua", "name": "Weihua Starry Technology Co., Ltd.", "zh": "卫华星辰科技有限公司"},
    {"id": "kestrel", "name": "Kestrel Orbital Co., Ltd.", "zh": "凯斯特轨道有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", ["Weixing Keji", "Weixing Kejì", "weixing keji"])
def test_common_words_in_pinyin_are_no_abbreviation(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize("query", ["Weihua Xingchen", "Weihua Xingchen Keji"])
def test_the_brand_in_pinyin_still_matches(n, query):
    assert _id(n, query) == "weihua"


@pytest.mark.parametrize(("query", "expected"), [
    ("Jinwei Tongxin", None),  # 金诺 cut to 金: a brand is kept whole (金卫通信 is another name)
    ("Jinwei Telecom", None),
    ("Jinnuo Weitong", "jinnuo"),  # the common word shortened, the brand whole
    ("Nanhang University", "nuaa"),  # a place and a common word shortened: 南航
])
def test_a_derived_abbreviation_keeps_the_brand_whole(query, expected):
    n = Normalizer(Glossary.from_records([
        {"id": "jinnuo", "name": "Jinnuo Satellite Communications Co.", "zh": "金诺卫星通信公司"},
        {"id": "nuaa", "name": "Nanjing University of Aeronautics and Astronautics",
         "zh": "南京航空航天大学"},
    ]))
    m = n.match(query)
    assert (m.entity_id if m else None) == expected


def test_only_an_organisation_is_shortened_by_syllables():
    # 西工大 for a university; an exhibition (中华卫星成就展) is not 中华卫星成 ("Weixing Cheng" is
    # 卫星城, a satellite town)
    n = Normalizer(Glossary.from_records([
        {"id": "expo", "name": "Zhonghua Satellite Achievements Exhibition", "zh": "中华卫星成就展",
         "type": "event"},
        {"id": "qlgd", "name": "Qinling Polytechnical University", "zh": "秦岭工业大学"},
    ]))
    assert n.match("Zhonghua Weixing Cheng") is None
    assert n.match("Qinling Gongda").entity_id == "qlgd"
