"""A joint-stock company (股份有限公司, "Joint Stock Co.") named after a group is its own body: the
group's listed company, or another company whose name ends in the group's short name (a
company's own 股份 is often its newer form). The other way round decides
nothing: writers drop 股份, an English "Co., Ltd." renders both forms and 公司 is written for any.
Every name here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "orion-group", "name": "China Orion Rocketry Group Co., Ltd.", "zh": "中国猎户火箭集团有限公司",
     "zh_aliases": ["猎户火箭集团"]},
    {"id": "orion-sat", "name": "Orion Satellite Co., Ltd.", "zh": "猎户卫星股份有限公司"},
    {"id": "orion-comm", "name": "Orion Communications Co., Ltd.", "zh": "猎户通信有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "猎户火箭集团股份有限公司",  # the group's short name, then a joint-stock form: a listed company
    "中国猎户火箭集团股份有限公司",
    "China Orion Rocketry Joint Stock Co., Ltd.",
    "China Orion Rocketry Group Joint-Stock Company",
])
def test_another_form_names_another_company(n, query):
    assert _id(n, query) is None
    assert "company" in n.explain(query)


@pytest.mark.parametrize(("query", "expected"), [
    ("猎户火箭集团有限公司", "orion-group"),
    ("China Orion Rocketry Group Co., Ltd.", "orion-group"),
    ("猎户卫星股份有限公司", "orion-sat"),
    ("猎户卫星公司", "orion-sat"),  # 公司 is written for any form
    ("猎户卫星有限公司", "orion-sat"),  # and writers drop 股份
    ("Orion Satellite Co., Ltd.", "orion-sat"),
    ("Orion Satellite Joint Stock Co., Ltd.", "orion-sat"),  # its Chinese name says so
    ("猎户通信股份有限公司", "orion-comm"),  # a company's (not a group's) newer form
])
def test_the_form_it_is_named_with_still_matches(n, query, expected):
    assert _id(n, query) == expected


# A group named "Corporation" in English (which renders 集团 and 公司 alike) and only as a group
# in Chinese: a Chinese name with a company's form is its namesake company.
GROUP = [{"id": "orion-info", "name": "China Orion Corporation", "zh": "中国猎户信息产业集团有限公司",
          "zh_aliases": ["中国猎户"]}]


@pytest.mark.parametrize(("query", "expected"), [
    ("中国猎户有限公司", None), ("中国猎户集团", "orion-info"), ("中国猎户", "orion-info"),
    ("China Orion Co., Ltd.", "orion-info"),  # the English form says nothing either way
])
def test_a_chinese_company_form_for_a_group_named_so_in_chinese(query, expected):
    n = Normalizer(Glossary.from_records(GROUP))
    assert _id(n, query) == expected
