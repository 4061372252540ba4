"""Decomposed (NFD) text, as macOS and PDF extraction write it: a combining mark is part of the
letter before it, never a word break. Running text is read as a name is (composed, the marks that
compose nothing dropped), with offsets into the text as written. Invented names."""

from __future__ import annotations

import unicodedata

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "liom", "name": "Lanyu Institute of Orbital Mechanics", "zh": "岚峪轨道力学研究所",
     "abbreviations": ["LIOM"]},
    {"id": "lio", "name": "Lio Orbital Works", "abbreviations": ["LIO"]},
    {"id": "qianshan", "name": "Qianshan", "zh": "乾山", "type": "place"},
    {"id": "tegu", "name": "Tegu Propulsion Academy", "zh": "特古推进研究院", "abbreviations": ["TPA"]},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def found(n: Normalizer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in n.find(text)]


@pytest.mark.parametrize("text", [
    "Staff at Lányù Guǐdào Lìxué Yánjiūsuǒ said so.",
    "They flew to Qiánshān on Monday, then met Tègǔ Tuījìn Yánjiūyuàn.",
])
def test_decomposed_pinyin_is_found_as_its_composed_form(n, text):
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert nfc != nfd and found(n, nfc)
    got = n.find(nfd)
    assert [m.entity_id for m in got] == [m.entity_id for m in n.find(nfc)]
    assert all(nfd[m.start:m.end] == m.text for m in got) and got.source == nfd
    assert [unicodedata.normalize("NFC", m.text) for m in got] == [m.text for m in n.find(nfc)]
    assert str(n.normalize_text(nfd)) == str(n.normalize_text(nfc))


@pytest.mark.parametrize("mark", ["\u0301", "\u0332", "\u0323"])  # acute, low line, dot below
def test_a_mark_after_a_names_last_letter_is_inside_its_span(n, mark):
    text = f"Yesterday LIOM{mark} said so."
    got = n.find(text)
    assert [(m.text, m.entity_id) for m in got] == [(f"LIOM{mark}", "liom")]
    out = n.normalize_text(text)
    assert out == "Yesterday the Lanyu Institute of Orbital Mechanics said so."  # no mark on the new name
    assert all(out[r.out_start:r.out_end] == r.new for r in out.replacements)


def test_a_mark_does_not_cut_a_word_in_two(n):
    """The word before the mark is no word of its own: 'LIOḾs' is one word."""
    for text in ("The LIOM\u0301s team said so.", "The LIOM\u0332x team said so."):
        assert all(m.text.endswith(("s", "x")) for m in n.find(text)), text
        assert "Lanyu Institute of Orbital Mechanics" not in n.normalize_text(text)


@pytest.mark.parametrize("word", ["LIO\u0327M", "LIO\u0301M", "LI\u0301OM"])
def test_a_mark_inside_a_word_gives_the_entity_match_gives(n, word):
    """Not the shorter 'LIO' before the mark: the word is read whole, as ``match`` reads it."""
    expected = n.match(word)
    got = n.find(f"Then {word} said so.")
    assert [m.entity_id for m in got] == ([expected.entity_id] if expected else [])
    assert all(m.text == word for m in got)


def test_text_without_marks_is_read_as_it_is(n):
    text = "Engineers from LIOM met Tegu Propulsion Academy in Qianshan."
    assert n.find(text) == n.scanner.find(text)
