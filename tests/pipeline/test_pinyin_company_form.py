"""The pinyin stage on names that differ by a company form or a place only: a group and its listed
company (集团 / 股份有限公司), a brand with a company in another province, and a syllable that is an
English function word ("Xi An"). Every example here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "qinling-grp", "name": "Qinling Tiangong Group Co., Ltd.", "zh": "秦岭天工集团有限公司"},
    {"id": "qinling-listed", "name": "Qinling Tiangong Company Limited", "zh": "秦岭天工股份有限公司"},
    {"id": "jinxing", "name": "Jinxing Satellite Technology Co., Ltd.", "zh": "锦星卫星技术股份有限公司"},
    {"id": "hainan-jinxing", "name": "Hainan Jinxing Satellite Information Technology Co., Ltd.",
     "zh": "海南锦星卫星信息技术有限公司"},
    {"id": "xian-lab", "name": "Xi'an Orbital Dynamics Institute", "zh": "西安轨道动力研究所"},
    {"id": "xibei-lab", "name": "Northwestern Orbital Dynamics Institute", "zh": "西北轨道动力研究所"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def test_a_joint_stock_company_form_is_a_legal_form(n):
    tokens = n.index.lexicon.zh_tokens("锦星卫星技术股份有限公司")
    assert tokens[-1].text == "股份有限公司" and tokens[-1].kind.name == "LEGAL"


@pytest.mark.parametrize(("query", "expected"), [
    ("Qinling Tiangong Gufen Youxian Gongsi", "qinling-listed"),  # the query's form decides
    ("Qinling Tiangong Jituan", "qinling-grp"),
    ("Qinling Tiangong Jituan Youxian Gongsi", "qinling-grp"),
    ("Jinxing Weixing Gufen Youxian Gongsi", "jinxing"),
    ("Jinxing Weixing Jishu", "jinxing"),
])
def test_the_company_form_picks_the_group_or_its_listed_company(n, query, expected):
    assert _id(n, query) == expected


@pytest.mark.parametrize("query", ["Qinling Tiangong", "Qinling Tiangong Youxian Gongsi"])
def test_without_a_telling_form_the_group_and_its_company_are_an_abstention(n, query):
    assert _id(n, query) is None


def test_a_place_in_front_picks_the_company_that_states_it(n):
    # both are 锦星卫星 without place and trade words; only one is in Hainan
    assert _id(n, "Hainan Jinxing Weixing") == "hainan-jinxing"
    assert _id(n, "Jinxing Weixing") is None  # either of the two


@pytest.mark.parametrize("query", ["Xi An Guidao Dongli Yanjiusuo", "Xī Ān Guǐdào Dònglì Yánjiūsuǒ",
                                   "Xi An Gui Dao Dong Li Yan Jiu Suo"])
def test_a_syllable_that_is_an_english_word_is_kept(n, query):
    # "An" (安) is no article here: dropping it read 西北 for 西安
    assert _id(n, query) == "xian-lab"


@pytest.mark.parametrize("query", ["Guoji Guidao Dongli Yanjiusuo", "International Guidao Dongli Yanjiusuo"])
def test_an_international_scope_is_no_word_to_leave_out(n, query):
    # 国际 ("Guoji") is not 西安, nor a typo of 国家 (guojia): another body
    assert _id(n, query) is None
