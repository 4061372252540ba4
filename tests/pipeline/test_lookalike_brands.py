"""Issue 13, look-alike names: a brand that is another Chinese word a letter apart (华兴 Huaxing,
华信 Huaxin) names another company in every stage (fuzzy, aligned, the spelling pass); a typo
that makes no Chinese word is still read. Every name here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "huaxin", "name": "Huaxin Optical Instruments Co., Ltd."},
    {"id": "lianxin", "name": "Shenzhen Lianxin Electronics Co., Ltd.", "zh": "深圳联信电子有限公司"},
    {"id": "tianyu", "name": "Tianyu Aerospace Materials Co., Ltd.", "zh": "天宇航天材料有限公司"},
    {"id": "hengtai", "name": "Hengtai Precision Machinery Co., Ltd.", "zh": "恒泰精密机械"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Huaxing Optical Instruments Co., Ltd.",  # 华兴, not 华信
    "Shenzhen Lianxing Electronics Co., Ltd.",  # 联星 (through the Chinese name: the aligned stage)
    "Shenzhen Lanxin Electronics Co., Ltd.",
    "Tianyun Aerospace Materials Co., Ltd.",
    "Hentai Precision Machinery Co., Ltd.",
])
def test_another_chinese_word_names_another_company(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Hauxin Optical Instruments Co., Ltd.", "huaxin"),  # two letters swapped: no Chinese word
    ("Shenzhen Lianxn Electronics Co., Ltd.", "lianxin"),
    ("Tiangyu Aerospace Materials Co., Ltd.", "tianyu"),
    ("Hengtai Precision Machinery", "hengtai"),
])
def test_a_typo_that_makes_no_chinese_word_is_still_read(n, query, expected):
    assert _id(n, query) == expected


def test_a_place_in_brackets_the_entity_lacks_is_its_company_there(n):
    # the pinyin stage, as the fuzzy stage: "X (Suzhou) Co." is X's company in Suzhou
    assert _id(n, "Hengtai Precision Machinery (Suzhou) Co., Ltd.") is None
    assert "Suzhou" in n.explain("Hengtai Precision Machinery (Suzhou) Co., Ltd.") or "苏州" in n.explain(
        "Hengtai Precision Machinery (Suzhou) Co., Ltd.")
    # a place in front is where a company is registered, which a name often leaves out
    assert _id(n, "Suzhou Hengtai Precision Machinery Co., Ltd.") == "hengtai"
    # and a place the entity's names state may be bracketed
    assert _id(n, "Lianxin Electronics (Shenzhen) Co., Ltd.") == "lianxin"
