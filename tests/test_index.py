"""aeronorm.index: exact keys, concept keys, postings, weights, derived acronyms, pinyin keys."""

from __future__ import annotations

import pytest

from aeronorm.glossary import Entity, Glossary, Term
from aeronorm.index import KIND_WEIGHT, Index, concept_key
from aeronorm.lexicon import Kind, TermLexicon, Tok
from aeronorm.text import fold_key

# ------------------------------------------------------------------ derived acronyms


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Dalian University of Technology", "DLUT"),  # romanised place: one initial per syllable
        ("Dalian University of Technology", "DUT"),  # ... or one for the word
        ("Northwestern Polytechnical University", "NWPU"),  # compass compound gives two
        ("Northwestern Polytechnical University", "NPU"),
        ("Harbin Institute of Technology", "HIT"),
        ("China Space Foundation", "CSF"),
        ("Beijing University of Posts and Telecommunications", "BUPT"),
        ("Nanjing University of Aeronautics and Astronautics", "NUAA"),
        ("Xi'an Jiaotong University", "XJTU"),
        ("Southwest Jiaotong University", "SWJTU"),
        ("Beijing Institute of Strength and Environment", "BISE"),
    ],
)
def test_derive_acronyms(index, name, acronym):
    assert acronym in index.derive_acronyms(name)


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_derive_acronyms_xian_gives_two_initials(index, apostrophe):
    assert "XATU" in index.derive_acronyms(f"Xi{apostrophe}an Technological University")


def test_derived_acronyms_skip_function_words(index):
    acros = index.derive_acronyms("Beijing Institute of Strength and Environment")
    assert "BISE" in acros
    assert not {"BIOSAE", "BISAE", "BIOSE"} & acros
    assert all(len(a) >= 3 and a.isupper() and a.isalnum() for a in acros)


def test_derived_acronyms_of_company_names(index):
    acros = index.derive_acronyms("China Great Wall Industry Co., Ltd.")
    assert "CGWI" in acros
    assert "CGWICL" not in acros  # at most one letter for the company form


def test_derived_acronyms_ignore_asides_and_use_comma_parts(index):
    assert "NWPU" in index.derive_acronyms("Northwestern Polytechnical University (Shaanxi)")
    assert "NWPUS" not in index.derive_acronyms("Northwestern Polytechnical University (Shaanxi)")
    parts = index.derive_acronyms("Aerospace Information Research Institute, Chinese Academy of Sciences")
    assert {"AIRI", "CAS"} <= parts


def test_derive_acronyms_limits(index):
    assert index.derive_acronyms("") == set()
    assert index.derive_acronyms("of the and") == set()
    assert index.derive_acronyms(" ".join(["Alpha"] * 11)) == set()  # too long to be abbreviated
    assert len(index.derive_acronyms("Dalian Harbin Xiamen Fuzhou Nanjing Changchun Beijing", limit=5)) <= 5


def test_acronym_table_excludes_people(index, glossary):
    nwpu = [i for i, e in enumerate(index.entities) if e.id == "nwpu"]
    assert set(nwpu) <= index.acronyms["NWPU"]
    people = {i for i, e in enumerate(index.entities) if e.type == "person"}
    assert not any(ids & people for ids in index.acronyms.values())


# ------------------------------------------------------------------ exact and concept tables


def test_exact_keys_cover_every_written_form(index):
    for i, e in enumerate(index.entities):
        for s in (e.name, *e.aliases, *e.abbreviations, *e.chinese_names()):
            key = fold_key(s)
            if key:
                assert i in index.exact[key], (e.id, s)


def test_exact_labels(index):
    i = next(i for i, e in enumerate(index.entities) if e.id == "casic")
    assert index.exact_label[("casic", i)] == "abbreviation"
    assert (
        index.exact_label[(fold_key("China Aerospace Science and Industry Corporation Limited"), i)] == "name"
    )
    assert index.exact_label[("航天科工", i)] == "zh_alias"


def test_by_type_partitions_the_entities(index):
    seen: set[int] = set()
    for etype, ids in index.by_type.items():
        assert all(index.entities[i].type == etype for i in ids)
        assert not seen & ids
        seen |= ids
    assert seen == set(range(len(index.entities)))


def test_concept_key_is_sorted_and_drops_legal_forms():
    toks = [
        Tok("b", "b", frozenset("b"), Kind.NAME),
        Tok("co", "co", frozenset(["co"]), Kind.LEGAL),
        Tok("a", "a", frozenset("a"), Kind.GENERIC),
    ]
    assert concept_key(toks) == ("a", "b")
    assert concept_key([]) == ()


def test_concept_table_on_a_small_glossary():
    lex = TermLexicon([Term("航天", ("aerospace", "space", "astronautics")), Term("基金会", ("foundation",))])
    ents = [Entity("csf", "China Space Foundation", zh="中国航天基金会"), Entity("other", "Lunar Society")]
    idx = Index(ents, lex)
    key = concept_key(lex.tokens("China Astronautics Foundation"))
    assert idx.concepts[key] == {0}
    # abbreviations do not make representations (they are exact keys only)
    assert all(r.label != "abbreviation" for r in idx.reps)
    assert {r.label for r in idx.reps if r.entity == 0} == {"name", "zh"}


def test_postings_point_to_representations(index, lexicon):
    (tok,) = lexicon.tokens("Foundation")
    reps = index.postings[tok.key]
    assert reps == sorted(set(reps))
    assert any(index.entities[index.reps[r].entity].id == "csf" for r in reps)


# ------------------------------------------------------------------ weights


def test_weights_rank_distinctive_over_generic_over_legal(index, lexicon):
    foundation, china, legal = (lexicon.tokens(s)[0] for s in ("Foundation", "China", "Co., Ltd."))
    assert index.weight(foundation) > index.weight(china) > 0
    assert index.weight(legal) == 0.0
    assert KIND_WEIGHT[Kind.LEGAL] == 0.0
    assert KIND_WEIGHT[Kind.NAME] >= KIND_WEIGHT[Kind.PLACE] >= KIND_WEIGHT[Kind.GENERIC]


def test_idf_is_larger_for_rarer_concepts(index, lexicon):
    (rare,) = lexicon.tokens("Qianfan")
    (common,) = lexicon.tokens("China")
    assert index.idf(rare) > index.idf(common) > 0
    unseen = Tok("zzzz", "zzzz", frozenset(["zzzz"]), Kind.NAME)
    assert index.idf(unseen) >= index.idf(rare)


# ------------------------------------------------------------------ pinyin keys


def test_pinyin_variants(index):
    assert index.pinyin_variants("西北工业大学") == {"xibeigongyedaxue"}
    variants = index.pinyin_variants("北京天兵科技有限公司")
    assert {"beijingtianbingkeji", "tianbingkeji"} <= variants
    assert all(len(v) >= 6 for v in variants)


def test_pinyin_keys_table(index):
    (i,) = index.pinyin_keys["xibeigongyedaxue"]
    assert index.entities[i].id == "nwpu"


def test_index_of_an_empty_glossary():
    idx = Index(Glossary().entities, TermLexicon([]))
    assert idx.entities == [] and idx.acronyms == {} and idx.pinyin_keys == {}
    assert idx.n == 1  # no division by zero in idf
