"""aeronorm.text.zh: folding a text through a translate table is folding it character by character."""

from __future__ import annotations

import string
import unicodedata

import pytest
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


def test_fold_han_of_a_long_text_with_few_or_many_characters_to_fold():
    """A long text folds through one replace per character to fold when it holds a few of them,
    through the translate table when it holds many: the same text either way."""
    few = "据报道，CASIC与ＣＡＳＣ签署了协议。" * 300
    many = few + "".join(chr(0xFF21 + k) for k in range(20)) + "“”（）【】\u3000²"
    for text in (few, many, few + "ﬁ½", "中國航天，電子。" * 50):
        assert fold_han(text) == reference_fold(text)


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


# -- fold_keeps: what folding a stretch of folded text again cannot change ------------------------
def test_the_characters_fold_keeps_vouches_for_fold_to_themselves():
    from aeronorm.text.zh import fold_keeps, gb2312_han

    vouched = [c for c in gb2312_han() if fold_keeps(c)]
    # OpenCC's dictionaries the list was read from: nearly every character is vouched for; any
    # other OpenCC (the lowest supported version): none is, and the Chinese scan skips nothing
    assert len(vouched) > 6000 or not vouched
    for c in vouched:
        assert reference_fold(c) == c, c
    for c in "0123456789_+#&.%-" + string.ascii_letters:
        assert reference_fold(c) == c  # fold_han itself takes fold_keeps's word for it


def test_the_changed_characters_are_those_of_opencc_dictionaries(tmp_path):
    # read OpenCC's dictionaries again with its own tool, when it is installed with it
    import os
    import subprocess

    import opencc

    from aeronorm.resources import data_yaml

    root = os.path.join(os.path.dirname(opencc.__file__), "clib")
    tool = os.path.join(root, "bin", "opencc_dict")
    if not os.access(tool, os.X_OK):
        pytest.skip("no opencc_dict beside the installed OpenCC")
    changed, lengths = set(), []
    for name in ("TSPhrases", "TSCharactersExt", "TSCharacters", "CJK_Compatibility_Ideographs"):
        out = tmp_path / f"{name}.txt"
        env = {**os.environ, "LD_LIBRARY_PATH": os.path.join(root, "lib64")}
        subprocess.run([tool, "-i", os.path.join(root, "share", "opencc", f"{name}.ocd2"), "-o", str(out),
                        "-f", "ocd2", "-t", "text"], check=True, env=env, capture_output=True)
        for line in out.read_text(encoding="utf-8").splitlines():
            key, values = line.split("\t")
            first = values.split(" ")[0]
            if len(first) != len(key):
                lengths.append(key)
            changed.update(k for k, v in zip(key, first, strict=False) if k != v)
    assert not lengths
    # the characters fold_keeps may vouch for: Han of GB 2312 (in U+4E00-U+9FA5), ASCII letters,
    # digits, joiners
    plain = {c for c in changed if ("\u4e00" <= c <= "\u9fa5" and not maybe_traditional(c))
             or c in "0123456789_+#&.%-" or c in string.ascii_letters}
    assert plain == set(data_yaml("opencc_t2s.yaml")["changed"])


_GB_CHARS = st.sampled_from([*"中国航天科工集团西北工业大学研究所说了的在和与二院于后干着借口狼藉沈阳覆盖",
                             *"0123456789_-.%", *"藉後於乾覆麽電國", *"CASIaz"])


@settings(max_examples=300, deadline=None)
@given(st.text(_GB_CHARS, max_size=30))
def test_a_string_fold_keeps_vouches_for_folds_to_itself_wherever_it_is_cut(text):
    from aeronorm.text.zh import fold_keeps

    if not fold_keeps(text):
        return
    for i in range(len(text)):
        for j in range(i + 1, len(text) + 1):
            assert reference_fold(text[i:j]) == text[i:j]
