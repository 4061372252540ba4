"""Pinyin glosses inside Chinese words: what some mirror pages insert after a character.

Pages copied through simplified/traditional mirrors write a character's reading in brackets
right after it, inside the word: 中國航天科工集團(tuán)第十研究院, 產業(yè)基地. Such a gloss cuts the
name in two for the Chinese scan. :func:`without_glosses` gives the text without them as a
reading whose spans are placed back on the text as written. A gloss is a bracketed pinyin
syllable with a tone mark right after a Han character (a bracketed letter or word, "(a)",
"(CASC)", is none).
"""

from __future__ import annotations

import re

from ..text.fold import Reading, reading_without

__all__ = ["without_glosses"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-z{_TONED}ü]*[{_TONED}])[a-z{_TONED}ü]{{1,7}}\)")


def without_glosses(text: str) -> Reading | None:
    """``text`` read without its pinyin glosses (:func:`~aeronorm.text.fold.reading_without`);
    ``None`` when it has none.

    >>> without_glosses("集團(tuán)第十研究院").text
    '集團第十研究院'
    >>> without_glosses("附件(a)与CASC(China)") is None
    True
    """
    cuts = [g.span() for g in _GLOSS.finditer(text)]
    return reading_without(text, cuts) if cuts else None
