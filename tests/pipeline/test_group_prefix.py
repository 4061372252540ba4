"""A field's word where a company's name opens with the country: Chinese groups name their
companies with the group's field as a prefix (航天东方红卫星, "Aerospace Dongfanghong Satellite", a
group's company), a listed company with the country (中国东方红卫星, "China ..."): two companies.
Invented names."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "lanxing", "name": "China Lanxing Satellite Co., Ltd.", "zh": "中国蓝星卫星股份有限公司"},
    {"id": "qiyun", "name": "Qiyun Orbital Technology Co., Ltd.", "zh": "启云轨道科技有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Aerospace Lanxing Satellite Co Ltd",
    "Aerospace Lanxing Satellite Co., Ltd.",
    "Electronics Lanxing Satellite Co., Ltd.",
    "Lanxing Aerospace Satellite Co",  # the field's word elsewhere in the name
    "Lanxing Satellite Aerospace Co., Ltd.",
])
def test_a_fields_word_in_place_of_the_country_is_another_company(n, query):
    assert _id(n, query) is None
    assert "another company" in n.explain(query)


@pytest.mark.parametrize(("query", "expected"), [
    ("Lanxing Satellite Co., Ltd.", "lanxing"),  # the country left out: the brand still names it
    ("China Lanxing Satellite Co., Ltd.", "lanxing"),
    ("Qiyun Orbital Technology Co., Ltd.", "qiyun"),  # a name that opens with no country
])
def test_the_name_without_the_fields_word_still_names_it(n, query, expected):
    assert _id(n, query) == expected
