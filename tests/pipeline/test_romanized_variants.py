"""Stage 6, aeronorm.pipeline.pinyin: tone marks and numbers, hybrids, derived keys, mended typos."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.lexicon import Kind
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.entity_ids import ids_of
from aeronorm.pipeline.pinyin import derived_forms, pinyin_letters
from aeronorm.pipeline.query import Query

from .stages import answer_id as _id

RECORDS = [
    {
        "id": "casic",
        "name": "China Aerospace Science and Industry Corporation Limited",
        "zh": "中国航天科工集团有限公司",
        "abbreviations": ["CASIC"],
    },
    {
        "id": "casc",
        "name": "China Aerospace Science and Technology Corporation",
        "zh": "中国航天科技集团有限公司",
    },
    {"id": "nwpu", "name": "Northwestern Polytechnical University", "zh": "西北工业大学"},
    {"id": "nuaa", "name": "Nanjing University of Aeronautics and Astronautics", "zh": "南京航空航天大学"},
    {"id": "hit", "name": "Harbin Institute of Technology", "zh": "哈尔滨工业大学"},
    {"id": "nudt", "name": "National University of Defense Technology", "zh": "国防科技大学"},
    {"id": "space-pioneer", "name": "Space Pioneer", "zh": "北京天兵科技有限公司"},
    {"id": "minospace", "name": "MinoSpace", "zh": "北京微纳星空科技有限公司"},
    {"id": "frontier", "name": "Final Frontier Aerospace", "zh": "最终前沿（山东）航天科技有限公司"},
    {"id": "sise", "name": "Shanghai Institute of Satellite Engineering", "zh": "上海卫星工程研究所"},
    {"id": "nmg", "name": "Inner Mongolia Autonomous Region", "type": "place", "zh": "内蒙古自治区"},
    {"id": "sued", "name": "Strategy Department", "zh": "战略规划部"},
    {"id": "cas", "name": "Chinese Academy of Sciences", "zh": "中国科学院"},
    {"id": "cas-h", "name": "CAS Holdings", "zh": "中国科学院控股有限公司"},
    {"id": "lv", "name": "Lü Bu", "type": "person", "zh": "吕布"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


# -- spellings of pinyin -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Zhongguo Hangtian Kegong Jituan",
        "ZhongguoHangtianKegong",
        "Zhōngguó Hángtiān Kēgōng Jítuán",
        "Zhong1guo2 Hang2tian1 Ke1gong1 Ji2tuan2",
        "Zhong-guo Hang-tian Ke-gong",
        "zhong guo hang tian ke gong",
        "Hangtian Kegong",
    ],
)
def test_pinyin_spellings(n, text):
    assert _id(n, text) == "casic"


def test_tone_numbers_only_when_they_leave_pinyin():
    assert pinyin_letters("Zhong1guo2 Hang2tian1") == ["zhongguohangtian"]
    assert pinyin_letters("Beijing 2022") == []


def test_u_umlaut_spellings(n):
    assert _id(n, "Zhanlüe Guihua Bu") == "sued"
    assert _id(n, "Zhanlue Guihua Bu") == "sued"
    assert _id(n, "Zhanlve Guihua Bu") == "sued"


def test_kegong_and_keji_are_never_bridged(n):
    assert _id(n, "Zhongguo Hangtian Keji Jituan") == "casc"
    assert _id(n, "Zhongguo Hangtian Kegong Jituan") == "casic"
    assert _id(n, "Zhongguo Hangtian Keyi Jituan") is None


# -- pinyin-English hybrids ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Beijing Weina Xingkong Keji Co.", "minospace"),
        ("Beijing Weina Xingkong Technology Co., Ltd.", "minospace"),
        ("Guofang Keji University", "nudt"),
        ("Harbin Gongye Daxue", "hit"),  # English place name for 哈尔滨
        ("Shanghai Weixing Gongcheng Research Institute", "sise"),
        ("Weina Xingkong", "minospace"),  # place and descriptor left out of the full key
    ],
)
def test_hybrids(n, text, entity_id):
    assert _id(n, text) == entity_id


def test_a_place_before_an_institution_its_names_do_not_carry_is_no_answer(n):
    # a company may be registered where its name does not say; before an institution's name a
    # place names another one ("Shenzhen Qinghua Daxue"), even where it is right ("Hunan" for
    # NUDT): the glossary does not say which
    assert _id(n, "Hunan Guofang Keji University") is None
    assert _id(n, "Beijing Weina Xingkong Keji Co.") == "minospace"


def test_all_english_is_not_this_stage(n):
    assert n.pipeline.stages["pinyin"].match(Query("Space Engineering University")) is None


# -- places ---------------------------------------------------------------------------------------------
def test_leading_place_may_be_left_out_but_not_replaced(n):
    assert _id(n, "Tianbing Keji") == "space-pioneer"
    assert _id(n, "Beijing Tianbing Keji") == "space-pioneer"
    assert _id(n, "Shanghai Tianbing Keji") is None
    out = n.pipeline.stages["pinyin"].match(Query("Shanghai Tianbing Keji"))
    assert out is not None and out.entity is None  # an abstention, so fuzzy cannot bridge it


def test_bracketed_place_must_fit(n):
    assert _id(n, "Tianbing Keji (Beijing)") == "space-pioneer"
    assert _id(n, "Tianbing Keji (Shanghai)") is None


def test_place_with_administrative_suffix(n):
    assert _id(n, "Nei Menggu") == "nmg"
    assert _id(n, "Neimenggu Zizhiqu") == "nmg"
    # the suffix alone names no region
    assert "zizhiqu" not in n.pipeline.stages["pinyin"].pinyin_keys.get().keys


# -- derived keys ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Xibei Gongda", "nwpu"),
        ("Xigongda", "nwpu"),
        ("Hagongda", "hit"),
        ("Nanhang Daxue", "nuaa"),
        ("Nanhang University", "nuaa"),
        ("Zuizhong Qianyan", "frontier"),
    ],
)
def test_derived_keys(n, text, entity_id):
    m = n.match(text)
    assert m is not None and m.entity_id == entity_id
    assert m.score == DEFAULT_CALIBRATION.pinyin_derived


def test_derived_keys_need_three_syllables(n):
    assert _id(n, "Nanhang") is None
    assert n.pipeline.stages["pinyin"].match(Query("Tianbing")) is None


def test_derived_forms_of_a_name():
    forms = derived_forms([("西北", Kind.PLACE), ("工业大学", Kind.NAME)])
    assert forms["西北工大"] == "xibeigongda"
    assert forms["西工大"] == "xigongda"
    assert "西北工业大学" not in forms  # the full name is not derived
    assert all(len(f) >= 3 for f in forms)


def test_derived_forms_brand():
    pieces = [
        ("南京", Kind.PLACE),
        ("信大", Kind.NAME),
        ("卫星", Kind.NAME),
        ("应用", Kind.NAME),
        ("研究院", Kind.NAME),
    ]
    forms = derived_forms(pieces, lexicon_terms={"卫星", "应用", "研究院"})
    assert forms["南信大"] == "nanxinda"
    assert forms["南京信大"] == "nanjingxinda"


def test_roman_index_is_built_once(n):
    ri = n.pipeline.stages["pinyin"].roman.get()
    assert n.pipeline.stages["pinyin"].roman.get() is ri
    assert ids_of(ri.derived, "xibeigongda") == (n.glossary.entities.index(n.glossary["nwpu"]),)  # 西北工大


# -- whole names before shortened ones -------------------------------------------------------------------
def test_a_whole_romanisation_beats_a_shortened_key(n):
    m = n.match("Zhongguo Kexueyuan")
    assert m is not None and m.entity_id == "cas"
    assert m.score == DEFAULT_CALIBRATION.pinyin


# -- one misspelt word ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Shanghai weixing gongcheng yanjiu suog", "sise"),
        ("Zhongguo Hangtiang Kegong", "casic"),
    ],
)
def test_one_misspelt_word_is_mended(n, text, entity_id):
    m = n.match(text)
    assert m is not None and m.entity_id == entity_id
    assert m.score == DEFAULT_CALIBRATION.pinyin_repaired


@pytest.mark.parametrize(
    "text",
    [
        "Zhongguo Hangtian Kegang",  # 'kegang' is pinyin: a different name, not a typo
        "Shanghai weixing gongcheng yanjiu suoxx",  # two letters off
        "Hangtiang Kegong",  # too short to mend safely
    ],
)
def test_mending_is_conservative(n, text):
    m = n.match(text)
    assert m is None or m.method != "pinyin" or m.score != DEFAULT_CALIBRATION.pinyin_repaired


def test_person_pinyin_keys_write_u_for_u_umlaut(n):
    assert "lubu" in n.pipeline.stages["pinyin"].pinyin_keys.get().keys


def test_a_derived_form_that_drops_the_place_keeps_something_of_its_own():
    # without its city, an electronics university's nickname is every such university's
    # (电子科大); with the city's character, or a region, or nothing dropped, it is this one's
    terms = {"电子", "科技大学", "工业大学", "科学院", "大学", "国防"}
    forms = derived_forms([("西安", Kind.PLACE), ("电子", Kind.NAME), ("科技大学", Kind.NAME)],
                          lexicon_terms=terms)
    assert "电子科大" not in forms and "西安电子科大" in forms and "西电科大" in forms
    # the country, whole or cut to one character, is no place of its own (中国科大, 中科大);
    # dropped whole it is a scope left out (国防科大 of a national university)
    forms = derived_forms([("中国", Kind.GENERIC), ("科学院", Kind.NAME), ("大学", Kind.NAME)],
                          lexicon_terms=terms)
    assert "中科大" not in forms and "中国科大" not in forms
    forms = derived_forms([("国防", Kind.NAME), ("科技大学", Kind.NAME)], lexicon_terms=terms)
    assert forms["国防科大"] == "guofangkeda"
    assert "国科大" not in forms  # no word kept whole: another university's nickname
    # a region is one (西北 of 西北工业大学, read by the lexicon as a compass word)
    forms = derived_forms([("西北", Kind.NAME), ("工业大学", Kind.NAME)], lexicon_terms=terms | {"西北"})
    assert forms["西工大"] == "xigongda"


def test_a_nickname_without_its_city_names_no_university():
    n = Normalizer(Glossary.from_records([{"id": "xd", "name": "Xi'an Electronics University",
                                           "zh": "西安电子科技大学", "type": "org"}]))
    assert n.match("Dianzi Keda") is None
    assert n.match("Xi'an Dianzi Keda").entity_id == "xd"
