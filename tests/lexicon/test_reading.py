"""The lexicon's reading of names: the same answer however it is reached (memos, fast paths,
the phrase trie, the prefixes of morphemes)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.glossary import Term
from aeronorm.lexicon import Kind, TermLexicon

# Words a name is made of: lexicon words and phrases' parts, company forms, "and", unknown
# brands and romanised words, numbers and ordinals.
_WORDS = ["china", "aerospace", "space", "science", "and", "industry", "technology", "academy",
          "institute", "of", "the", "co", "ltd", "limited", "company", "group", "corporation",
          "holdings", "beijing", "dalian", "xi'an", "hangtian", "keji", "kepler", "zorbex", "6th",
          "sixth", "12", "research", "development", "state", "council", "commercial", "launch",
          "vehicle", "great", "wall", "university", "polytechnical", "northwestern", "ke-jian"]


@pytest.fixture(scope="module")
def fresh():
    """A factory of lexicons with empty memos, as the shipped normalizer's is built."""
    from aeronorm.glossary import shipped_terms

    terms = list(shipped_terms())
    return lambda: TermLexicon(terms)


def _reading(lex, text):
    return [(t.text, t.key, t.keys, t.kind) for t in lex.tokens(text)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8), min_size=1, max_size=6))
def test_a_name_reads_the_same_whatever_was_read_before(fresh, names):
    texts = [" ".join(words).title() for words in names]
    alone = [_reading(fresh(), t) for t in texts]
    shared = fresh()
    for t in texts:
        _reading(shared, t)  # fills the memos of words and phrases
    assert [_reading(shared, t) for t in reversed(texts)] == alone[::-1]


@pytest.mark.parametrize("word", ["dalian", "xi'an", "ke-jian", "co", "and", "the", "6th", "12",
                                  "technologies", "zorbex", "space", "a-b-c-d", "s's"])
def test_one_plain_word_reads_as_the_same_word_written_otherwise(fresh, word):
    lex = fresh()
    # the lower-case word takes the fast path (no folding, no memo of whole names)
    assert lex.words(word) == fresh().words(f"  {word.upper()} ")
    assert _reading(lex, word) == _reading(fresh(), f" {word.upper()} ")


def test_any_run_of_company_forms_is_one_legal_token(fresh):
    toks = fresh().tokens("Zorbex Company Limited Corporation Co Ltd")
    assert [t.kind for t in toks] == [Kind.NAME, Kind.LEGAL]
    assert toks[1].text == "company limited corporation company ltd"  # "co" is read as "company"


def test_the_longest_phrase_is_found_past_shorter_ones():
    lex = TermLexicon([Term("航天", ("space",)), Term("科学", ("science",)),
                       Term("空间科学中心", ("space science center",)), Term("中心", ("center",))])
    assert [t.key for t in lex.tokens("Space Science Center")] == ["空间科学中心"]
    assert [t.key for t in lex.tokens("Space Science Hall Zorbex")] == ["航天", "科学", "hall", "zorbex"]


def test_terms_added_later_are_read(fresh):
    lex = fresh()
    assert lex.tokens("Zorbex Quantum Works")[0].key == "zorbex"
    lex.add(Term("佐贝", ("zorbex quantum",)))
    assert lex.tokens("Zorbex Quantum Works")[0].key == "佐贝"


def _segment_reference(terms: set[str], zh: str) -> list[str]:
    """The plain dynamic programme over every piece up to the longest morpheme."""
    longest = max(map(len, terms))
    n = len(zh)
    best: list[tuple[int, int, tuple[str, ...]]] = [(0, 0, ())] * (n + 1)
    for i in range(n - 1, -1, -1):
        cands = []
        for j in range(i + 1, min(n, i + longest) + 1):
            piece = zh[i:j]
            if piece in terms:
                cov, neg, rest = best[j]
                cands.append((cov + len(piece), neg - 1, (piece, *rest)))
        cov, neg, rest = best[i + 1]
        cands.append((cov, neg - 1, (zh[i], *rest)))
        best[i] = max(cands, key=lambda c: (c[0], c[1]))
    pieces: list[str] = []
    for piece in best[0][2]:
        if pieces and ((piece not in terms and pieces[-1] not in terms)
                       or (len(piece) == 1 and len(pieces[-1]) == 1)):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces


_MORPHEMES = ["航天", "航天科技", "科技", "集团", "有限公司", "公司", "西北", "工业", "大学", "工业大学",
              "研究", "研究院", "院", "中国", "北京", "天兵"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_MORPHEMES, "佐", "贝", "兵", "天", "技", "司"]), min_size=1, max_size=8))
def test_segment_zh_is_the_plain_dynamic_programme(parts):
    lex = TermLexicon([Term(m, ("x" + str(k),)) for k, m in enumerate(_MORPHEMES)])
    zh = "".join(parts)
    assert lex.segment_zh(zh) == _segment_reference(lex.zh_terms, zh)
    assert lex.segment_zh(zh) == _segment_reference(lex.zh_terms, zh)  # and from the memo


def test_every_kind_of_plain_word_reads_as_the_same_word_written_otherwise(fresh):
    # A lower-case raw word is read by a shortcut for one word (TermLexicon.read): the same
    # tokens as the programme over phrases gives the word in capitals, for every kind of word
    # (stop words, "and", expansions of several words, company forms, phrases of one word,
    # unknown words, plurals).
    from aeronorm.lexicon.word_classes import load_word_classes

    lex, other = fresh(), fresh()
    wc = load_word_classes()
    words = {w for phrase in (*wc.legal_phrases, *wc.generic_phrases) for w in phrase}
    words |= set(wc.stop_words) | set(wc.abbreviations) | set(_WORDS) | {"univs", "cos", "zorbexes"}
    words |= lex.vocabulary()
    words = {w for w in words
             if w.isascii() and w == w.lower() and w.replace("'", "").replace("-", "").isalnum()}
    assert len(words) > 500
    for w in sorted(words):
        assert _reading(lex, w) == _reading(other, f" {w.upper()}"), w


@pytest.mark.parametrize("written", ["P.R.C.", "P.R.C", "PRC", "P.R. China", "PR China"])
def test_a_dotted_initialism_reads_as_its_letters_with_or_without_its_last_dot(fresh, written):
    toks = fresh().read(f"Ministry of Orbits of {written}")
    assert toks[-1].key == "中华人民共和国" and toks[-1].kind == Kind.GENERIC
