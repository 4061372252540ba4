"""Issue 13, look-alike institutions: the universities of one city differ by their type word
(工业大学, 理工大学, 科技大学, 工程大学; 学院 vs 大学), whose English renderings overlap. A rendering
that may stand for several types matches another rendering only through the one type both are
sure of. Invented city, invented universities."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.index import concept_key
from aeronorm.lexicon.compare import institution_types, rendering, similarity

from .stages import answer_id as _id

FAMILY = [
    {"id": "lz-gongye", "name": "Lanzhu University of Technology", "zh": "岚洲工业大学"},
    {"id": "lz-ligong", "name": "Lanzhu Institute of Technology", "zh": "岚洲理工大学"},
    {"id": "lz-keji", "name": "University of Science and Technology Lanzhu", "zh": "岚洲科技大学"},
    {"id": "lz-gongcheng", "name": "Lanzhu Engineering University", "zh": "岚洲工程大学"},
    {"id": "lz-daxue", "name": "Lanzhu University", "zh": "岚洲大学"},
    {"id": "lz-xueyuan", "name": "Lanzhu College", "zh": "岚洲学院"},
    # a university whose English name is its type's conventional rendering, in another city
    {"id": "mq-gongye", "name": "Moqiao Polytechnical University", "zh": "墨桥工业大学"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(FAMILY))


@pytest.mark.parametrize(("query", "expected"), [
    ("Lanzhu Univ. of Technology", "lz-gongye"),
    ("Lanzhu Polytechnical University", "lz-gongye"),   # 工业大学's own rendering, unambiguous
    ("The Lanzhu Institute of Technology", "lz-ligong"),
    ("Univ. of Science & Technology, Lanzhu", "lz-keji"),
    ("Lanzhu University of Engineering", "lz-gongcheng"),
    ("Lanzhu Univ.", "lz-daxue"),
    ("Moqiao Polytechnic University", "mq-gongye"),      # polytechnic / polytechnical: one rendering
    # the rendering its own name is written with, in another order
    ("Lanzhu University of Science and Technology", "lz-keji"),
    # word for word, as machine translation renders the type: one type each
    ("Lanzhu Industrial University", "lz-gongye"),
    ("Lanzhu Science and Engineering University", "lz-ligong"),
    ("Moqiao Industrial University", "mq-gongye"),
])
def test_each_member_of_the_family_by_its_own_rendering(n, query, expected):
    assert _id(n, query) == expected


@pytest.mark.parametrize("query", [
    "Lanzhu Polytechnic University",                 # 工业大学 or 理工大学: both in the family
    "Lanzhu Science and Technology Institute",       # no member is written so
    "Moqiao Institute of Technology",                # 工业大学 or 理工大学: not Moqiao's own rendering
    "Moqiao University of Technology",               # 工业, 理工 or 科技大学
])
def test_an_ambiguous_rendering_is_no_answer(n, query):
    assert _id(n, query) is None


def test_a_university_is_not_its_city_college(n):
    assert _id(n, "Lanzhu Academy") == "lz-xueyuan"  # 学院, rendered either way
    assert _id(n, "Lanzhu College") == "lz-xueyuan"
    assert _id(n, "Lanzhu Daxue") == "lz-daxue"


def test_without_chinese_names_only_the_same_rendering_agrees():
    g = Glossary.from_records([{"id": "a", "name": "Tarn Institute of Technology"}])
    n = Normalizer(g)
    assert _id(n, "Tarn Inst. of Technology") == "a"
    assert _id(n, "Tarn University of Technology") is None
    assert _id(n, "Tarn Polytechnic University") is None


def test_similarity_of_type_renderings(n):
    lex = n.pipeline.index.lexicon
    (uot,) = [t for t in lex.tokens("University of Technology")]
    (iot,) = [t for t in lex.tokens("Institute of Technology")]
    (poly,) = [t for t in lex.tokens("Polytechnical University")]
    (polyc,) = [t for t in lex.tokens("Polytechnic University")]
    (zh,) = lex.zh_tokens("工业大学")
    assert len(institution_types(uot)) > 1 and len(institution_types(iot)) > 1
    assert institution_types(poly) == institution_types(zh) == {"工业大学"}
    assert similarity(uot, iot) == 0.0           # they share 工业大学 and 理工大学, but are not sure
    assert similarity(poly, zh) == 1.0            # one type, the same
    assert similarity(uot, zh) == 0.0             # "University of Technology" may be 理工 or 科技
    assert similarity(poly, polyc) == 1.0         # one rendering, two spellings
    assert rendering("polytechnical university") == rendering("polytechnic university")
    assert similarity(uot, uot) == 1.0


def test_concept_key_of_an_ambiguous_rendering_is_the_rendering(n):
    lex = n.pipeline.index.lexicon
    key = concept_key(lex.tokens("Lanzhu University of Technology"))
    assert "university technology" in key and "工业大学" not in key
    assert "工业大学" in concept_key(lex.tokens("Lanzhu Polytechnical University"))


# An institution's Chinese name says what it is; a company may add a descriptor to its name.
# Other companies make "technology" a common word.
CHINESE_SAYS = [
    {"id": "qz-u", "name": "Quzhou University", "zh": "衢州大学"},
    {"id": "ndu", "name": "National Defense University", "zh": "国防大学"},
    {"id": "qz-orbit", "name": "Quzhou Orbit Co., Ltd.", "zh": "衢州轨道有限公司"},
] + [{"id": f"co-{k}", "name": f"{w} Technology Co., Ltd."} for k, w in enumerate(
    ["Heron", "Carp", "Wren", "Lark", "Pike", "Tern", "Kite", "Swan", "Crane", "Ibis"])]


@pytest.fixture(scope="module")
def chinese_says() -> Normalizer:
    return Normalizer(Glossary.from_records(CHINESE_SAYS))


@pytest.mark.parametrize("query", ["National University of Defense Technology",  # 国防科技大学
                                   "Quzhou University of Technology"])
def test_a_word_the_institution_s_chinese_name_lacks_names_another_institution(chinese_says, query):
    assert _id(chinese_says, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("National Defense University", "ndu"),
    ("Quzhou University", "qz-u"),
    ("Quzhou Orbit Technology Co., Ltd.", "qz-orbit"),  # a company's descriptor (科技)
])
def test_the_institution_itself_and_a_company_with_a_descriptor_still_match(chinese_says, query, expected):
    assert _id(chinese_says, query) == expected


@pytest.mark.parametrize("query", ["Qiming Central University", "Central Qiming University"])
def test_a_qualifier_the_chinese_name_lacks_makes_another_institution(query):
    # "Central" has no Chinese in the lexicon at all, and 启明大学 says nothing of it
    n = Normalizer(Glossary.from_records([{"id": "qmu", "name": "Qiming University", "zh": "启明大学"}]))
    assert n.match(query) is None
    assert n.match("Qiming University").entity_id == "qmu"


def test_a_nickname_s_type_of_institution_names_no_institution():
    # 科大 of a nickname is "S&T university", every such university's: romanised alone, or after
    # the country, it names none; with the nickname's own word it names this one
    n = Normalizer(Glossary.from_records([{"id": "ld", "name": "Lumo University of Defense Technology",
                                           "zh": "鲁摩国防科技大学", "zh_aliases": ["国防科大"],
                                           "type": "org"}]))
    assert n.match("Keda") is None
    assert n.match("Zhongguo Keda") is None
    assert n.match("Guofang Keda").entity_id == "ld"
