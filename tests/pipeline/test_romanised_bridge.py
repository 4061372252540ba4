"""A romanised Chinese word says which Chinese word it is: it matches an English word of a name
only through a Chinese word the entity's own Chinese name has ("Xinghe" is 星河; a company named
银河 in Chinese is "Galaxy" in English but never "Xinghe"). Invented companies."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "yinhe-orbital", "name": "Galaxy Orbital Co., Ltd.", "zh": "银河轨道有限公司"},
    {"id": "galaxy-mining", "name": "Galaxy Asteroid Mining"},  # no Chinese name: nothing to check
    {"id": "other", "name": "Kestrel Orbital Co., Ltd.", "zh": "凯斯特轨道有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def test_a_romanised_word_the_chinese_name_lacks_does_not_match_its_translation(n):
    assert _id(n, "Xinghe Orbital Co., Ltd.") is None
    assert "星河" in n.explain("Xinghe Orbital Co., Ltd.")


@pytest.mark.parametrize(("query", "expected"), [
    ("Yinhe Orbital Co., Ltd.", "yinhe-orbital"),  # the word of its Chinese name
    ("Galaxy Orbital Co., Ltd.", "yinhe-orbital"),
    ("Xinghe Asteroid Mining", "galaxy-mining"),  # no Chinese name says otherwise
])
def test_a_romanised_word_of_the_chinese_name_still_matches(n, query, expected):
    assert _id(n, query) == expected


# The other way round: a name's romanised word is the one of its homophones its Chinese name has.
HOMOPHONES = [
    {"id": "xy", "name": "Xingyun Works", "zh": "行云工程"},  # xingyun: 行云 here, 星云 "nebula" too
]


@pytest.fixture(scope="module")
def homophones() -> Normalizer:
    return Normalizer(Glossary.from_records(HOMOPHONES))


@pytest.mark.parametrize("query", ["Nebula", "Nebula Works"])
def test_a_translation_of_a_homophone_does_not_match_a_romanised_word(homophones, query):
    assert _id(homophones, query) is None


@pytest.mark.parametrize("query", ["Xingyun", "Xingyun Works", "行云工程"])
def test_the_romanised_word_itself_still_does(homophones, query):
    assert _id(homophones, query) == "xy"


def test_the_index_reads_the_romanised_word_as_the_chinese_name_has_it(homophones):
    from aeronorm.index import anchor_homophones

    lex = homophones.index.lexicon
    (tok,) = lex.read("Xingyun")
    assert {"行云", "星云"} <= tok.keys
    (anchored,) = anchor_homophones((tok,), "行云工程", lex)
    assert anchored.key == "行云" and "星云" not in anchored.keys
    assert anchor_homophones((tok,), "天宫", lex) == (tok,)  # no homophone in it: left as read
    space = lex.read("Space")
    assert anchor_homophones(space, "航天", lex) == space  # a translation keeps its concepts
