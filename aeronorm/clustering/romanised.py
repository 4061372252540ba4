"""Names read through the Chinese they translate: the pinyin a name stands for.

A romanised word stands for its own letters (``gongye``); an English word of the term lexicon
for the pinyin of a Chinese concept it translates (``Polytechnical University`` -> 工业大学 ->
``gongyedaxue``). So "Northwestern Polytechnical University", "Xibei Gongye Daxue" and
西北工业大学 share one key, ``xibeigongyedaxue``: pivoting through Chinese, word by word.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice, product

from ..lexicon import Kind, Tok
from ..lexicon.word_classes import load_word_classes
from ..text.fold import is_han_char
from ..text.pinyin import split_syllables, to_pinyin
from .items import Item

__all__ = ["MAX_READINGS", "is_romanised", "pivot_keys", "read_out", "romanised_item", "syllable_key"]

#: Most readings of one name (words with several concepts multiply them).
MAX_READINGS = 16
_MIN_SYLLABLES = 3


def is_romanised(tok: Tok) -> bool:
    """A word written in pinyin that the lexicon does not read as an English word."""
    return tok.key == tok.text and all(w.isalpha() and split_syllables(w) for w in tok.text.split())


def _readings(tok: Tok) -> list[str]:
    """The pinyin a token may stand for: its own letters when romanised, else the pinyin of
    each Chinese concept it carries (first concept first)."""
    if is_romanised(tok):
        return [tok.text.replace(" ", "")]
    concepts = [tok.key, *sorted(k for k in tok.keys if k != tok.key)]
    out = []
    for concept in concepts:
        if concept and all(is_han_char(ch) for ch in concept):
            letters = "".join(to_pinyin(concept))
            if letters and letters not in out:
                out.append(letters)
    return out


def _abbreviated(tok: Tok) -> set[str]:
    """The usual two-syllable shortening of a four-character word (工业大学 -> 工大, ``gongda``)."""
    out = set()
    for concept in tok.keys:
        if len(concept) == 4 and all(is_han_char(ch) for ch in concept):
            syllables = to_pinyin(concept)
            if len(syllables) == 4:
                out.add(syllables[0] + syllables[2])
    return out


def pivot_keys(tokens: Sequence[Tok]) -> list[str]:
    """The pinyin keys a name may stand for, company forms left out (``[]`` when a word can
    be read neither way, or the key has fewer than three syllables).

    Examples
    --------
    >>> from aeronorm.glossary import shipped_terms
    >>> from aeronorm.lexicon import TermLexicon
    >>> lex = TermLexicon(shipped_terms())
    >>> pivot_keys(lex.tokens("Northwestern Polytechnical University"))[0]
    'xibeigongyedaxue'
    >>> pivot_keys(lex.tokens("Xibei Gongye Daxue"))
    ['xibeigongyedaxue']
    """
    legal = load_word_classes().pinyin_legal
    toks = [t for t in tokens if t.kind != Kind.LEGAL]
    while toks and toks[-1].text in legal:
        toks.pop()
    options = [_readings(t) for t in toks]
    if not options or not all(options):
        return []
    out = []
    for combo in islice(product(*options), MAX_READINGS):
        key = "".join(combo).replace("v", "u")
        if key not in out and len(split_syllables(key) or ()) >= _MIN_SYLLABLES:
            out.append(key)
    return out


def read_out(a: Sequence[Tok], left_a: list[int], b: Sequence[Tok], left_b: list[int]
             ) -> tuple[list[int], list[int]]:
    """Leftovers of ``b`` that a run of consecutive leftovers of ``a`` writes word by word in
    pinyin ("Polytechnical University" / "Gongye Daxue", both 工业大学), removed from both."""
    left_a, left_b = list(left_a), list(left_b)
    for j in list(left_b):
        wanted = set(_readings(b[j])) | _abbreviated(b[j])
        if not wanted:
            continue
        for start in range(len(left_a)):
            spelt = [""]
            end = start
            while end < len(left_a) and (end == start or left_a[end] == left_a[end - 1] + 1):
                options = _readings(a[left_a[end]])
                spelt = [s + o for s in spelt for o in options][:MAX_READINGS]
                end += 1
                if wanted.intersection(spelt):
                    del left_a[start:end]
                    left_b.remove(j)
                    break
                if not spelt or min(len(s) for s in spelt) >= max(len(w) for w in wanted):
                    break
            else:
                continue
            if j not in left_b:
                break
    return left_a, left_b


def syllable_key(letters: str) -> str | None:
    """Pinyin letters as their syllables in alphabetical order (order-free), or None when the
    letters are not pinyin or have fewer than three syllables.

    Examples
    --------
    >>> syllable_key("zhongguoyunzaihuojianjishuyanjiuyuan") == syllable_key(
    ...     "zhongguoyanjiuyuanyunzaihuojianjishu")
    True
    """
    syllables = split_syllables(letters)
    if not syllables or len(syllables) < _MIN_SYLLABLES:
        return None
    return " ".join(sorted(syllables))


def romanised_item(item: Item) -> bool:
    """A Chinese member, or a Latin one whose every word is pinyin."""
    return item.script == "han" or (
        bool(item.tokens) and all(is_romanised(t) for t in item.tokens if t.kind != Kind.LEGAL))
