"""aeronorm.text.pinyin: recognising pinyin and computing it from Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.resources import load_pinyin_syllables
from aeronorm.text.pinyin import is_pinyin_word, pinyin_initials, split_syllables, to_pinyin


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hangtian", ("hang", "tian")),
        ("xibei", ("xi", "bei")),
        ("gongye", ("gong", "ye")),
        ("daxue", ("da", "xue")),
        ("zhangkejian", ("zhang", "ke", "jian")),
        ("qianxuesen", ("qian", "xue", "sen")),
        ("xian", ("xian",)),  # fewest syllables first: 先, not 西安
        ("xi'an", ("xi", "an")),  # the apostrophe marks the boundary
        ("xi-an", ("xi", "an")),
        ("lv", ("lv",)),
        ("er", ("er",)),
    ],
)
def test_split_syllables(word, expected):
    assert split_syllables(word) == expected


@pytest.mark.parametrize("word", ["kepler", "", "x", "'", "space", "hangtianx", "lü", "Hangtian", "6th"])
def test_split_syllables_rejects_non_pinyin(word):
    assert split_syllables(word) is None


_SYLLABLES = sorted(load_pinyin_syllables())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=5))
def test_split_syllables_reassembles_any_syllable_chain(chain):
    word = "".join(chain)
    split = split_syllables(word)
    assert split is not None
    assert "".join(split) == word
    assert len(split) <= len(chain)  # fewest syllables
    assert all(s in load_pinyin_syllables() for s in split)
    assert split_syllables("'".join(chain)) == tuple(chain)  # explicit boundaries are kept


@pytest.mark.parametrize(
    ("zh", "expected"),
    [
        ("西北工业大学", ("xi", "bei", "gong", "ye", "da", "xue")),
        ("钱学森", ("qian", "xue", "sen")),
        ("张克俭", ("zhang", "ke", "jian")),
        ("ABC航天123", ("hang", "tian")),  # non-Han dropped
        ("", ()),
        ("吕", ("lv",)),  # ü written v, like the syllable table
    ],
)
def test_to_pinyin(zh, expected):
    assert to_pinyin(zh) == expected


def test_to_pinyin_syllables_are_known():
    for zh in ("中国航天科工集团有限公司", "文昌国际航天城管理局", "长城", "重庆"):
        assert all(s in load_pinyin_syllables() for s in to_pinyin(zh)), zh


@pytest.mark.parametrize(
    ("word", "expected"), [("dalian", "dl"), ("xibei", "xb"), ("hangtian", "ht"), ("kepler", None)]
)
def test_pinyin_initials(word, expected):
    assert pinyin_initials(word) == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("huaxing", True),  # 华兴: a Chinese word of its own
    ("hentai", True),
    ("keyi", True),
    ("xian", True),
    ("zhizhiqu", False),  # a chain of three: may be a typo of another
    ("hangtiangongda", False),
    ("hauxin", False),  # not pinyin at all
    ("kestrel", False),
])
def test_is_pinyin_word(word, expected):
    assert is_pinyin_word(word) is expected
