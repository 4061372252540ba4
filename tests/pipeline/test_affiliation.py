"""Issue 13, order and affiliation: a parent organisation written into a name ("X, CAS", "CAS X",
"PLA Y College", "AVIC Z Company") may be stated or left out; two different parents are two
entities; a unit named only by its parent and a number needs that parent. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.affiliation import Affiliations

from .stages import answer_id as _id

RECORDS = [
    {"id": "cas-qoptics", "name": "Institute of Quasar Optics, Chinese Academy of Sciences"},
    {"id": "avic-larkspur", "name": "AVIC Larkspur Aircraft Industry Company"},
    {"id": "pla-tidewater", "name": "PLA Tidewater Signals College"},
    {"id": "casic-fennel", "name": "CASIC Fennel Propulsion Institute"},
    {"id": "casc-fennel", "name": "CASC Fennel Propulsion Institute"},
    {"id": "mpsa-ninth", "name": "Ninth Academy", "zh": "某部第九研究院"},
    {"id": "marigold", "name": "Marigold Radar Works"},
    {"id": "cas-ember", "name": "Institute of Ember Acoustics, Chinese Academy of Sciences",
     "aliases": ["Ember Acoustics Institute"]},
    {"id": "ssf-lantern", "name": "Lantern Survey University",
     "zh": "中国人民解放军战略支援部队灯笼测绘大学",
     "aliases": ["PLA Strategic Support Force Lantern Survey University"]},
    {"id": "quill-instruments", "name": "Ningde Quill Instrument Science and Technology Foundation",
     "zh": "宁德奎尔仪器科技基金会"},
    {"id": "navy-kestrel", "name": "Kestrel Naval Academy", "aliases": ["PLA Navy Kestrel Academy"]},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "CAS Institute of Quasar Optics",
    "Chinese Academy of Sciences Institute of Quasar Optics",
    "Institute of Quasar Optics",
    "Institute of Quasar Optics of the Chinese Academy of Sciences",
])
def test_the_academy_before_after_or_left_out(n, query):
    assert _id(n, query) == "cas-qoptics"


@pytest.mark.parametrize("query", ["Larkspur Aircraft Industry Company", "Aviation Industry Corporation of "
                                   "China Larkspur Aircraft Industry Company"])
def test_a_group_prefix_left_out_or_spelt_out(n, query):
    assert _id(n, query) == "avic-larkspur"


def test_a_service_prefix_left_out(n):
    assert _id(n, "Tidewater Signals College") == "pla-tidewater"


def test_a_parent_stated_by_the_query_only(n):
    assert _id(n, "AVIC Marigold Radar Works") == "marigold"


def test_two_parents_are_two_entities(n):
    # the query names CASC's institute; CASIC's is another one, never its answer
    assert _id(n, "CASC Fennel Propulsion Institute") == "casc-fennel"
    assert _id(n, "CASIC Fennel Propulsion Institute") == "casic-fennel"
    # without a parent both fit: no answer
    assert _id(n, "Fennel Propulsion Institute") is None
    # a parent the entry does not state is not bridged to one it does
    assert _id(n, "CETC Fennel Propulsion Institute") is None


def test_a_unit_named_by_its_parent_and_a_number_needs_that_parent(n):
    # "Ninth Academy" of some ministry is not CASC's or CASIC's ninth academy
    assert _id(n, "CASC Ninth Academy") is None
    assert _id(n, "CASIC 9th Academy") is None


def test_a_parent_alone_is_not_its_unit(n):
    assert _id(n, "Chinese Academy of Sciences") is None
    assert _id(n, "AVIC") is None


def test_explain_says_why_a_parent_alone_falls_short(n):
    text = n.explain("CASIC 9th Academy")
    assert "no match" in text


def test_spans_are_longest_first_and_name_one_organisation(n):
    lex = n.pipeline.index.lexicon
    aff = Affiliations(lex)
    (start, end, air_force), = aff.spans(lex.tokens("PLA Air Force Tidewater College"))
    assert (start, end) == (0, len(lex.tokens("PLA Air Force")))  # "PLA Air Force", not "PLA"
    (_, _, short), = aff.spans(lex.tokens("CAS"))
    (_, _, full), = aff.spans(lex.tokens("Chinese Academy of Sciences"))
    (_, _, chinese), = aff.spans(lex.zh_tokens("中国科学院"))
    assert short == full == chinese != air_force
    assert aff.spans(lex.tokens("Marigold Radar Works")) == []


@pytest.mark.parametrize("query", [
    "Ember Acoustics Institute, Chinese Academy of Engineering",
    "Chinese Academy of Engineering Institute of Ember Acoustics",
    "AVIC Ember Acoustics Institute",
])
def test_a_short_name_without_its_parent_does_not_lend_it_another(n, query):
    # the alias leaves CAS out, the entity still has it: another parent is another institute
    assert _id(n, query) is None


def test_a_short_name_with_the_entitys_own_parent(n):
    assert _id(n, "Ember Acoustics Institute, CAS") == "cas-ember"
    assert _id(n, "Ember Acoustics Institute") == "cas-ember"


def test_the_outer_organisation_of_the_entitys_parent_agrees(n):
    # the PLA holds its Strategic Support Force: stating the PLA names no other parent
    assert _id(n, "PLA Lantern Survey University") == "ssf-lantern"
    assert _id(n, "PLA Rocket Force Lantern Survey University") is None


def test_a_name_stating_the_inner_organisation_is_more_specific(n):
    # compared with the alias "PLA Navy Kestrel Academy", the query "PLA Kestrel Academy" says less
    # (the PLA has other academies): no answer rather than a guess
    assert _id(n, "PLA Kestrel Academy") is None
    assert _id(n, "PLA Navy Kestrel Academy") == "navy-kestrel"


def test_a_groups_trade_words_are_not_the_group(n):
    # "Aerospace Science and Technology" is CASC's name only with its scope or its group word:
    # alone it is a trade, and a look-alike with another trade is another foundation
    assert _id(n, "Ningde Quill Aerospace Science and Technology Foundation") is None
    assert _id(n, "Ningde Quill Instrument Science and Technology Foundation") == "quill-instruments"


def test_an_acronym_that_is_an_english_word_states_no_parent(n):
    # PLAN is the PLA Navy's acronym, and "plan" a word of ordinary names
    parents = Affiliations(n.index.lexicon)
    assert parents.spans(n.index.lexicon.tokens("Urban Plan Design Institute")) == []
    assert parents.spans(n.index.lexicon.tokens("PLA Navy Urban Design Institute")) != []


def test_a_groups_name_without_scope_and_group_word_states_no_parent(n):
    parents, lex = Affiliations(n.index.lexicon), n.index.lexicon
    assert parents.spans(lex.zh_tokens("航天科技基金会")) == []
    assert parents.spans(lex.zh_tokens("中国航天科技集团五院")) != []
    assert parents.spans(lex.tokens("China Aerospace Science and Technology Corporation Fifth Academy")) != []


def _every_form_compared(forms: dict[tuple[str, ...], int], keys: list[str]) -> list[tuple[int, int, int]]:
    """The spans as first written: at each position every form is compared, the longest first."""
    ordered = sorted(forms.items(), key=lambda kv: (-len(kv[0]), kv[1]))
    out, i = [], 0
    while i < len(keys):
        for form, org in ordered:
            if tuple(keys[i:i + len(form)]) == form:
                out.append((i, i + len(form), org))
                i += len(form)
                break
        else:
            i += 1
    return out


def test_spans_read_by_length_equal_every_form_compared(n):
    # spans looks up one slice per length of the forms beginning with a key; names built from the
    # organisations' own forms (nested, cut short, run together) are read as the plain scan reads them
    import random

    from aeronorm.resources import load_affiliations

    lex = n.index.lexicon
    aff = Affiliations(lex)
    english = [text for forms in load_affiliations() for text in forms if text.isascii()]
    words = [w for text in english for w in text.split()] + ["Marigold", "Radar", "Institute", "of", "502"]
    rng = random.Random(13)
    found = 0
    for _ in range(400):
        parts = [rng.choice(english if rng.random() < 0.5 else words) for _ in range(rng.randint(1, 5))]
        tokens = lex.tokens(" ".join(parts))
        spans = aff.spans(tokens)
        assert spans == _every_form_compared(aff._forms, [t.key for t in tokens]), parts
        found += bool(spans)
    assert found > 100  # the names do state parents
