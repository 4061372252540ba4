"""Pinyin glosses inside Chinese words: what some mirror pages insert after a character.

Pages copied through simplified/traditional mirrors write a character's reading in brackets
right after it, inside the word: 中國航天科工集團(tuán)第十研究院, 產業(yè)基地. Such a gloss cuts the
name in two for the Chinese scan. :func:`without_glosses` gives the text without them and where
each remaining character was, so that a scan of the clean text can be placed back on the text as
written. A gloss is a bracketed pinyin syllable with a tone mark right after a Han character (a
bracketed letter or word, "(a)", "(CASC)", is none).
"""

from __future__ import annotations

import re

__all__ = ["without_glosses"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-z{_TONED}ü]*[{_TONED}])[a-z{_TONED}ü]{{1,7}}\)")


def without_glosses(text: str) -> tuple[str, list[int]] | None:
    """``text`` without its pinyin glosses and, for each character left, its position in
    ``text`` (one more entry: ``len(text)``); ``None`` when it has none.

    >>> clean, at = without_glosses("集團(tuán)第十研究院")
    >>> clean, at[2], at[-1]
    ('集團第十研究院', 8, 13)
    >>> without_glosses("附件(a)与CASC(China)") is None
    True
    """
    glosses = list(_GLOSS.finditer(text))
    if not glosses:
        return None
    pieces: list[str] = []
    at: list[int] = []
    pos = 0
    for g in glosses:
        pieces.append(text[pos : g.start()])
        at.extend(range(pos, g.start()))
        pos = g.end()
    pieces.append(text[pos:])
    at.extend(range(pos, len(text) + 1))
    return "".join(pieces), at
