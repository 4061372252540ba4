""""X of the Y", X a part of Y, is one mention of X, as the glossary may write the part's name
whole: not X and, beside it, its parent. Invented names."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "lsa", "name": "Lanzhu Space Agency", "abbreviations": ["LSA"]},
    {"id": "lsa-outreach", "name": "Department of Outreach, LSA", "aliases": ["Department of Outreach"],
     "parent": "lsa"},
    {"id": "lsa-links", "name": "Department of International Links, LSA", "parent": "lsa"},
    # the same department of other bodies: its name alone is no one's
    {"id": "hbl", "name": "Harbour League", "abbreviations": ["HBL"]},
    {"id": "hbl-links", "name": "Department of International Links, HBL", "parent": "hbl"},
    {"id": "qfa", "name": "Quzhou Flight Academy", "abbreviations": ["QFA"]},
    {"id": "qfa-links", "name": "Department of International Links, QFA", "parent": "qfa"},
    {"id": "las", "name": "Lanzhu Academy of Sciences"},
    {"id": "violet", "name": "Violet Peak Observatory", "parent": "las"},
    {"id": "property", "name": "State-owned Property Bureau of the Lanzhu Council",
     "aliases": ["State-owned Property Bureau"], "abbreviations": ["SPBL"]},
    {"id": "council", "name": "Lanzhu Council"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def found(n: Normalizer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in n.find(text)]


@pytest.mark.parametrize(("text", "whole", "entity"), [
    # the trie finds both X and Y
    ("Staff at the Department of Outreach of the Lanzhu Space Agency said so.",
     "Department of Outreach of the Lanzhu Space Agency", "lsa-outreach"),
    ("Violet Peak Observatory of the Lanzhu Academy of Sciences said so.",
     "Violet Peak Observatory of the Lanzhu Academy of Sciences", "violet"),
    # X is a name only with its parent ("X, LSA"), a sentence's words before it
    ("Officials of the Department of International Links of the Lanzhu Space Agency said so.",
     "Department of International Links of the Lanzhu Space Agency", "lsa-links"),
])
def test_a_part_of_its_parent_is_one_mention(n, text, whole, entity):
    assert found(n, text) == [(whole, entity)]


def test_a_hyphenated_word_in_lower_case_after_a_capital_is_part_of_the_name(n):
    # "State-owned": its second half takes the capital of its first
    text = "The State-owned Property Bureau of the Lanzhu Council said so."
    assert found(n, text) == [("State-owned Property Bureau of the Lanzhu Council", "property")]


def test_a_rewrite_is_read_again_as_the_same_one_mention(n):
    out = n.normalize_text("SPBL said so.")
    assert [m.entity_id for m in n.find(str(out))] == ["property"]
