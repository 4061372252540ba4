"""A Latin name written against Chinese characters, as Chinese tech media write acronyms and
brands ("国企QSG的一员", "由QSG研制"), is a word of its own for the English scan. Invented names."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "qsg", "name": "Qinling Space Group", "zh": "秦岭航天集团", "abbreviations": ["QSG"]},
    {"id": "orbix", "name": "OrbiXpace Co., Ltd.", "aliases": ["OrbiXpace"]},
    {"id": "qsg-2", "name": "Second Academy of Qinling Space Group", "zh": "秦岭航天集团第二研究院",
     "zh_aliases": ["秦岭航天二院"], "parent": "qsg"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(("text", "expected"), [
    ("作为国企QSG的一员，公司参与了研制。", ["qsg"]),
    ("12月QSG与秦岭航天二院签署协议。", ["qsg", "qsg-2"]),
    ("该火箭由OrbiXpace研制。", ["orbix"]),
    ("国企 QSG 的一员", ["qsg"]),  # with spaces, as before
])
def test_a_latin_name_glued_to_chinese_is_found(n, text, expected):
    assert [m.entity_id for m in n.find(text)] == expected


def test_the_glued_name_keeps_its_span_and_the_chinese_text_its_words(n):
    (m,) = n.find("由QSG研制")
    assert (m.start, m.end, m.text) == (1, 4, "QSG")
    # a Chinese text's names are left as written, as its Chinese names are
    assert str(n.normalize_text("由QSG研制")) == "由QSG研制"


@pytest.mark.parametrize("text", [
    "由Qsg研制",  # an acronym not in capitals is no acronym
    "中文QSGX测试",  # letters of a longer word
])
def test_what_is_no_name_stays_none(n, text):
    assert n.find(text) == []


def test_a_glued_name_after_an_english_gloss_is_still_chinese_prose():
    # most letters around it are English glosses in brackets; the name is glued to Chinese words
    n = Normalizer(Glossary.from_records([
        *RECORDS,
        {"id": "qsa", "name": "Qinling Space Administration", "zh": "秦岭航天局", "abbreviations": ["QSA"]}]))
    text = ("秦岭航天局(Qinling Space Administration)和秦岭航天集团(Qinling Space Group Corporation)。"
            "QSA作为管理机构,为QSG提供政策指导和支持。")
    assert [m.entity_id for m in n.find(text)][-2:] == ["qsa", "qsg"]
    assert str(n.normalize_text(text)) == text
