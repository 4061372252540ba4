"""aeronorm.lexicon.align and .learn: the term lexicon learned from a glossary's own names."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.glossary import Entity, Term
from aeronorm.lexicon import TermLexicon
from aeronorm.lexicon.align import align_name
from aeronorm.lexicon.learn import learn_pairs, learn_terms


@pytest.fixture(scope="module")
def lex() -> TermLexicon:
    return TermLexicon(
        [
            Term("航天", ("aerospace", "space")),
            Term("研究所", ("institute", "research institute")),
            Term("研究院", ("academy",)),
            Term("技术", ("technology",)),
            Term("公司", ("company",)),
            Term("集团", ("group",)),
        ]
    )


# -- aligning one name ------------------------------------------------------------------------------
def test_one_leftover_on_each_side_is_a_pair(lex):
    assert align_name(lex, "航天动力研究所", "Aerospace Propulsion Institute") == ("动力", "propulsion")


def test_word_order_does_not_matter(lex):
    assert align_name(lex, "航天动力研究所", "Institute of Aerospace Propulsion") == ("动力", "propulsion")


def test_multiword_english_run(lex):
    assert align_name(lex, "月桂航天公司", "Golden Laurel Aerospace Company") == ("月桂", "golden laurel")


def test_pinyin_explains_and_splits_an_unknown_stretch(lex):
    # 天兵 is spelt in pinyin; what is left of 北京天兵动力 pairs with "propulsion".
    assert align_name(lex, "天兵动力公司", "Tianbing Propulsion Company") == ("动力", "propulsion")


@pytest.mark.parametrize(
    ("zh", "english"),
    [
        ("航天动力研究所", "Aerospace Institute"),  # nothing left on the English side
        ("航天研究所", "Aerospace Propulsion Institute"),  # nothing left on the Chinese side
        ("航天动力材料研究所", "Aerospace Propulsion Institute Materials"),  # English leftovers not together
        ("航天动力研究所", "Aerospace Dongli Institute"),  # a romanisation, not a translation
        ("航天动力研究所", "Aerospace 2 Institute"),  # a number
        ("航天动力研究所", "Aerospace PR Institute"),  # an initialism
        ("航天动力研究所", "Aerospace Technology Institute"),  # English the lexicon already knows
        ("动力研究所", "Propulsion and Power Systems Engineering Institute"),  # too many words
    ],
)
def test_no_pair(lex, zh, english):
    assert align_name(lex, zh, english) is None


def test_joining_characters_are_not_part_of_the_morpheme():
    lex = TermLexicon([Term("发展", ("development",)), Term("委员会", ("commission",))])
    assert align_name(lex, "发展和改革委员会", "Development and Reform Commission") == ("改革", "reform")


# -- learning from a glossary ---------------------------------------------------------------------------
ENTITIES = [
    Entity("a", "Aerospace Propulsion Institute", zh="航天动力研究所"),
    Entity("b", "Propulsion Technology Company", zh="动力技术公司"),
    Entity("c", "Laurel Aerospace Company", zh="月桂航天公司"),
    Entity("p", "Dongli Zhang", type="person", zh="张动力"),
]


def test_pairs_need_enough_names(lex):
    pairs = learn_pairs(ENTITIES, lex)
    assert [(p.zh, p.en, p.entities, p.support) for p in pairs] == [("动力", "propulsion", ("a", "b"), 2)]
    assert learn_pairs(ENTITIES, lex, min_count=1)[-1].zh == "月桂"  # seen once: only when asked
    assert learn_pairs(ENTITIES, lex, min_count=3) == []


def test_aliases_of_one_entity_count(lex):
    ents = [Entity("c", "Laurel Aerospace Company", zh="月桂航天公司", aliases=("Aerospace Laurel Company",))]
    assert [(p.zh, p.en, p.support) for p in learn_pairs(ents, lex)] == [("月桂", "laurel", 2)]


def test_an_english_word_pointing_elsewhere_is_not_learned(lex):
    ents = [
        Entity("a", "Aerospace Propulsion Institute", zh="航天动力研究所"),
        Entity("b", "Propulsion Company", zh="动力公司"),
        Entity("c", "Propulsion Group", zh="推进集团"),
        Entity("d", "Propulsion Academy", zh="推进研究院"),
    ]
    assert learn_pairs(ents, lex) == []  # "propulsion" is 动力 twice and 推进 twice


def test_learn_terms_groups_renderings(lex):
    ents = [
        *ENTITIES,
        Entity("d", "Power Institute", zh="动力研究所"),
        Entity("e", "Power Company", zh="动力公司"),
    ]
    terms = learn_terms(ents, lex)
    assert [(t.zh, sorted(t.renderings)) for t in terms] == [("动力", ["power", "propulsion"])]
    assert "learned" in terms[0].notes


# -- in the normalizer -----------------------------------------------------------------------------
RECORDS = [
    {"id": "a", "name": "Laurel Aerospace Company", "zh": "月桂航天公司"},
    {"id": "b", "name": "Laurel Satellite Group", "zh": "月桂卫星集团"},
    # Its English name does not say "laurel": only its Chinese name, and the learned term, do.
    {"id": "c", "name": "Bay Tree Rocket Company", "zh": "月桂火箭公司"},
]


def test_a_glossary_teaches_the_matcher_its_vocabulary():
    taught = Normalizer(Glossary.from_records(RECORDS))
    assert [(t.zh, t.renderings) for t in taught.learned_terms] == [("月桂", ("laurel",))]
    m = taught.match("Laurel Rocket Company")
    assert m is not None and m.entity_id == "c"


def test_learning_can_be_switched_off():
    plain = Normalizer(Glossary.from_records(RECORDS), learn_terms=False)
    assert plain.learned_terms == []
    assert plain.match("Laurel Rocket Company") is None


def test_learning_keeps_distinct_morphemes_apart():
    taught = Normalizer(Glossary.from_records(RECORDS))
    assert taught.match("Laurel Missile Company") is None
    assert taught.match("Laurel Aerospace Company").entity_id == "a"
    assert taught.match("Laurel Rocket Co., Ltd.").entity_id == "c"  # company forms are free
    assert taught.match("Laurel Rocket Group") is None  # but a company is no group (月桂火箭公司)


def test_shipped_glossary_learns_only_unknown_english():
    n = Normalizer()
    known = {w for t in Glossary.default().terms for w in t.renderings}
    assert n.learned_terms
    for term in n.learned_terms:
        assert not set(term.renderings) & known
