"""A group and its company are two bodies (中国交通建设集团 and 中国交通建设股份): a name that says
"Group" is answered only by an entity that is, or may be, a group. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "qingshan", "name": "Qingshan Satellite Technology Co., Ltd.", "zh": "青山卫星科技有限公司"},
    {"id": "dongling", "name": "Dongling Aerospace Industry Corporation", "zh": "东岭航天工业集团有限公司"},
    {"id": "beiyuan", "name": "Beiyuan Rocket Corporation"},  # no Chinese name: it may be a group
    {"id": "xiling-u", "name": "Xiling University", "zh": "西岭大学"},
    {"id": "nanhu", "name": "Nanhu Province", "type": "place", "zh": "南湖省"},
    {"id": "title-party-secretary", "name": "Secretary of the Party Leadership Group", "type": "title",
     "zh": "党组书记"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Qingshan Satellite Technology Group",  # a company that is no group
    "Qingshan Satellite Technology Group Co., Ltd.",
    "Xiling University Group",
    "Nanhu Group",
])
def test_a_group_is_not_an_entity_no_name_of_which_says_group(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Qingshan Satellite Technology Co., Ltd.", "qingshan"),
    ("Dongling Aerospace Industry Group", "dongling"),  # its Chinese name says 集团
    ("Dongling Aerospace Industry Corporation", "dongling"),
    ("Beiyuan Rocket Group", "beiyuan"),  # "Corporation" may render 集团
    ("Xiling University", "xiling-u"),
    ("Secretary of the Party Leadership Group", "title-party-secretary"),  # a title's group (党组)
])
def test_an_entity_that_is_or_may_be_a_group_still_answers(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


def test_explain_says_why(n):
    assert "no group" in n.explain("Xiling University Group")


def test_a_company_is_not_an_institution_no_name_of_which_says_company(n):
    # 西岭大学 says no 公司: "Xiling University Co., Ltd." is a company of the university's
    assert n.match("Xiling University Co., Ltd.") is None
    m = n.match("Qingshan Satellite Technology Company Limited")
    assert m is not None and m.entity_id == "qingshan"
    m = n.match("Beiyuan Rocket Co., Ltd.")  # no Chinese name: it may be a company
    assert m is not None and m.entity_id == "beiyuan"


def test_a_parents_company_form_inside_the_name_is_not_the_names_own():
    n = Normalizer(Glossary.from_records([
        {"id": "dongling", "name": "Dongling Aerospace Industry Corporation",
         "zh": "东岭航天工业集团有限公司"},
        {"id": "dongling-5", "name": "Fifth Academy of Dongling Aerospace", "zh": "东岭航天第五研究院",
         "aliases": ["Dongling Aerospace Industry Corporation Fifth Academy"], "parent": "dongling"},
    ]))
    m = n.match("Dongling Aerospace Industry Corporation Fifth Academy")
    assert m is not None and m.entity_id == "dongling-5"
    assert n.match("Fifth Academy of Dongling Aerospace Co., Ltd.") is None  # its own form: a company


def test_an_institution_also_named_as_a_group_is_a_company_too():
    n = Normalizer(Glossary.from_records([
        {"id": "nh-10", "name": "Tenth Academy of Nanhu Space", "zh": "南湖航天第十研究院",
         "aliases": ["Qingjiang Space Industry Group"]},
    ]))
    m = n.match("Qingjiang Space Industry Group Co., Ltd.")
    assert m is not None and m.entity_id == "nh-10"


def test_a_works_named_with_a_company_form_is_the_works():
    n = Normalizer(Glossary.from_records([
        {"id": "gw", "name": "Qingshan Rocket Works", "zh": "青山火箭厂"}]))
    m = n.match("Qingshan Rocket Works Co., Ltd.")  # a works is an enterprise: incorporated, the same
    assert m is not None and m.entity_id == "gw"


def test_a_group_s_chinese_name_with_spaces_between_its_words_is_the_group():
    # spaces between the words of a Chinese name (a registry's or a form's) change nothing: the
    # group's 集团 and its company form are still read as the group's own
    n = Normalizer(Glossary.from_records([{"id": "xh", "name": "Xinghe Group", "zh": "星河航天集团有限公司",
                                           "type": "org"}]))
    assert n.match("星河 航天 集团 有限公司").entity_id == "xh"
    assert n.match("星河航天 有限公司") is None  # a company of the group's, not the group
