"""aeronorm.pipeline.places: a company's name may leave out where it is registered, and so may an
institution named by a proper word; an institution named by common words keeps its place (there
are five 交通大学). Invented entities in real cities."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.glossary.glossary import shipped_terms
from aeronorm.lexicon import TermLexicon
from aeronorm.pipeline.places import keeps_its_place

from .stages import answer_id as _id

RECORDS = [
    {"id": "km-jiaotong", "name": "Kunming Jiaotong University", "zh": "昆明交通大学"},
    {"id": "km-optics", "name": "Kunming Qiluo Optics Institute", "zh": "昆明栖罗光学研究所"},
    {"id": "km-zhoulan", "name": "Kunming Zhoulan Technology Co., Ltd.", "zh": "昆明洲澜科技有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("zh", ["昆明交通大学", "上海交通大学", "哈尔滨工业大学"])
def test_an_institution_named_by_common_words_keeps_its_place(zh):
    lex = TermLexicon(shipped_terms())
    assert keeps_its_place(lex.zh_tokens(zh), lex)


@pytest.mark.parametrize("zh", ["昆明洲澜科技有限公司", "昆明栖罗光学研究所", "紫金山天文台", "昆明交通科技"])
def test_a_company_or_an_institution_named_by_a_proper_word_may_leave_it_out(zh):
    lex = TermLexicon(shipped_terms(), proper=())
    assert not keeps_its_place(lex.zh_tokens(zh), lex)


@pytest.mark.parametrize("query", ["Jiaotong University", "Jiaotong Daxue", "Jiao Tong University"])
def test_common_words_without_the_place_name_no_one_institution(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Kunming Jiaotong Daxue", "km-jiaotong"),
    ("Kunming Jiaotong University", "km-jiaotong"),
    ("Qiluo Optics Institute", "km-optics"),
    ("Zhoulan Keji", "km-zhoulan"),
    ("Zhoulan Technology Co., Ltd.", "km-zhoulan"),
])
def test_the_place_written_or_left_out_where_it_may_be(n, query, expected):
    assert _id(n, query) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("Hotan Prefecture Water Bureau", "hetian"),  # 和田: the usual English and the pinyin
    ("Kashi Prefecture Water Bureau", "kashgar"),  # 喀什
    ("Aksu Prefecture Water Bureau", None),  # 阿克苏: another place
])
def test_a_place_whose_usual_english_is_no_pinyin_is_one_place_either_way(query, expected):
    n = Normalizer(Glossary.from_records([
        {"id": "hetian", "name": "Hetian Prefecture Water Bureau"},
        {"id": "kashgar", "name": "Kashgar Prefecture Water Bureau"},
    ]))
    m = n.match(query)
    assert (m.entity_id if m else None) == expected
