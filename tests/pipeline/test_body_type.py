"""aeronorm.pipeline.fuzzy: a type of body is what the entity's Chinese name says. English writes
"Academy" for 研究院 and for 学院, "Institute" for 研究所 and 学院; a query's type of body that
renders no word of the Chinese name ("College" for a 研究院), where the name's does, names another
body. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "qaat", "name": "Qinling Academy of Aerospace Technology", "zh": "秦岭航天技术研究院"},
    {"id": "ifm", "name": "Institute of Fluid Mechanics, Chinese Academy of Sciences",
     "zh": "中国科学院流体力学研究所", "aliases": ["CAS Institute of Fluid Mechanics"]},
    {"id": "iaas", "name": "International Academy of Astronautical Sciences", "zh": "国际宇航科学院"},
    {"id": "nae", "name": "Norinco Atomic Energy Authority", "zh": "北方原子能机构"},
    {"id": "hscs", "name": "Huashan Society of Control Science", "zh": "华山控制科学学会"},
    {"id": "lszy", "name": "Lishan College of Engineering", "zh": "骊山工程学院"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Qinling College of Aerospace Technology",  # 学院 is no word of 研究院
    "Qinling School of Aerospace Technology",
    "CAS College of Fluid Mechanics",  # 学院 is inside 科学院, no word of its own
    "Huashan College of Control Science",  # a college is no 学会
])
def test_a_type_of_body_its_chinese_name_lacks_names_another_body(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Qinling Institute of Aerospace Technology", "qaat"),  # Institute is written for 研究院 too
    ("Qinling Academy of Aerospace Technology", "qaat"),
    ("CAS Institute of Fluid Mechanics", "ifm"),
    ("Lishan Institute of Engineering", "lszy"),  # and for 学院
    ("Lishan School of Engineering", "lszy"),
    # the lexicon does not say which word of 北方原子能机构 "Authority" renders: nor can it say
    # "Agency" renders another
    ("Norinco Atomic Energy Agency", "nae"),
])
def test_a_type_of_body_its_chinese_name_has_is_the_same_body(n, query, expected):
    assert _id(n, query) == expected


# "Ministry" and "Department" both render 部, but name different kinds of body: a national ministry,
# and a department of a Party committee, a company, a ministry (司) or a province (厅).
def test_a_department_is_no_ministry_though_both_are_bu():
    n = Normalizer(Glossary.from_records([
        {"id": "moa", "name": "Ministry of Orbital Affairs", "zh": "轨道事务部"},
        {"id": "dept", "name": "Publicity Department of the Qinling Committee", "zh": "秦岭委员会宣传部"},
    ]))
    assert _id(n, "Department of Orbital Affairs") is None
    assert _id(n, "Orbital Affairs Department") is None
    assert _id(n, "Orbital Affairs Ministry") == "moa"
    assert _id(n, "Ministry of Orbital Affairs") == "moa"
    assert _id(n, "Publicity Department of the Qinling Committee") == "dept"


@pytest.fixture(scope="module")
def school() -> Normalizer:
    # a school (学校) the glossary also calls an "Academy" in English
    return Normalizer(Glossary.from_records([
        {"id": "qss", "name": "Qinling Signal Sergeant School", "zh": "秦岭信号兵士官学校",
         "aliases": ["Qinling Signal Academy"]},
    ]))


@pytest.mark.parametrize("query", [
    "Qinling Signal Research Institute",  # 研究院 or 研究所: never a 学校, however "Academy" reads
    "秦岭信号兵研究院",  # in Chinese the last word says what the body is
    "秦岭信号兵研究所",
])
def test_a_type_its_full_chinese_name_never_ends_in_names_another_body(school, query):
    assert school.match(query) is None


@pytest.mark.parametrize("query", [
    "Qinling Signal Academy", "Qinling Signal Sergeant School", "秦岭信号兵士官学校",
])
def test_the_school_s_own_names_still_read(school, query):
    assert _id(school, query) == "qss"
