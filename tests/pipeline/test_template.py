"""Stage 2, template: titles with a place in their slot, or written with the body they are the post of."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.query import Query
from aeronorm.pipeline.run import LANES, STAGES
from aeronorm.pipeline.template import TemplateStage

from .stages import answer_id as _id
from .stages import run_stage

RECORDS = [
    {"id": "sec", "name": "Secretary of the Vega Provincial Council", "type": "title",
     "templates": ["Secretary of the Vega {province} Provincial Council", "{province} Vega Secretary"]},
    {"id": "vp-academy", "name": "Vice President", "type": "title", "aliases": ["Deputy Head"],
     "bodies": ["academy"], "description": "deputy head of an academy"},
    {"id": "vp-company", "name": "Deputy General Manager", "type": "title",
     "aliases": ["Vice President", "Deputy Head"], "bodies": ["company"]},
    {"id": "minister", "name": "Minister", "type": "title", "bodies": ["ministry"]},
    {"id": "acad", "name": "Orion Academy of Rocketry", "abbreviations": ["OAR"], "zh": "猎户座火箭研究院"},
    {"id": "corp", "name": "Orion Rocket Corporation", "abbreviations": ["ORC"],
     "zh": "猎户座火箭集团有限公司"},
    {"id": "fujian", "name": "Fujian Province", "type": "place", "zh": "福建省", "aliases": ["Fujian"]},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def test_registered_after_exact_in_the_latin_lane():
    assert TemplateStage in STAGES and STAGES.index(TemplateStage) == 1
    assert LANES["latin"][:2] == ("exact", "template") and "template" not in LANES["han"]


@pytest.mark.parametrize(("query", "canonical"), [
    ("Secretary of Vega Fujian Provincial Council", "Secretary of the Vega Fujian Provincial Council"),
    ("secretary of the vega Hubei provincial council", "Secretary of the Vega Hubei Provincial Council"),
    ("Inner Mongolia Vega Secretary", "Secretary of the Vega Inner Mongolia Provincial Council"),
])
def test_the_slot_holds_a_place_and_is_kept(n, query, canonical):
    m = n.match(query)
    assert m is not None and (m.entity_id, m.canonical, m.method) == ("sec", canonical, "template")
    assert m.score == DEFAULT_CALIBRATION.template
    assert n.normalize(query) == canonical


@pytest.mark.parametrize("query", [
    "Secretary of Vega Springfield Provincial Council",  # no place
    "Secretary of Vega Provincial Council",  # no slot filled: not this stage's (no template word matches)
    "Secretary of Vega Fujian Hubei Provincial Council Annex",  # more words than the template has
])
def test_no_place_no_template(n, query):
    outcome = run_stage("template", n.index, Query(query))
    assert outcome is None


@pytest.mark.parametrize(("query", "eid", "canonical"), [
    ("Vice President of OAR", "vp-academy", "Vice President of OAR"),
    ("Vice President of the Orion Rocket Corporation", "vp-company",
     "Deputy General Manager of the Orion Rocket Corporation"),
    ("ORC Deputy Head", "vp-company", "Deputy General Manager of ORC"),
    ("OAR's Deputy Head", "vp-academy", "Vice President of OAR"),
])
def test_the_body_decides_between_titles_written_alike(n, query, eid, canonical):
    m = n.match(query)
    assert m is not None and (m.entity_id, m.canonical, m.method) == (eid, canonical, "template")
    assert m.score == DEFAULT_CALIBRATION.title_of_body
    if eid == "vp-academy":
        assert m.description == "deputy head of an academy"


def test_a_title_of_another_kind_of_body_is_no_answer(n):
    assert run_stage("template", n.index, Query("Minister of OAR")) is None
    assert run_stage("template", n.index, Query("Vice President of Fujian")) is None  # fits neither
    assert n.match("Vice President") is None  # written alike, no body: ambiguous


def test_allowed_and_type_are_respected(n):
    assert n.match("Vice President of OAR", type="org") is None
    allowed = {i for i, e in enumerate(n.index.entities) if e.id != "vp-academy"}
    assert run_stage("template", n.index, Query("Vice President of OAR"), allowed) is None


def test_shipped_templates_and_bodies(normalizer):
    m = normalizer.match("Secretary of CPC Guangdong Provincial Committee")
    assert m is not None and m.canonical == "Secretary of the CPC Guangdong Provincial Committee"
    m = normalizer.match("Deputy Director of CNSA")
    assert m is not None and m.entity_id == "title-deputy-administrator"
    assert m.canonical == "Vice Administrator of CNSA"
    m = normalizer.match("Vice President of CALT")
    assert m is not None and m.entity_id == "title-vice-president-academy"


def test_a_place_inside_another_place_has_no_provinces_post():
    n = Normalizer(Glossary.from_records([
        {"id": "governor", "name": "Governor", "type": "title", "zh": "省长", "bodies": ["province"]},
        {"id": "mayor", "name": "Mayor", "type": "title", "zh": "市长", "bodies": ["city"]},
        {"id": "nanhu", "name": "Nanhu", "type": "place", "zh": "南湖"},
        {"id": "qiaoshan", "name": "Qiaoshan", "type": "place", "zh": "桥山", "parent": "nanhu"},
    ]))
    assert n.match("Governor of Qiaoshan") is None  # a place in Nanhu: no province
    assert n.match("Mayor of Qiaoshan").entity_id == "mayor"
    assert n.match("Governor of Nanhu").entity_id == "governor"  # nothing says it is no province


def test_a_title_without_bodies_takes_them_from_its_chinese_name():
    # 市长 is the head of a city (市), 副部长 of a ministry (部): a glossary that gives no bodies
    n = Normalizer(Glossary.from_records([
        {"id": "mayor", "name": "Mayor", "type": "title", "zh": "市长"},
        {"id": "vice-minister", "name": "Vice Minister", "type": "title", "zh": "副部长"},
        {"id": "vega-prov", "name": "Vega Province", "type": "place", "zh": "织女省"},
        {"id": "vega-city", "name": "Vega City", "type": "place", "zh": "织女市"},
        {"id": "orbits", "name": "Ministry of Orbits", "zh": "轨道部"},
    ]))
    assert n.match("Mayor of Vega Province") is None
    assert n.match("Vice Minister of Vega City") is None
    assert n.match("Mayor of Vega City").entity_id == "mayor"
    assert n.match("Vice Minister of the Ministry of Orbits").entity_id == "vice-minister"


def test_a_chinese_place_without_its_suffix_is_a_province_or_below_one():
    # 南京 is below a province (places.yaml provinces): a governor's post is a province's
    n = Normalizer(Glossary.from_records([
        {"id": "gov", "name": "Governor", "type": "title", "zh": "省长", "bodies": ["province"]},
        {"id": "mayor", "name": "Mayor", "type": "title", "zh": "市长", "bodies": ["city"]},
        {"id": "nj", "name": "Nanjing", "zh": "南京", "type": "place"},
        {"id": "js", "name": "Jiangsu", "zh": "江苏", "type": "place"},
        {"id": "sh", "name": "Shanghai", "zh": "上海", "type": "place"},  # a municipality: a mayor's
    ]))
    assert n.match("Governor of Nanjing") is None
    assert n.match("Governor of Shanghai") is None
    assert n.match("Mayor of Jiangsu") is None
    assert n.match("Governor of Jiangsu").entity_id == "gov"
    assert n.match("Mayor of Nanjing").entity_id == "mayor"
    assert n.match("Mayor of Shanghai").entity_id == "mayor"


def test_a_post_s_chinese_name_says_its_bodies_where_the_glossary_does_not():
    # no ``bodies`` given: 院士 is an academy's member, 总经理 a company's
    n = Normalizer(Glossary.from_records([
        {"id": "acad", "name": "Academician", "zh": "院士", "type": "title"},
        {"id": "gm", "name": "General Manager", "zh": "总经理", "type": "title"},
        {"id": "ou", "name": "Orbix University", "zh": "奥比斯大学"},
        {"id": "oas", "name": "Orbix Academy of Sciences", "zh": "奥比斯科学院"},
        {"id": "oco", "name": "Orbix Rocket Co., Ltd.", "zh": "奥比斯火箭有限公司"},
    ]))
    assert n.match("Academician of Orbix University") is None
    assert n.match("General Manager of Orbix University") is None
    assert _id(n, "Academician of the Orbix Academy of Sciences") == "acad"
    assert _id(n, "General Manager of Orbix Rocket Co., Ltd.") == "gm"


# The shipped titles of the two Party secretaries: a Party leadership group (党组) is a state body's or
# a state company's, a Party committee (党委) a university's, a company's or an academy's. "Party
# Secretary" is a name of both, so a company's is either and the body's kind decides nothing.
PARTY_BODIES = [
    {"id": "p-ministry", "name": "Ministry of Orbital Affairs", "zh": "轨道事务部"},
    {"id": "p-university", "name": "Qiming University", "zh": "启明大学"},
    {"id": "p-company", "name": "Orion Launch Corporation", "zh": "猎户座发射有限公司"},
]


@pytest.fixture(scope="module")
def party() -> Normalizer:
    titles = [r for r in Glossary.default().to_records() if r["id"].startswith("title-party-")]
    return Normalizer(Glossary.from_records(titles + PARTY_BODIES))


@pytest.mark.parametrize(("query", "expected"), [
    ("Party Secretary of the Ministry of Orbital Affairs", "title-party-leadership-group-secretary"),
    ("Party Secretary of Qiming University", "title-party-committee-secretary"),
    ("Party Secretary of Orion Launch Corporation", None),  # 党组 or 党委: the company's is not known
    ("Party chief of Orion Launch Corporation", None),
])
def test_a_party_secretary_is_the_post_the_kind_of_body_allows(party, query, expected):
    assert _id(party, query) == expected
