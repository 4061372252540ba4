"""A company's full name states its trade: a company form after a brand and a trade word the
glossary's name does not have ("Technology" for "Aerospace Technology") is another company of the
same brand; a romanised common word is no brand. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "tianxing", "name": "Nanhu Tianxing Aerospace Technology Co., Ltd.",
     "zh": "南湖天星航天科技有限公司"},
    {"id": "qiaofeng", "name": "Qiaofeng Securities Co., Ltd.", "zh": "桥峰证券股份有限公司"},
    {"id": "yuzhan", "name": "Guangnan Yuzhan Space Joint Stock Company", "zh": "广南宇展航天股份有限公司"},
    {"id": "donghai", "name": "East Sea Marine Cooperation Organization", "zh": "东海海洋合作组织"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Nanhu Tianxing Technology Co., Ltd.",  # the name's trade is aerospace technology
    "Tianxing Technology Co., Ltd.",
    "Qiaofeng Investment Co., Ltd.",  # another trade word in its place
])
def test_a_full_name_without_the_names_trade_word_is_another_company(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Nanhu Tianxing Aerospace Technology Co., Ltd.", "tianxing"),
    ("Nanhu Tianxing Aerospace Technology", "tianxing"),
    ("Tianxing Aerospace Technology Co., Ltd.", "tianxing"),  # the place of registration left out
    ("Qiaofeng Securities", "qiaofeng"),
    ("Guangnan Yuzhan Space Co., Ltd.", "yuzhan"),  # "Joint Stock" is a company form, not a trade
])
def test_the_same_trade_or_no_company_form_still_names_it(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


@pytest.mark.parametrize("query", ["Zuzhi", "Hezuo", "Hezuo Zuzhi"])
def test_a_romanised_common_word_is_no_brand(n, query):
    # 组织 "organisation", 合作 "cooperation": the pinyin of a common word names no body alone
    assert n.match(query) is None


def test_the_lexicon_tells_a_romanised_common_word_from_a_brand(n):
    lex = n.index.lexicon
    (zuzhi,) = lex.tokens("Zuzhi")
    (tianxing,) = lex.tokens("Tianxing")
    assert not lex.is_proper(zuzhi)
    assert lex.is_proper(tianxing)


@pytest.mark.parametrize("query", [
    "Tianxing Technology",  # the name is "Tianxing Aerospace Technology"
    "Nanhu Tianxing Technology",
])
def test_a_short_name_with_the_descriptor_but_not_the_word_before_it_is_another_company(n, query):
    assert n.match(query) is None
    assert "another company" in n.explain(query)


def test_half_a_brand_before_the_descriptor_is_another_company():
    n = Normalizer(Glossary.from_records([
        {"id": "dg", "name": "Beijing Donggu Gaoke Technology Co., Ltd.", "zh": "北京东谷高科科技有限公司"}]))
    assert n.match("Donggu Technology") is None
    m = n.match("Donggu Gaoke Technology")
    assert m is not None and m.entity_id == "dg"


def test_the_trade_word_may_be_the_names_first_word():
    # "Satellite Technology Kestrel": the word before the descriptor is the name's first
    from aeronorm.pipeline.fuzzy import EntityFacts

    n = Normalizer(Glossary.from_records([{"id": "x", "name": "X"}]))
    lex, fuzzy = n.index.lexicon, n.pipeline.stages["fuzzy"]
    score, why = fuzzy.score(lex.read("Kestrel Technology"), lex.read("Satellite Technology Kestrel"),
                             facts=EntityFacts(company=True))
    assert score == 0.0 and "another company" in why[0]



def test_a_trade_and_a_company_form_alone_name_no_company():
    # a company named after its parent ("Velmora Orbital"): the parent's words in its name only
    # describe it, but left out, the trade alone ("Finance Company") is every finance company's
    n = Normalizer(Glossary.from_records([
        {"id": "vo", "name": "Velmora Orbital Corporation"},
        {"id": "fin", "name": "Velmora Orbital Finance Co., Ltd.", "parent": "vo"}]))
    for query in ("Finance Company Limited", "Finance Co., Ltd.", "Finance Corporation"):
        assert n.match(query) is None, query
    assert n.match("Velmora Orbital Finance Company Limited").entity_id == "fin"
