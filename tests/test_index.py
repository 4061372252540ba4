"""aeronorm.index: exact keys, concept keys, postings, IDF: the tables every stage shares."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.glossary import Entity, Glossary, Term
from aeronorm.index import Index, concept_key
from aeronorm.lexicon import Kind, TermLexicon, Tok
from aeronorm.text.asides import without_redundant_asides
from aeronorm.text.fold import fold_key

# ------------------------------------------------------------------ exact and concept tables


def test_exact_keys_cover_every_written_form(index):
    for i, e in enumerate(index.entities):
        for s in (e.name, *e.aliases, *e.abbreviations, *e.chinese_names()):
            key = fold_key(s)
            if key:
                assert i in index.exact[key], (e.id, s)


def test_form_keys_are_the_folded_keys_of_the_forms_in_order(index):
    # worked out once in the build; the exact stage's views read them instead of folding again
    for i, e in enumerate(index.entities):
        assert index.form_keys(i) == [fold_key(text) for _, text in e.forms()], e.id
    g = Glossary.from_records([{"id": "ql", "name": 'Qinglan Optics Co. ("QL")', "aliases": ["QL Optics"]}])
    assert Index(g.entities, TermLexicon(g.terms)).form_keys(0) == ["qinglan optics co ql", "ql optics"]


def test_keys_of_one_entity_share_its_one_frozenset(index):
    """The memory layout: a key of one entity holds no set of its own."""
    casic = next(i for i, e in enumerate(index.entities) if e.id == "casic")
    one = index.exact["casic"]
    assert one == {casic} and type(one) is frozenset
    assert index.exact[fold_key("航天科工")] is one
    assert all(ids is one for ids in index.concepts.values() if ids == {casic})
    assert all(type(ids) is set for ids in index.exact.values() if len(ids) > 1)


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
    assert list(reps) == sorted(set(reps))
    assert any(index.entities[index.reps[r].entity].id == "csf" for r in reps)


# ------------------------------------------------------------------ weights


def test_idf_is_larger_for_rarer_concepts(index, lexicon):
    (rare,) = lexicon.tokens("Qianfan")
    (common,) = lexicon.tokens("China")
    assert index.idf(rare) > index.idf(common) > 0
    unseen = Tok("zzzz", "zzzz", frozenset(["zzzz"]), Kind.NAME)
    assert index.idf(unseen) >= index.idf(rare)


def test_index_of_an_empty_glossary():
    idx = Index(Glossary().entities, TermLexicon([]))
    assert idx.entities == [] and idx.exact == {} and idx.reps == []
    assert idx.n == 1  # no division by zero in idf


# ------------------------------------------------------------------ shared Chinese short forms


def test_an_english_alias_reading_as_a_shared_chinese_short_form_is_shared():
    # 三院 is the short form of both groups' third academies; one of them also lists the
    # English "Third Academy", which reads as 三院: it names either until a group is said.
    from aeronorm import Normalizer

    g = Glossary.from_records([
        {"id": "a3", "name": "Third Academy of Alder Group", "zh": "桤木集团第三研究院",
         "zh_aliases": ["三院"], "aliases": ["Third Academy", "Alder Third Academy"]},
        {"id": "b3", "name": "Third Academy of Birch Group", "zh": "桦木集团第三研究院",
         "zh_aliases": ["三院"], "aliases": ["Birch Third Academy"]},
        {"id": "c7", "name": "Seventh Academy", "zh_aliases": ["七院"]},
    ])
    n = Normalizer(g)
    assert n.match("Third Academy") is None
    assert "2 entities" in n.explain("Third Academy")
    assert n.match("Alder Third Academy").entity_id == "a3"
    assert n.match("Birch Third Academy").entity_id == "b3"
    # a short form only one entity writes stays its own
    assert n.match("Seventh Academy").entity_id == "c7"


def test_a_name_with_a_quoted_short_name_is_also_written_without_it():
    g = Glossary.from_records([
        {"id": "ql", "name": 'Qinglan Precision Optics Co., Ltd. ("QL Optics")',
         "zh": "青岚精密光学有限公司（“青岚光学”）"},
    ])
    index = Index(g.entities, TermLexicon(g.terms))
    assert 0 in index.owners(fold_key("Qinglan Precision Optics Co., Ltd."))
    assert 0 in index.owners(fold_key("青岚精密光学有限公司"))
    assert 0 in index.owners(fold_key('Qinglan Precision Optics Co., Ltd. ("QL Optics")'))


def test_positions_give_each_entity_id_its_place(index):
    # the one table from an id to a position: the stages and the scan read this one
    assert len(index.positions) == len(index.entities)
    assert all(index.entities[index.positions[e.id]] is e for e in index.entities)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab )]）】”’'\t\u3000\u00a0-.,", max_size=20))
def test_a_form_with_no_aside_opening_and_plain_spaces_has_no_core(text):
    # The index reads a form's core only when an aside may open in it (a bracket or a quote)
    # or its spaces are not as a core writes them: otherwise there is none.
    if not set("([（【\"“") & set(text) and " ".join(text.split()) == text:
        assert without_redundant_asides(text) == ""


def test_form_labels_read_as_the_dict_they_stand_for(index):
    # labels other than "name" are held; a name's is read from the owners of the key
    for key, ids in list(index.exact.items())[:2000]:
        for i in ids:
            label = index.exact_label.get((key, i))
            assert label in ("name", "alias", "abbreviation", "zh", "zh_alias", None)
            assert ((key, i) in index.exact_label) == (label is not None)
        assert index.exact_label.get((key, len(index.entities)), "none") == "none"
