"""aeronorm.text.zh: folding a text through a translate table is folding it character by character."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.text.fold import clean_text, is_han_char
from aeronorm.text.zh import fold_han, maybe_traditional, to_simplified


def reference_fold(text: str) -> str:
    """fold_han as first written: every character folded on its own, then OpenCC."""
    chars = []
    for c in text:
        f = unicodedata.normalize("NFKC", clean_text(c))
        chars.append(f if len(f) == 1 else c)
    folded = "".join(chars)
    simplified = to_simplified(folded)
    if len(simplified) == len(folded):
        return simplified
    out = []
    for c in folded:
        s = to_simplified(c)
        out.append(s if len(s) == 1 else c)
    return "".join(out)


_CHARS = st.sampled_from([*"中國航天科工集團電子（）【】“”ＣＡＳＩＣ１２ａ \u3000，。·ﬁ²½é㐀", "𠀀", "\xa0"])


@settings(max_examples=200, deadline=None)
@given(st.text(_CHARS, max_size=40) | st.text(max_size=40))
def test_fold_han_is_the_fold_of_each_character(text):
    assert fold_han(text) == reference_fold(text)
    assert len(fold_han(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(_CHARS, max_size=20) | st.text(max_size=20))
def test_maybe_traditional_is_a_han_character_outside_gb2312(text):
    def outside(c: str) -> bool:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            return True
        return False

    assert maybe_traditional(text) == any(is_han_char(c) and outside(c) for c in text)
