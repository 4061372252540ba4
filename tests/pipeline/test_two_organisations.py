"""A parent organisation stated beside an entity that has none (in a glossary that gives parents)
is another organisation: "X University, CASC" names two bodies, and the answer X would drop one.
Invented entities; CAS and CASC are parents of affiliations.yaml."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "orbix-u", "name": "Orbix University", "zh": "奥比斯大学"},
    {"id": "cas", "name": "Chinese Academy of Sciences", "zh": "中国科学院", "aliases": ["CAS"]},
    {"id": "lumora", "name": "Lumora Observatory", "zh": "中国科学院鲁墨天文台", "parent": "cas"},
    {"id": "kestrel-lab", "name": "Kestrel Optics Laboratory", "parent": "cas"},
    # an acronym two entities share, and a unit named with it
    {"id": "osat", "name": "Orbix Space Academy", "aliases": ["OSAT"]},
    {"id": "osat-assoc", "name": "Orbix Satellite Association", "aliases": ["OSAT"]},
    {"id": "osat-dept", "name": "OSAT General Design Department"},
    {"id": "ostc", "name": "Orbix Science and Technology Corporation", "zh": "奥比斯科学与技术集团有限公司"},
    {"id": "osa-intl", "name": "Department of International Cooperation, Orbix Space Academy",
     "parent": "osat"},
    {"id": "hede", "name": "Hede Orbital Co., Ltd.", "zh": "北京和德轨道股份有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Orbix University, CASC", "Orbix University and CAS", "Orbix University, CAS",
    "Lumora Observatory, CAS, CASC",  # its own parent, and another
])
def test_a_parent_beside_an_entity_without_one_is_another_organisation(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Lumora Observatory, CAS", "lumora"),  # its Chinese name states CAS
    ("Kestrel Optics Laboratory, CAS", "kestrel-lab"),  # the glossary gives CAS as its parent
    ("Orbix University", "orbix-u"),
])
def test_the_entity_s_own_parent_agrees(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


def test_a_glossary_without_parents_says_nothing_either_way():
    n = Normalizer(Glossary.from_records([{"id": "orbix-u", "name": "Orbix University", "zh": "奥比斯大学"}]))
    m = n.match("Orbix University, CAS")
    assert m is not None and m.entity_id == "orbix-u"


@pytest.mark.parametrize("query", ["OSAT Institute", "OSAT Department", "CAS OSAT"])
def test_another_entity_s_acronym_and_a_type_of_unit_name_no_unit(n, query):
    # one of OSAT's units, not which; nor is OSAT's unit named by OSAT alone
    assert n.match(query) is None


def test_a_unit_named_in_full_with_another_s_acronym_is_read(n):
    m = n.match("OSAT General Design Department")
    assert m is not None and m.entity_id == "osat-dept"



@pytest.mark.parametrize("query", [
    "CAS (Lumora Observatory)", "Chinese Academy of Sciences (Kestrel Optics Laboratory)",
])
def test_an_entity_in_brackets_after_another_s_name_is_no_answer(n, query):
    # the academy and its observatory: which one the writer meant, the name cannot say
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Lumora Observatory (CAS)", "lumora"),  # its parent in brackets says whose it is
    ("Kestrel Optics Laboratory (CAS)", "kestrel-lab"),
    ("Chinese Academy of Sciences (CAS)", "cas"),
])
def test_a_name_with_its_parent_or_acronym_in_brackets_is_read(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


@pytest.mark.parametrize("query", [
    # an acronym no glossary name writes, a letter or two off the entity's own: a sister body's
    "Chinese Academy of Sciences (CASX)", "Kestrel Optics Laboratory (KPLB)",
])
def test_an_unknown_acronym_in_brackets_near_the_name_s_own_is_another_body(n, query):
    assert n.match(query) is None


def test_an_unknown_acronym_in_brackets_after_a_person_s_name_is_no_answer():
    n = Normalizer(Glossary.from_records([
        {"id": "zkj", "name": "Zhang Kejian", "type": "person", "zh": "张克俭"}]))
    assert n.match("Zhang Kejian (QXTV)") is None  # his employer's, or a namesake's
    assert n.match("Zhang Kejian") is not None


@pytest.mark.parametrize(("query", "expected"), [
    ("Kestrel Optics Laboratory (QXZ)", "kestrel-lab"),  # three letters: a note
    ("Orbix University (CN)", "orbix-u"),
])
def test_an_unknown_acronym_of_three_letters_in_brackets_is_a_note(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


@pytest.mark.parametrize("query", ["Chinese Academy of Sciences (IMOPT)", "Orbix University (QXLAB)"])
def test_an_unknown_acronym_of_four_letters_or_more_in_brackets_is_another_body(n, query):
    # a unit's ("CAS (IMECH)"), or a parent's the glossary does not give: which, the name cannot say
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Kestrel Optics Laboratory (KOL)", "kestrel-lab"),  # the name's own initials
    ("Chinese Academy of Sciences (CAS)", "cas"),
])
def test_an_acronym_in_brackets_the_name_yields_is_its_own(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


def test_an_organisation_named_in_brackets_is_its_parent_only_where_the_glossary_says_so():
    casc = "China Aerospace Science and Technology Corporation"
    records = [{"id": "qa", "name": "Qinling Orbital Academy"},
               {"id": "casc", "name": casc, "aliases": ["CASC"]}]
    # a glossary without parents cannot tell the academy's parent from another body: no answer
    assert Normalizer(Glossary.from_records(records)).match(f"Qinling Orbital Academy ({casc})") is None
    lab = {"id": "ol", "name": "Orbix Optics Lab", "parent": "casc"}
    n = Normalizer(Glossary.from_records([*records, lab]))
    assert n.match(f"Qinling Orbital Academy ({casc})") is None  # not its parent: two bodies
    assert _id(n, f"Orbix Optics Lab ({casc})") == "ol"  # its own parent


@pytest.mark.parametrize("query", [
    "Lumora Observatory and CAS", "Lumora Observatory & Chinese Academy of Sciences",
    "CAS; Lumora Observatory", "Kestrel Optics Laboratory with CAS",
    "Orbix University and Orbix Science and Technology Corporation",
    "Orbix Science and Technology Corporation; Orbix University; Lumora Observatory",
    "奥比斯大学与奥比斯科学与技术集团有限公司", "中国科学院、中国科学院鲁墨天文台",
    "Lumora Observatory and QXSA",  # an acronym names a body, if one the glossary does not give
    "Chinese Academy of Sciences | Lumora Observatory", "Lumora Observatory // CAS",
    "Chinese Academy of Sciences\u3001Lumora Observatory", "CAS or Lumora Observatory",
    "Lumora Observatory&Chinese Academy of Sciences", "中国科学院、鲁墨天文台",
    "Lumora Observatory · CAS", "Chinese Academy of Sciences\uff0cLumora Observatory",
    "Department of International Cooperation and Orbix Space Academy",  # what names it only with it
])
def test_names_listed_together_name_two_bodies(n, query):
    # co-assignees, joint affiliations, the parties to an agreement: whichever is the other's
    # parent, the answer would drop one of them
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Orbix Science and Technology Corp", "ostc"),  # "and" inside one name
    ("Orbix Science & Technology Corporation", "ostc"),
    ("奥比斯科学与技术集团", "ostc"),
    ("Lumora Observatory, CAS", "lumora"),  # a comma states the parent
    ("ORBIX SCIENCE AND TECHNOLOGY", "ostc"),  # in capitals, "TECHNOLOGY" is no acronym
    ("北京和德轨道股份有限公司", "hede"),  # 和 of a brand
])
def test_a_joining_word_inside_one_name_is_no_list(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


@pytest.mark.parametrize("query", [
    "Orbix University (HK)", "Orbix University (U.S.)", "Orbix University (WH)", "奥比斯大学（HK）",
    "Orbix University (II)", "Chinese Academy of Sciences (UK)",
])
def test_a_place_code_or_a_numeral_in_brackets_is_another_body(n, query):
    # a branch, a campus or a subsidiary there, or a second one: not the body itself
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Orbix University (CN)", "orbix-u"),  # the country's own code is a note
    ("Hong Kong Orbital (HK) Limited", "hk-orbital"),  # a place its own name states
])
def test_the_country_s_own_code_or_the_entity_s_own_place_is_a_note(query, expected):
    g = Glossary.from_records([*RECORDS, {"id": "hk-orbital", "name": "Hong Kong Orbital HK Limited"}])
    m = Normalizer(g).match(query)
    assert m is not None and m.entity_id == expected
