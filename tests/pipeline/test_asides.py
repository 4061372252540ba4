"""aeronorm.pipeline.asides: what a name's brackets and ending say of its answer. The acceptance
policy's cases are tested through ``Normalizer.match`` in test_two_organisations.py,
test_aside_acronyms.py and test_cut.py; these are the plain functions. Invented examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.pipeline.asides import cut_after, initials_spell, listed_lines, listed_with_marks
from aeronorm.pipeline.query import Query


@pytest.mark.parametrize(("name", "acronym"), [
    ("Ministry of Orbital Science and Technology", "MOST"),  # small words counted
    ("Qinglan Orbital Technology", "QLOT"),  # syllables of a romanised word
    ("TianLu Navigation Satellite System", "TLS"),  # a joined word's parts; words left out
    ("Orbix Space Academy", "OSA"),
])
def test_initials_that_spell_the_acronym(name, acronym):
    assert initials_spell(name, acronym)


@pytest.mark.parametrize(("name", "acronym"), [
    ("Nanhu Space Academy", "XSA"),  # a letter no word starts with
    ("Orbix Space Academy", "OAS"),  # out of order
    ("Orbix Space Academy", "OSAA"),  # more letters than the words give
])
def test_initials_that_do_not(name, acronym):
    assert not initials_spell(name, acronym)


@pytest.mark.parametrize(("text", "word"), [
    ("Nanhu University of", "of"), ("Orbix Committee for", "for"), ("Orbix and", "and"),
    ("Orbix Space Academy of the", "the"), ("Orbix Space,", ""), ("Orbix Space", ""),
    ("南湖大学的", ""),  # the Han lane: no English joining words
])
def test_cut_after(text, word):
    assert cut_after(Query(text)) == word


# listed_lines: the names of a batch that list parts with a mark, found from the joined batch
_MARKED = st.text(alphabet="Ab ,.()[]（）;；、|｜\\/·~，\u3000\n", max_size=16)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKED, max_size=10))
def test_listed_lines_are_the_names_listed_with_marks(names):
    expected = [k for k, name in enumerate(names) if listed_with_marks(name)]
    assert listed_lines(names, "\n".join(names)) == expected


@pytest.mark.parametrize("names", [
    ["Orbital/Space Works"] * 40 + ["Orbital Works // CAS", "A/B"],  # a slash many times first
    ["CASC, Beijing", "\uff23\uff21\uff33\uff23\uff0c\uff22", "CASC\uff0cBeijing", "CASC\u3000 CAS"],
    ["Hainan\uff0c", "Beijing", "X\u3000", "\nY"],  # a mark before a capital of the next name only
])
def test_listed_lines_of_batches(names):
    expected = [k for k, name in enumerate(names) if listed_with_marks(name)]
    assert listed_lines(names, "\n".join(names)) == expected
