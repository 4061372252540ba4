"""aeronorm.scan: each fast path of ``find`` answers what its plain reference answers.

Fast paths: the word split (possessive quantifiers; ``\\w`` when the text has no "_"), the test for
Han characters (UTF-8 lead bytes before the regex), the trie's mentions inside a capitalised run
(bisection instead of a pass over every mention).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.scan.scanner import holds_han
from aeronorm.scan.spans import overlapping
from aeronorm.scan.words import APOSTROPHES, split_words, upper_after_first
from aeronorm.text.fold import HAN_CLASS, HAN_RE

# The split as it was first written: greedy quantifiers, letters and digits as [^\W_]; in a text
# with Han characters and Latin letters, a run of Han characters is a word of its own.
_REFERENCE_SPLIT = re.compile(rf"([^\W_]+(?:[{APOSTROPHES}][^\W_]+)*|&)")
_H = HAN_CLASS[1:-1]
_REFERENCE_MIXED = re.compile(rf"({HAN_CLASS}+|[^\W_{_H}]+(?:[{APOSTROPHES}][^\W_{_H}]+)*|&)")


def _reference_split(text: str) -> list[str]:
    mixed = HAN_RE.search(text) is not None and re.search("[A-Za-z]", text) is not None
    return (_REFERENCE_MIXED if mixed else _REFERENCE_SPLIT).split(text)

# Characters near every boundary the fast paths rely on: "_" and other word characters, every
# apostrophe, "&", digits of other scripts, marks, the edges of the Han ranges and their UTF-8
# neighbours (U+3000-U+33FF, U+A000, U+F8FF, U+FB00, U+1F600, U+2A6E0), lone surrogates.
_TRICKY = ("_", "&", "-", " ", "\n", "\u00a0", "\u2019", "\u02bc", "`", "\u00b4", "\u0301", "\u0663",
           "\u00b2", "\u00e9", "\u2014", "\u3000", "\u3042", "\u33ff", "\u3400", "\u4dbf", "\u4e2d", "\u9fff",
           "\ua000",
           "\uf8ff", "\uf900", "\ufaff", "\ufb00", "\U0001f600", "\U00020000", "\U0002a6df", "\U0002a6e0",
           "\U0002ebef", "\U00030000", "\U0003134f", "\U00031350", "\ud800", "\udfff")
_chars = st.one_of(st.sampled_from(_TRICKY), st.sampled_from("aZ9's. ,()中"), st.characters())
_texts = st.lists(_chars, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_texts)
def test_split_is_the_reference_split(text):
    assert split_words(text) == _reference_split(text)


@settings(max_examples=400, deadline=None)
@given(text=_texts)
def test_holds_han_is_the_regex(text):
    assert holds_han(text) == bool(HAN_RE.search(text))


# Han and ASCII (the fast path), and cased characters outside ASCII (full-width, title case,
# Roman numerals, sharp s) and the edges of the Han ranges.
_CASED = st.lists(st.sampled_from(["中", "国", "a", "Z", "9", "'", "Ａ", "ǅ", "Ⅰ", "ß", "é", "É", "\u3400",
                                   "\u9fff", "\ua000"]), min_size=1).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(_texts, _CASED))
def test_upper_after_first_is_the_loop(text):
    assert upper_after_first(text) == any(c.isupper() for c in text[1:])


def test_holds_han_at_every_edge():
    for c in _TRICKY:
        for text in (c, f"An English text {c}", f"{c} é"):
            assert holds_han(text) == bool(HAN_RE.search(text)), repr(text)


def test_holds_han_past_the_first_chunk():
    # the test runs a chunk of 65,536 characters at a time: a Han character in a later chunk,
    # and one on each side of a chunk's edge
    for at in (0, 65_535, 65_536, 200_000):
        text = ["é"] * 200_001
        text[at] = "航"
        assert holds_han("".join(text))
    assert not holds_han("é—’" * 100_000)


@st.composite
def _spans_and_run(draw):
    """Spans in text order that do not overlap (as the trie's mentions are), and a run."""
    spans, at = [], 0
    for _ in range(draw(st.integers(0, 12))):
        first = at + draw(st.integers(0, 3))
        last = first + draw(st.integers(0, 3))
        spans.append((first, last))
        at = last + 1
    a = draw(st.integers(0, at + 2))
    b = a + draw(st.integers(0, 8))
    return spans, a, b


@settings(max_examples=400, deadline=None)
@given(case=_spans_and_run())
def test_overlapping_is_a_pass_over_every_span(case):
    spans, a, b = case
    reference = [i for i, (x, y) in enumerate(spans) if x <= b and a <= y]
    assert overlapping([x for x, _ in spans], [y for _, y in spans], a, b) == reference


# -- the acceptor's steps kept with a remembered stretch ----------------------------------------
# Openers and continuations of names, titles and terms, one-word names that are English words at
# the start of a sentence ("Compass"), titles after a body ("CNSA Administrator"), foreign bodies.
_OPENERS = ["China", "Chinese", "Beijing", "National", "Aerospace", "State", "CASIC", "CASC", "CNSA",
            "Director", "Administrator", "Space", "launch", "Long", "Tiangong", "Hainan", "vice", "the",
            "Great", "President", "Compass", "Change", "Shenzhou", "Zhang", "Russian", "Secretary"]
_NEXT = ["Aerospace", "Academy", "of", "Science", "and", "Industry", "Technology", "Corporation", "Space",
         "Great", "Wall", "University", "Institute", "said", "Co.,", "Ltd.", "Launch", "Vehicle", "labour",
         "National", "Administration", "Foundation", "Society", "Astronautics", "'s", "(CASC)", "March",
         "2D", "station", "Island", "president", "Director", "General", "site", "center", "Group", "中国",
         "Administrator", "Compass", "Zhang", "Kejian", "Party", "Committee", "Secretary", "Fujian", "CNSA"]
_GAPS = [" ", " ", " ", ", ", ". ", "\n\n", " and ", "-", " U.S. ", "航天"]


@st.composite
def _prose(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 10))):
        pieces.append(draw(st.sampled_from(_OPENERS)))
        for _ in range(draw(st.integers(0, 6))):
            pieces.append(draw(st.sampled_from(_GAPS[:3])) + draw(st.sampled_from(_NEXT)))
        pieces.append(draw(st.sampled_from(_GAPS)))
    return "".join(pieces)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_prose(), min_size=1, max_size=5))
def test_kept_steps_answer_what_fresh_steps_answer(texts):
    import aeronorm

    scanner = aeronorm.default_normalizer().scanner
    everyone = set(range(len(scanner.index.entities)))  # the same answers as None, never kept
    for text in texts * 2:  # the second time, the steps are the kept ones
        kept = scanner._find_english(scanner.words.doc(text), None, None)
        fresh = scanner._find_english(scanner.words.doc(text), everyone, None)
        assert kept == fresh, text
        doc = scanner.words.doc(text)
        for c in range(len(doc.seq)):
            for covered_until in (-1, doc.seq[c] - 2):
                assert scanner.acceptor.longest(doc, c, None, covered_until) == \
                    scanner.acceptor.longest(doc, c, everyone, covered_until), (text, c)


def test_kept_steps_know_a_sentence_start():
    # the same stretch inside a sentence and opening one, in both orders: an English word that is
    # a one-word name ("Compass") is a mention only inside a sentence
    import aeronorm

    n = aeronorm.default_normalizer()
    for name in ("Compass", "Long March", "Tiangong"):
        inside, opening = f"We saw the {name} said so.", f"We saw. {name} said so."
        alone = {t: [(m.start, m.end, m.entity_id) for m in n.find(t)] for t in (inside, opening)}
        for first, second in ((inside, opening), (opening, inside)):
            text = f"{first}\n\n{second}"
            got = [(m.start, m.end, m.entity_id) for m in n.find(text)]
            shift = len(first) + 2
            assert got == alone[first] + [(a + shift, b + shift, e) for a, b, e in alone[second]]
    assert [m.text for m in n.find("We saw the Compass said so. Compass said so.")] == ["Compass"]


# -- the trie's remembered walks, where a word with Han characters ends a stretch ---------------
# Names written as in running Chinese: glued to the Chinese after them ("University的工程师"), or
# with Chinese between their words, so that a stretch ends on a word of Han characters that only
# its class makes a hard break. A walk remembered from one stretch answers for another only where
# the words it consulted are the same (and the Han word is still a Han word).
_GLUED = ["表示", "的工程师参加了测试", "与", "签署了协议", "的专家", "航天", "中国", "二院", "。", "，",
          " ", ""]


@st.composite
def _glued_prose(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 8))):
        pieces.append(draw(st.sampled_from(_OPENERS)))
        for _ in range(draw(st.integers(0, 5))):
            pieces.append(draw(st.sampled_from([*_GAPS[:3], *_GLUED])) + draw(st.sampled_from(_NEXT)))
        pieces.append(draw(st.sampled_from([*_GAPS, *_GLUED])))
    return "".join(pieces)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_glued_prose(), min_size=1, max_size=6))
def test_remembered_walks_answer_what_fresh_walks_answer(texts):
    import aeronorm

    scanner = aeronorm.default_normalizer().scanner
    memo = scanner.trie._walk_memo
    fresh = []
    for text in texts:
        memo.clear()  # nothing remembered: every stretch walked
        fresh.append(scanner._find_english(scanner.words.doc(text), None, None))
    for _ in range(2):  # the walks of earlier texts (and of the first round) remembered
        assert [scanner._find_english(scanner.words.doc(t), None, None) for t in texts] == fresh, texts


def test_a_name_glued_to_chinese_is_walked_once_whatever_the_chinese(monkeypatch):
    import aeronorm

    scanner = aeronorm.default_normalizer().scanner
    trie = scanner.trie
    trie._walk_memo.clear()
    walked = []
    real = trie.walk

    def walk(doc, c0, probe=False):
        if not probe:
            walked.append(doc.raws[doc.seq[c0]])
        return real(doc, c0, probe)

    monkeypatch.setattr(trie, "walk", walk)
    found = []
    for tail in ("的工程师参加了测试。", "签署了协议。", "与CASIC"):
        # not the last words of the text (a walk that could go on past them is not remembered)
        text = f"据报道，National Space Science Center{tail} Officials said so in Beijing, Xian and Wuhan."
        found.append([(m.text, m.entity_id) for m in
                      scanner._find_english(scanner.words.doc(text), None, None)])
    glued = [w for w in walked if w in ("National", "Space", "Science")]
    assert glued and len(glued) == len(set(glued))  # each walked once: then remembered
    assert found[1:] == found[:1] * 2
