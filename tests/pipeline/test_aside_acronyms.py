"""An acronym given in brackets that names another entity: the name and its acronym disagree,
and the name cannot say which entity the writer meant. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "nsri", "name": "Nanhu Space Research Institute", "abbreviations": ["NSRI"]},
    {"id": "nrti", "name": "Nanhu Rocket Technology Institute", "abbreviations": ["NRTI"]},
    {"id": "xiling-u", "name": "Xiling University", "abbreviations": ["XLU"]},
    {"id": "xiling-tu", "name": "Xiling Technical University", "abbreviations": ["XLU"]},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Nanhu Space Research Institute (NRTI)",
    "NSRI (NRTI)",
    "Nanhu Rocket Technology Institute [NSRI]",
])
def test_an_aside_naming_another_entity_is_no_answer(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Nanhu Space Research Institute (NSRI)", "nsri"),
    # an acronym the glossary does not know, nothing like the entity's (a note); one a letter
    # off it ("NSPRI") may be a sister body's: test_two_organisations.py
    ("Nanhu Space Research Institute (QZX)", "nsri"),
    ("Xiling University (XLU)", "xiling-u"),  # one of the entities the acronym names
])
def test_an_aside_that_agrees_or_names_nothing_keeps_the_answer(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


def test_explain_names_the_aside(n):
    assert "(NRTI) names another entity" in n.explain("Nanhu Space Research Institute (NRTI)")


def test_a_parents_acronym_says_whose_unit_it_is():
    n = Normalizer(Glossary.from_records([
        {"id": "nsg", "name": "Nanhu Space Group", "abbreviations": ["NSG"]},
        {"id": "nsg-2", "name": "Second Academy of Nanhu Space Group", "parent": "nsg"},
    ]))
    assert n.match("Second Academy of Nanhu Space Group (NSG)").entity_id == "nsg-2"
    assert n.match("Nanhu Space Group (NSG) Second Academy").entity_id == "nsg-2"  # inside: a part's


@pytest.mark.parametrize("query", [
    "Nanhu Space Research Institute (a.k.a. Nanhu Rocket Technology Institute)",  # the writer says X is Y
    "Nanhu Space Research Institute (also known as NRTI)",
    "Nanhu Space Research Institute (NSRI; NRTI)",  # each item of a list
    "Nanhu Space Research Institute (NSRI, formerly Nanhu Rocket Technology Institute)",
])
def test_a_name_an_aside_gives_for_another_entity_is_no_answer(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize("query", [
    "Nanhu Space Research Institute (NSRI, also known as Nanhu Space Institute)",  # items that repeat it
    "Nanhu Space Research Institute (a.k.a. NSRI)",
])
def test_an_aside_of_several_names_that_all_repeat_it_keeps_the_answer(n, query):
    assert n.match(query).entity_id == "nsri"


def test_an_acronym_one_entity_spells_and_another_is_named_after_is_either_s():
    # "CNOOC": China National Offshore Oil Corporation's acronym, and its company "CNOOC Limited"
    n = Normalizer(Glossary.from_records([
        {"id": "parent", "name": "Qinling National Offshore Orbital Corporation"},
        {"id": "listed", "name": "QNOOC Limited", "parent": "parent"},
    ]))
    assert n.match("QNOOC") is None
    assert n.match("QNOOC Limited").entity_id == "listed"
    # an acronym of three letters a name spells proves nothing: the company named so keeps it
    short = Normalizer(Glossary.from_records([
        {"id": "u", "name": "Qinling Yuhang Daxue"}, {"id": "c", "name": "QYD Company Limited"},
    ]))
    assert short.match("QYD").entity_id == "c"


def test_an_acronym_two_names_spell_is_neither_s():
    # a group's "... Group Corporation" spells it without its G, another company's name with
    n = Normalizer(Glossary.from_records([
        {"id": "grp", "name": "Qinling Electronics Technology Group Corporation"},
        {"id": "textile", "name": "Qujiang Esquel Textile Co. Ltd"},
    ]))
    assert n.match("QETC") is None


@pytest.mark.parametrize(("query", "expected"), [
    # sanctions lists write the note after a comma: an aside as in brackets
    ('Nanhu Space Research Institute, a/k/a "NSRI"', "nsri"),
    ("Nanhu Space Research Institute, a.k.a. NSRI", "nsri"),
    ("Nanhu Space Research Institute, aka NSRI, aka Nanhu Space Institute", "nsri"),
    ("Nanhu Space Research Institute, also known as Nanhu Space Institute", "nsri"),
    ("Nanhu Space Research Institute, A.K.A. QZX", "nsri"),  # a name the glossary lacks: a note
    ("Nanhu Space Research Institute, a.k.a. NRTI", None),  # another entity's
    ("Nanhu Space Research Institute, f/k/a Nanhu Rocket Technology Institute", None),
    ("Nanhu Space Research Institute, a/k/a NSRI, a/k/a NRTI", None),
])
def test_an_aka_note_after_a_comma_is_an_aside(n, query, expected):
    m = n.match(query)
    assert (m.entity_id if m else None) == expected


def test_a_comma_before_other_words_is_no_aka_note(n):
    # ("Oaka" is no note, nor "aka" inside a word; a note with brackets of its own is left as written)
    assert n.match("Nanhu Space Research Institute, Oaka") is None
    assert n.match("Nanhu Space Research Institute, a.k.a. (NSRI)") is None
