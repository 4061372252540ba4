"""aeronorm.text.segment: the words of stretches of a text are the words of the whole text there.

``ChineseTokenizer.words_of`` segments only the stretches asked for (and remembers the blocks it
has segmented); ``tokenize`` cuts long texts into pieces where jieba cuts anyway. Both are held
here to the simple path: jieba over the pieces of the loop the cut replaced.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.text.segment import JIEBA_MAX_PIECE, ChineseTokenizer

_JOINED = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]")


@pytest.fixture(scope="module")
def tokenizer():
    return ChineseTokenizer([("航天科工二院", "nt"), ("西北工业大学", "nt"), ("张克俭", "nr")])


def reference_pieces(text: str) -> list[tuple[int, str]]:
    """The cut as it was first written: a Python loop back from the end of each piece."""
    n, out, start = len(text), [], 0
    while n - start > JIEBA_MAX_PIECE:
        end = start + JIEBA_MAX_PIECE
        cut = end
        for k in range(end - 1, start + JIEBA_MAX_PIECE // 2, -1):
            if not _JOINED.match(text, k) and text[k] != "\r":
                cut = k + 1
                break
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


def units(text: str) -> list[tuple[int, int]]:
    """The stretches between characters jieba never joins to a word."""
    return [m.span() for m in re.finditer(r"(?:\w|[+#&.%\-])+", text)]


_LETTERS = st.sampled_from([*"西北工业大学航天科工二院的专家张克俭说國abCD19_-.é㐀", "𠀀"])
_BREAKS = st.sampled_from(["，", "。", " ", "\n", "、", "(", ")", ", ", "\r\n", "·"])
_texts = st.lists(st.tuples(st.text(_LETTERS, max_size=700), _BREAKS), max_size=6).map(
    lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=60, deadline=None)
@given(_texts)
def test_tokenize_cuts_where_the_loop_cut(tokenizer, text):
    jieba = tokenizer._jieba()
    expected = [(w, at + s, at + e)
                for at, piece in reference_pieces(text) for w, s, e in jieba.tokenize(piece)]
    assert tokenizer.tokenize(text) == expected


@settings(max_examples=60, deadline=None)
@given(_texts, st.data())
def test_words_of_stretches_are_the_words_of_the_text(tokenizer, text, data):
    tokens = tokenizer.tokenize(text)
    stretches = units(text)
    chosen = [s for s in stretches if data.draw(st.booleans())]
    for asked in (stretches, chosen, chosen):  # the last from the memo
        got = tokenizer.words_of(text, asked)
        assert got == [tuple(w for w, s, e in tokens if a <= s and e <= b) for a, b in asked]
        assert all("".join(words) == text[a:b] for words, (a, b) in zip(got, asked, strict=True))


def test_a_stretch_that_cuts_a_block_is_refused(tokenizer):
    with pytest.raises(ValueError, match="no stretch of whole"):
        tokenizer.words_of("航天科工二院的专家", [(2, 6)])
    with pytest.raises(ValueError, match="no stretch of whole"):
        tokenizer.words_of("航天", [(0, 3)])
    assert tokenizer.words_of("", [(0, 0)]) == [()]


# Dictionary words that overlap one another (a path to choose), characters jieba's dictionary
# lacks or holds only inside longer words (runs for its HMM), a user word, Latin and digits.
_WORDS = st.sampled_from([
    "中国", "中国人", "国人", "人民", "研究", "研究所", "所有", "有限", "有限公司", "公司", "北京", "京剧",
    "剧院", "工业", "大学", "工业大学", "西北", "北工", "了", "的", "在", "和服", "服务", "务必",
    "航天科工二院", "二院", "院长", "长江", "江南", "南方", "嗯", "𠀀", "㐀", "鱻", "龘", "靐", "齉", "朤",
    "A380", "3.5%", "C++", "foo", "-", "张克俭", "说"])
_word_texts = st.lists(st.tuples(st.lists(_WORDS, max_size=12).map("".join), _BREAKS), max_size=5).map(
    lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=300, deadline=None)
@given(_word_texts)
def test_words_of_are_jiebas_words(tokenizer, text):
    # words_of scores jieba's paths itself (a remembered log probability per word, one loop from
    # the right): the words of jieba's own lcut, every one
    jieba = tokenizer._jieba()
    stretches = units(text)
    assert tokenizer.words_of(text, stretches) == [tuple(jieba.lcut(text[a:b])) for a, b in stretches]
