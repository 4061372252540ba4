"""In running text, a word that an entity writes only as an acronym in capitals is that acronym
only in capitals: written as a word ("Air China", "Sea China"), it is the ordinary word, also
where the span resolver reads the run before a closing place. Invented names and sentences."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "sea", "name": "Space Exploration Academy", "abbreviations": ["SEA"]},
    {"id": "orbix", "name": "Orbix Launch Co., Ltd.", "aliases": ["Orbix"]},
    {"id": "quzhou", "name": "Quzhou City", "aliases": ["Quzhou"], "type": "place"},
    {"id": "cdss", "name": "China Deep Space Society"},
    # (another name holds the word: the span resolver reads runs of words the glossary knows)
    {"id": "sea-works", "name": "Quzhou Sea Works Co., Ltd."},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("text", [
    "He flew Sea China to Quzhou City last week.",
    "Sea China opened a route.",
    "Tickets on Sea China rose.",
])
def test_an_acronym_written_as_a_word_before_a_place_is_the_word(n, text):
    assert [m.entity_id for m in n.find(text)] in ([], ["quzhou"])
    assert str(n.normalize_text(text)) == text


def test_the_acronym_in_capitals_is_still_found(n):
    assert [m.entity_id for m in n.find("The SEA team met.")] == ["sea"]


def test_a_name_the_entity_writes_as_a_word_is_found_before_a_place(n):
    assert [m.entity_id for m in n.find("He joined Orbix China in May.")] == ["orbix"]
