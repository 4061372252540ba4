"""Stage 2, aeronorm.pipeline.chinese: Han input against Chinese names, never through pinyin."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.query import Query

from .stages import answer_id as _id

RECORDS = [
    {
        "id": "casic",
        "name": "China Aerospace Science and Industry Corporation Limited",
        "zh": "中国航天科工集团有限公司",
        "abbreviations": ["CASIC"],
        "zh_aliases": ["航天科工", "中国航天科工"],
    },
    {
        "id": "casic-2",
        "name": "Second Academy of CASIC",
        "zh": "中国航天科工集团第二研究院",
        "zh_aliases": ["航天科工二院", "二院"],
    },
    {
        "id": "casic-3",
        "name": "Third Academy of CASIC",
        "zh": "中国航天科工集团第三研究院",
        "zh_aliases": ["航天科工三院", "三院"],
    },
    {
        "id": "casc",
        "name": "China Aerospace Science and Technology Corporation",
        "zh": "中国航天科技集团有限公司",
        "abbreviations": ["CASC"],
        "zh_aliases": ["航天科技"],
    },
    {
        "id": "calt",
        "name": "China Academy of Launch Vehicle Technology",
        "zh": "中国运载火箭技术研究院",
        "zh_aliases": ["航天一院", "一院"],
    },
    {
        "id": "casic-1",
        "name": "CASIC Academy of Information Technology",
        "zh": "中国航天科工信息技术研究院",
        "zh_aliases": ["航天科工一院", "一院"],
    },
    {
        "id": "nwpu",
        "name": "Northwestern Polytechnical University",
        "zh": "西北工业大学",
        "abbreviations": ["NWPU"],
    },
    {
        "id": "space-pioneer",
        "name": "Space Pioneer",
        "zh": "北京天兵科技有限公司",
        "zh_aliases": ["天兵科技"],
    },
    {"id": "minospace", "name": "MinoSpace", "zh": "北京微纳星空科技有限公司"},
    {"id": "zhiyi", "name": "Zhiyi Aerospace", "zh": "知一航宇（北京）科技有限公司"},
    {"id": "shanghai", "name": "Shanghai Municipality", "type": "place", "zh": "上海市"},
    {"id": "nmg", "name": "Inner Mongolia Autonomous Region", "type": "place", "zh": "内蒙古自治区"},
    {"id": "zkj", "name": "Zhang Kejian", "type": "person", "zh": "张克俭"},
    {"id": "zjh", "name": "Zhang Jianheng", "type": "person", "zh": "张建恒"},
    {"id": "lh", "name": "Li Hong", "type": "person", "zh": "李洪"},
    {"id": "cccg", "name": "China Communications Construction Group", "zh": "中国交通建设集团有限公司"},
    {"id": "cccc", "name": "China Communications Construction Company", "zh": "中国交通建设股份有限公司"},
    {"id": "boc", "name": "Bank of China", "zh": "中国银行股份有限公司"},
    {"id": "pla-ssf", "name": "PLA Strategic Support Force", "zh": "中国人民解放军战略支援部队"},
    {"id": "director", "name": "Director", "type": "title", "zh": "局长"},
    {"id": "chairman", "name": "Chairman", "type": "title", "zh": "董事长"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def _stage(n: Normalizer, text: str, type_: str | None = None):
    allowed = n.index.by_type.get(type_, set()) if type_ else None
    return n.pipeline.stages["chinese"].match(Query(text), allowed)


# -- exact, after folding ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("中國航天科工集團有限公司", "casic"),  # traditional
        ("中國航天科工集團第二研究院", "casic-2"),
        ("張克儉", "zkj"),
        ("西北工業大學", "nwpu"),
        ("航天科工 二院", "casic-2"),  # spaces
        ("航天科工·三院", "casic-3"),  # middle dot
        ("（中国）航天科工", "casic"),  # full-width brackets around an aside
        ("知一航宇（北京）科技有限公司", "zhiyi"),
        ("知一航宇科技有限公司", "zhiyi"),  # the bracketed place left out
    ],
)
def test_exact_after_folding(n, text, entity_id):
    out = _stage(n, text)
    assert out is not None and out.entity is not None
    assert out.entity.id == entity_id
    assert out.method == "chinese"
    assert out.score == DEFAULT_CALIBRATION.chinese["exact"]


def test_folding_is_reported(n):
    out = _stage(n, "張克儉")
    assert any("traditional" in e for e in out.evidence)


# -- mixed Latin and Han ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("CASIC二院", "casic-2"),
        ("CASIC 二院", "casic-2"),
        ("ＣＡＳＩＣ二院", "casic-2"),
        ("CASIC第三研究院", "casic-3"),
        ("casic三院", "casic-3"),
        ("CASIC一院", "casic-1"),
    ],
)
def test_abbreviation_joined_to_a_chinese_suffix(n, text, entity_id):
    assert _id(n, text) == entity_id
    assert n.match(text).method == "chinese"


def test_mixed_evidence_names_the_substitution(n):
    out = _stage(n, "CASIC二院")
    assert any("CASIC = " in e for e in out.evidence)


def test_unknown_abbreviation_with_chinese_is_left_to_later_stages(n):
    assert _stage(n, "XYZ二院") is None


def test_mixed_that_names_nothing_known(n):
    assert _id(n, "CASC二院") is None  # CASC has no second academy in this glossary


# -- core: company forms, scope words, administrative suffixes -------------------------------------------
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("中国航天科工集团", "casic"),
        ("航天科工集团公司", "casic"),
        ("中国航天科工集团公司第二研究院", "casic-2"),
        ("航天科工集团二院", "casic-2"),
        ("中国航天科技集团", "casc"),
        ("航天科技集团公司", "casc"),
        ("北京天兵科技", "space-pioneer"),
        ("天兵科技有限公司", "space-pioneer"),
        ("上海", "shanghai"),
        ("内蒙古", "nmg"),
    ],
)
def test_core_names(n, text, entity_id):
    assert _id(n, text) == entity_id


def test_group_listed_company_and_holding_are_told_apart_by_their_form(n):
    assert _id(n, "中国交通建设集团公司") == "cccg"
    assert _id(n, "中国交通建设股份公司") == "cccc"
    assert _id(n, "交通建设") is None  # either of them


def test_scope_prefix_whatever_the_segmentation(n):
    assert _id(n, "人民解放军战略支援部队") == "pla-ssf"
    assert _id(n, "解放军战略支援部队") == "pla-ssf"
    assert _id(n, "战略支援部队") == "pla-ssf"


def test_a_name_shortened_to_a_common_word_is_no_name(n):
    # 银行 is a word, and with a company form a phrase ("a bank company"), as 卫星公司 is; a brand
    # so shortened needs its form (卫通集团股份公司: tests/pipeline/test_bare_brand.py)
    assert _id(n, "银行") is None
    assert _id(n, "银行股份有限公司") is None
    assert _id(n, "中國銀行") == "boc"


# -- loose: place and descriptors set aside ------------------------------------------------------------
def test_brand_without_place_and_descriptor(n):
    m = n.match("微纳星空")
    assert m is not None and m.entity_id == "minospace"
    assert m.score == DEFAULT_CALIBRATION.chinese["loose"]


def test_place_in_front_of_a_local_name(n):
    assert _id(n, "北京微纳星空") == "minospace"


def test_another_place_is_another_entity(n):
    assert _id(n, "上海天兵科技") is None
    assert _id(n, "上海微纳星空科技有限公司") is None


def test_a_place_in_front_of_a_national_name_is_another_entity(n):
    assert _id(n, "北京航天科工") is None


# -- precision ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("航天科工", "casic"),
        ("航天科技", "casc"),
        ("中国航天科工集团", "casic"),
        ("中国航天科技集团", "casc"),
        ("中國航天科技集團", "casc"),
        ("中國航天科工集團", "casic"),
    ],
)
def test_keji_and_kegong_are_never_bridged(n, text, entity_id):
    assert _id(n, text) == entity_id


@pytest.mark.parametrize(
    "text",
    [
        "章克俭",  # homophone of 张克俭
        "张克检",
        "李红",  # homophone of 李洪
        "张建",  # shares a surname and a character with 张建恒
        "李洪志",  # longer than 李洪
        "中国航天科工集团第二研究院二部",  # a department of the academy
        "航天科工董事长",  # the chairman, not the company
        "西北工业大学出版社",
        "航天科",
    ],
)
def test_pure_chinese_that_fits_no_name_is_an_abstention(n, text):
    out = _stage(n, text)
    assert out is not None and out.entity is None
    assert n.match(text) is None  # and no later stage compares it by sound


def test_a_key_two_entities_share_is_an_abstention(n):
    assert n.match("一院") is None  # the first academy of CASC and of CASIC
    assert n.match("一院研究院") is None
    explained = n.explain("一院")
    assert "calt" in explained and "casic-1" in explained


def test_type_filter(n):
    assert n.match("张克俭", type="person").entity_id == "zkj"
    assert n.match("张克俭", type="org") is None
    assert n.match("中國航天科工集團", type="org").entity_id == "casic"


# -- embedded names (jieba) ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["张克俭局长", "张克俭同志", "張克儉局長", "张克俭 先生"])
def test_person_with_a_title_or_honorific(n, text):
    m = n.match(text)
    assert m is not None and m.entity_id == "zkj"
    assert m.score == DEFAULT_CALIBRATION.chinese["embedded"]


def test_embedded_needs_everything_else_to_be_ignorable(n):
    assert n.match("张克俭和李洪") is None  # two people
    assert n.match("张克俭局长讲话") is None  # a sentence, not a name


def test_non_chinese_input_is_not_this_stage(n):
    assert _stage(n, "Northwestern Polytechnical University") is None


def test_chinese_index_is_built_once(n):
    assert n.pipeline.stages["chinese"].table.get() is n.pipeline.stages["chinese"].table.get()


# -- the shipped glossary: every Chinese name, simplified and traditional ----------------------------------
@pytest.fixture(scope="module")
def shipped() -> Normalizer:
    return Normalizer()


def _unique_chinese_names(normalizer: Normalizer):
    owners: dict[str, set[str]] = {}
    for e in normalizer.glossary.entities:
        for zh in e.chinese_names():
            owners.setdefault(zh, set()).add(e.id)
    terms = {e.id for e in normalizer.glossary.by_type("term")}  # vocabulary: never a name's answer
    return [(zh, next(iter(ids))) for zh, ids in owners.items() if len(ids) == 1 and not ids & terms]


def test_shipped_chinese_names_simplified_and_traditional(shipped):
    import opencc

    s2t = opencc.OpenCC("s2t")
    wrong, missed = [], []
    names = _unique_chinese_names(shipped)
    for zh, entity_id in names:
        for form in (zh, s2t.convert(zh)):
            m = shipped.match(form)
            if m is None:
                missed.append(form)
            elif m.entity_id != entity_id:
                wrong.append((form, m.entity_id, entity_id))
    assert wrong == []
    assert len(missed) <= len(names) // 50, missed


def test_a_group_s_short_form_with_a_trade_after_it_is_a_company_named_after_the_group(normalizer):
    assert normalizer.match("中国航天科工信息技术有限公司") is None  # CASIC's IT company, not CASIC
    n = Normalizer(Glossary.from_records([
        {"id": "grp", "name": "China Kestrel Aerospace Group Co., Ltd.", "zh": "中国鹰隼航天集团有限公司",
         "zh_aliases": ["鹰隼航天"]},
        {"id": "co", "name": "Lark Rocket Technology Co., Ltd.", "zh": "云雀火箭科技有限公司"},
    ]))
    assert n.match("中国鹰隼航天信息技术有限公司") is None  # the group's IT company
    assert n.match("鹰隼航天技术有限公司") is None
    assert n.match("鹰隼航天信息技术") is None
    assert n.match("鹰隼航天集团").entity_id == "grp"
    assert n.match("鹰隼航天").entity_id == "grp"
    assert n.match("云雀火箭有限公司").entity_id == "co"  # a company's own descriptor left out
