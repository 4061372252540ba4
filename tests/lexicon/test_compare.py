"""aeronorm.lexicon.compare: the alignment's look-up path against the every-pair reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.lexicon import Kind, Tok
from aeronorm.lexicon.compare import align, similarity

_VOCAB = [
    Tok("space", "航天", frozenset({"航天", "space"}), Kind.NAME),
    Tok("aerospace", "航天", frozenset({"航天", "aerospace"}), Kind.NAME),
    Tok("technology", "技术", frozenset({"技术", "科技", "technology"}), Kind.NAME),
    Tok("science and technology", "科技", frozenset({"科技", "science and technology"}), Kind.NAME),
    Tok("beijing", "北京", frozenset({"北京", "beijing"}), Kind.PLACE),
    Tok("china", "中国", frozenset({"中国", "china"}), Kind.GENERIC),
    Tok("qinglan", "qinglan", frozenset({"qinglan"}), Kind.NAME),
    Tok("qinglaan", "qinglaan", frozenset({"qinglaan"}), Kind.NAME),
    Tok("qinglian", "qinglian", frozenset({"qinglian"}), Kind.NAME),
    Tok("kestrel", "kestrel", frozenset({"kestrel"}), Kind.NAME),
    Tok("university technology", "工业大学", frozenset({"工业大学", "科技大学", "university technology"}),
        Kind.NAME),
    Tok("polytechnical university", "工业大学", frozenset({"工业大学", "polytechnical university"}),
        Kind.NAME),
]


def _reference(query, name):
    pairs = [(s, i, j) for i, q in enumerate(query) for j, c in enumerate(name) if (s := similarity(q, c))]
    pairs.sort(key=lambda p: (-p[0], query[p[1]].text != name[p[2]].text, p[1], p[2]))
    used_q, used_c, out = set(), set(), []
    for s, i, j in pairs:
        if i not in used_q and j not in used_c:
            used_q.add(i)
            used_c.add(j)
            out.append((i, j, s))
    return out


tokens = st.lists(st.sampled_from(_VOCAB), max_size=7)


@settings(max_examples=400, deadline=None)
@given(tokens, tokens)
def test_align_equals_the_every_pair_reference(query, name):
    assert align(query, name) == _reference(query, name)


def _brand(text: str) -> Tok:
    return Tok(text, text, frozenset({text}), Kind.NAME)


@pytest.mark.parametrize(("a", "b"), [
    ("huaxing", "huaxin"),  # 华兴 and 华信: two Chinese words a letter apart
    ("lianxing", "lianxin"),
    ("tianyun", "tianyu"),
    ("hentai", "hengtai"),
])
def test_two_chinese_words_are_not_each_others_typo(a, b):
    assert similarity(_brand(a), _brand(b)) == 0.0
    assert similarity(_brand(b), _brand(a)) == 0.0


@pytest.mark.parametrize(("a", "b"), [
    ("hauxin", "huaxin"),  # not pinyin: a typo
    ("lianxn", "lianxin"),
    ("kestrell", "kestrel"),  # not Chinese at all
    ("zhizhiqu", "zizhiqu"),  # a long chain is rarely another word
])
def test_a_typo_that_is_no_chinese_word_is_near(a, b):
    assert 0.0 < similarity(_brand(a), _brand(b)) < 1.0
