"""aeronorm.scan.chinese: Chinese mentions in Chinese and mixed running text."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Match, Normalizer
from aeronorm.scan.chinese import find_chinese as scan_chinese

RECORDS = [
    {
        "id": "casic",
        "name": "China Aerospace Science and Industry Corporation Limited",
        "zh": "中国航天科工集团有限公司",
        "abbreviations": ["CASIC"],
        "zh_aliases": ["航天科工"],
    },
    {
        "id": "casic-2",
        "name": "Second Academy of CASIC",
        "zh": "中国航天科工集团第二研究院",
        "zh_aliases": ["航天科工二院"],
    },
    {
        "id": "casc",
        "name": "China Aerospace Science and Technology Corporation",
        "zh": "中国航天科技集团有限公司",
        "abbreviations": ["CASC"],
        "zh_aliases": ["航天科技"],
    },
    {"id": "nwpu", "name": "Northwestern Polytechnical University", "zh": "西北工业大学"},
    {
        "id": "space-pioneer",
        "name": "Space Pioneer",
        "zh": "北京天兵科技有限公司",
        "zh_aliases": ["天兵科技"],
    },
    {"id": "zkj", "name": "Zhang Kejian", "type": "person", "zh": "张克俭"},
    {"id": "qxs", "name": "Qian Xuesen", "type": "person", "zh": "钱学森"},
    {"id": "lh", "name": "Li Hong", "type": "person", "zh": "李洪"},
    {"id": "director", "name": "Director", "type": "title", "zh": "局长"},
]


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


# -- mentions in Chinese and mixed text ---------------------------------------------------------------
def find_chinese(normalizer: Normalizer, text: str) -> list[tuple[int, int, Match]]:
    """The Chinese mentions of ``text`` as ``(start, end, match)``."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    stage = normalizer.pipeline.stages["chinese"]
    found = scan_chinese(text, index=normalizer.index, table=stage.table, calibration=normalizer.calibration)
    return [(m.start, m.end, m.match) for m in found]


def _found(normalizer, text):
    return [(text[s:e], m.entity_id) for s, e, m in find_chinese(normalizer, text)]


def test_find_chinese_in_simplified_text(normalizer):
    text = "昨天，西北工业大学与航天科工二院签署合作协议，张克俭局长出席。"
    assert _found(normalizer, text) == [
        ("西北工业大学", "nwpu"),
        ("航天科工二院", "casic-2"),
        ("张克俭", "zkj"),
        ("局长", "director"),
    ]


def test_find_chinese_spans_point_into_the_original_traditional_text(normalizer):
    text = "據報道，中國航天科工集團與錢學森的母校有關。"
    found = find_chinese(normalizer, text)
    assert [(text[s:e], m.entity_id) for s, e, m in found] == [
        ("中國航天科工集團", "casic"),
        ("錢學森", "qxs"),
    ]
    for s, e, m in found:
        assert m.query == text[s:e]
        assert m.method == "chinese"


def test_find_chinese_in_mixed_text(normalizer):
    text = "The CASIC二院 team met 北京天兵科技有限公司 staff in Beijing."
    assert _found(normalizer, text) == [("CASIC二院", "casic-2"), ("北京天兵科技有限公司", "space-pioneer")]


def test_find_chinese_full_width_and_spaces(normalizer):
    text = "ＣＡＳＩＣ二院和 天兵科技 的合作"
    assert _found(normalizer, text) == [("ＣＡＳＩＣ二院", "casic-2"), ("天兵科技", "space-pioneer")]


def test_find_chinese_prefers_the_longest_name(normalizer):
    text = "中国航天科工集团第二研究院今天宣布"
    assert _found(normalizer, text) == [("中国航天科工集团第二研究院", "casic-2")]


def test_find_chinese_never_bridges_keji_and_kegong(normalizer):
    text = "航天科技集团和航天科工集团"
    assert _found(normalizer, text) == [("航天科技集团", "casc"), ("航天科工集团", "casic")]


def test_find_chinese_ignores_homophones_and_unknown_names(normalizer):
    assert _found(normalizer, "章克俭和张克检都不是他") == []


def test_find_chinese_a_person_name_inside_a_longer_name_is_not_a_mention(normalizer):
    assert _found(normalizer, "李洪志和张建国来了") == []
    assert _found(normalizer, "李洪说，他和李洪志不是一个人") == [("李洪", "lh")]
    assert _found(normalizer, "会见了李洪一行") == [("李洪", "lh")]


def test_find_chinese_on_text_without_chinese(normalizer):
    assert find_chinese(normalizer, "CASIC and NWPU") == []
    assert find_chinese(normalizer, "") == []


def test_find_chinese_rejects_non_strings(normalizer):
    with pytest.raises(TypeError):
        find_chinese(normalizer, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    "据 CASC 消息，中国航天科技集团今年将实施多次发射。",  # an acronym in Chinese prose
    "中国空间技术研究院(China Academy of Space Technology，简称CAST)隶属于中国航天科技集团。",  # a gloss
    "中國航天科技集團(CASC)是中國航天的主力。",
])
def test_a_name_in_chinese_prose_is_left_as_written(normalizer, text):
    assert str(normalizer.normalize_text(text)) == text


def test_a_latin_name_beside_a_chinese_gloss_in_english_text_is_still_rewritten(normalizer):
    text = "Engineers of China Aerospace Science & Industry Corp. (中国航天科工集团) said it went well."
    assert str(normalizer.normalize_text(text)).startswith(
        "Engineers of China Aerospace Science and Industry Corporation Limited (中国航天科工集团)")
    # a long Chinese gloss whose bracket closes far away leaves the sentence English
    text = ("The China Aerospace Science & Industry Corp. ( 中国 航天 科工 集团 有限 公司 / "
            "中國 航天 科工 集團 有限 公司 , Zhōngguó Hángtiān Kēgōng ) is a state group.")
    assert str(normalizer.normalize_text(text)).startswith(
        "The China Aerospace Science and Industry Corporation Limited ( 中国")


def test_a_company_form_after_a_body_that_is_no_company_names_another_body():
    # the company that runs a spaceport, named after it, is not the spaceport; a body that
    # "controls" a listed company (控股的) is still itself
    n = Normalizer(Glossary.from_records([
        {"id": "port", "name": "Xingdao Spaceport", "zh": "星岛航天港", "type": "org"},
        {"id": "acad", "name": "Xingdao Academy", "zh": "星岛研究院", "type": "org"}]))
    assert [m.entity_id for m in n.find("星岛航天港集团总经理表示。")] == []
    assert [m.entity_id for m in n.find("星岛航天港建设加快。")] == ["port"]
    assert [m.entity_id for m in n.find("公司是星岛研究院控股的上市公司。")] == ["acad"]


CONTEXT = [
    {"id": "xh", "name": "Xinghe Group", "zh": "星河集团有限公司", "zh_aliases": ["星河集团"], "type": "org"},
    {"id": "ym", "name": "Yinyue Group", "zh": "银月集团有限公司", "zh_aliases": ["银月集团"], "type": "org"},
    {"id": "xh-8", "name": "Xinghe Eighth Academy", "zh": "星河精密技术研究院", "context_aliases": ["八院"],
     "parent": "xh", "type": "org"},
    {"id": "xh-9", "name": "Xinghe Ninth Academy", "zh": "星河电子技术研究院", "context_aliases": ["九院"],
     "parent": "xh", "type": "org"},
    {"id": "ym-9", "name": "Yinyue Ninth Academy", "zh": "银月导航技术研究院", "context_aliases": ["九院"],
     "parent": "ym", "type": "org"},
]


@pytest.mark.parametrize(("text", "found"), [
    # a bare ordinal names the academy once the text has named it
    ("星河精密技术研究院召开大会。会议宣布八院领导调整的决定。", ["xh-8", "xh-8"]),
    ("星河精密技术研究院召开大会。航天八院表示支持。", ["xh-8", "xh-8"]),  # with the field's word
    # not before, nor after the academy's group alone, nor where two academies have it
    ("八院领导调整。星河精密技术研究院召开大会。", ["xh-8"]),
    ("星河集团召开大会。八院领导调整。", ["xh"]),
    ("星河电子技术研究院与银月导航技术研究院签约，九院表示", ["xh-9", "ym-9"]),
    # an ordinal inside a longer one is none
    ("星河精密技术研究院召开大会。十八院成立。", ["xh-8"]),
])
def test_a_context_alias_names_the_entity_the_text_named(text, found):
    n = Normalizer(Glossary.from_records(CONTEXT))
    assert [m.entity_id for m in n.find(text)] == found
