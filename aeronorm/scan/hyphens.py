"""Words a line break cut with a hyphen: "Northwest-" at the end of a line, "ern" at the start of
the next (hard-wrapped or PDF-extracted text).

:func:`without_line_hyphens` gives the text with such words joined and where each remaining
character was, so that a scan of the joined text can be placed back on the text as written. Two
parts are one word when the second opens in lower case and is no word of its own, and the two
joined are a known word; a hyphenated compound cut at its hyphen ("long-" / "term") keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["without_line_hyphens"]

_CUT = re.compile(r"([^\W\d_]+)-[ \t]*\r?\n[ \t]*([a-z]+)")


def without_line_hyphens(text: str, known: Callable[[str], bool]) -> tuple[str, list[int]] | None:
    """``text`` with the words a hyphen and a line break cut joined, and for each character left
    its position in ``text`` (one more entry: ``len(text)``); ``None`` when it has none.
    ``known(word)`` says whether a word is a known one.

    >>> known = {"northwestern", "northwest", "term", "long"}.__contains__
    >>> clean, at = without_line_hyphens("Northwest-\\nern University; long-\\nterm", known)
    >>> clean
    'Northwestern University; long-\\nterm'
    >>> at[8], at[9], at[-1]  # 't' of "Northwest", 'e' of "ern" after the cut, the end
    (8, 11, 37)
    """
    if "-" not in text or "\n" not in text:
        return None
    cuts = [m for m in _CUT.finditer(text)
            if not known(m.group(2).casefold()) and known((m.group(1) + m.group(2)).casefold())]
    if not cuts:
        return None
    pieces: list[str] = []
    at: list[int] = []
    pos = 0
    for m in cuts:
        gap_start, gap_end = m.end(1), m.start(2)  # the hyphen, the line break and the spaces
        pieces.append(text[pos:gap_start])
        at.extend(range(pos, gap_start))
        pos = gap_end
    pieces.append(text[pos:])
    at.extend(range(pos, len(text) + 1))
    return "".join(pieces), at
