"""Stage 4 (romanised side): pinyin input against pinyin keys of the Chinese names."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from ..index import Index
from ..resources import load_places, load_word_classes
from ..romanization import split_syllables
from ..text import tokenize
from .base import Outcome, Query

__all__ = ["PINYIN_SCORE", "match_pinyin", "pinyin_letters"]

#: Score of a pinyin-key match: every syllable of the (shortened) Chinese name is there.
PINYIN_SCORE = 0.93


def pinyin_letters(text: str) -> list[str]:
    """Letter keys of a romanised name, or ``[]`` when it is not (mostly) pinyin.

    Company forms at the end are dropped; a leading place may be dropped too.

    Examples
    --------
    >>> pinyin_letters("Beijing Tianbing Keji YG")
    ['beijingtianbingkeji', 'tianbingkeji']
    >>> pinyin_letters("Northwestern Polytechnical University")
    []
    """
    legal = load_word_classes().pinyin_legal
    words = tokenize(text)
    while words and words[-1] in legal:
        words.pop()
    if len(words) < 1 or not all(w.isalpha() and split_syllables(w) for w in words):
        return []
    letters = "".join(words)
    if len(split_syllables(letters) or ()) < 2:
        return []
    keys = [letters]
    if len(words) > 1 and words[0] in _place_words():
        keys.append("".join(words[1:]))
    return keys


@cache
def _place_words() -> frozenset[str]:
    return frozenset(en.replace("'", "") for _, forms in load_places() for en in forms if " " not in en)


def match_pinyin(index: Index, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
    """Match a romanised name against the pinyin keys of every Chinese name."""
    if query.han:
        return None
    for form in query.forms:
        for key in pinyin_letters(form):
            ids = index.pinyin_keys.get(key)
            if not ids:
                continue
            if allowed is not None:
                ids = {i for i in ids if i in allowed}
            if len(ids) == 1:
                (i,) = ids
                return Outcome(i, PINYIN_SCORE, "pinyin", (f"pinyin {key!r}",))
            if len(ids) > 1:
                return Outcome(
                    None,
                    0.0,
                    "pinyin",
                    (f"pinyin {key!r} fits {len(ids)} entities",),
                    tuple((i, PINYIN_SCORE) for i in sorted(ids)),
                )
    return None
