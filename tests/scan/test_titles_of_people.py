"""A person's form that holds a title ("President Qin") keeps the title when the name is written
over it, and a title is a post only of a body of the level its name states. Invented entities."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "p-qin", "name": "Qin Lan", "aliases": ["President Qin", "Comrade Qin"], "type": "person"},
    {"id": "t-president", "name": "President", "zh": "主席", "type": "title"},
    {"id": "party-central", "name": "Central Committee of the Orbital Party", "abbreviations": ["OPCC"],
     "aliases": ["Orbital Party Central Committee"]},
    {"id": "party-qinhe", "name": "Qinhe Provincial Committee of the Orbital Party",
     "aliases": ["Orbital Party Qinhe Provincial Committee"]},
    {"id": "t-prov-sg", "name": "Secretary-General of the Orbital Party Provincial Committee",
     "aliases": ["General Secretary"], "type": "title", "bodies": ["province", "office"]},
    {"id": "t-sg", "name": "Secretary-General", "aliases": ["General Secretary"], "type": "title",
     "bodies": ["society"]},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(("text", "expected"), [
    ("President Qin said so.", "President Qin Lan said so."),
    ("The new President Qin said so.", "The new President Qin Lan said so."),
    ("Qin Lan said so.", "Qin Lan said so."),
])
def test_a_person_s_title_stays_before_the_name(n, text, expected):
    assert str(n.normalize_text(text)) == expected


def test_a_person_s_form_with_words_that_are_no_title_gets_the_name(n):
    # (no post of the glossary's: the words are the name's, as a given name written first is)
    assert str(n.normalize_text("Comrade Qin said so.")) == "Qin Lan said so."
    assert str(n.normalize_text("Lan Qin said so.")) == "Qin Lan said so."


def test_a_title_of_another_level_than_the_body_before_it_is_no_post_of_it(n):
    text = "Orbital Party Central Committee General Secretary Qin Lan spoke."
    assert "t-prov-sg" not in [m.entity_id for m in n.find(text)]
    assert "General Secretary" in str(n.normalize_text(text))
    text = "Orbital Party Qinhe Provincial Committee General Secretary Qin Lan spoke."
    assert "t-prov-sg" in [m.entity_id for m in n.find(text)]
