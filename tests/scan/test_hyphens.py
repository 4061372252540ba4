"""aeronorm.scan.hyphens: a word a line break cut with a hyphen is read whole in running text, the
mention placed back on the text as written; a hyphenated compound cut at its hyphen stays two
words. Invented entities and sentences."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.scan.hyphens import without_line_hyphens


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records([{"id": "oeu", "name": "Orbix Engineering University",
                                              "type": "org"}]))


@pytest.mark.parametrize("text", [
    "She taught at Orbix Engin-\neering University for years.",
    "She taught at Orbix Engin-\r\n  eering University for years.",
])
def test_a_word_cut_at_a_line_break_is_read_whole(n, text):
    (m,) = n.find(text)
    assert m.entity_id == "oeu" and text[m.start : m.end] == m.text
    assert str(n.normalize_text(text)) == "She taught at Orbix Engineering University for years."


def test_a_compound_cut_at_its_hyphen_stays_two_words():
    known = {"long", "term", "longterm"}.__contains__
    assert without_line_hyphens("a long-\nterm plan", known) is None  # 'term' is a word of its own
    assert without_line_hyphens("no line break: engin-eering", {"engineering"}.__contains__) is None
