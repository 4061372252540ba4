"""Words a line break cut with a hyphen: "Northwest-" at the end of a line, "ern" at the start of
the next (hard-wrapped or PDF-extracted text).

:func:`without_line_hyphens` gives the text with such words joined, as a reading whose spans
are placed back on the text as written. Two
parts are one word when the second opens in lower case and is no word of its own, and the two
joined are a known word; a hyphenated compound cut at its hyphen ("long-" / "term") keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text.fold import Reading, reading_without

__all__ = ["without_line_hyphens"]

_CUT = re.compile(r"([^\W\d_]+)-[ \t]*\r?\n[ \t]*([a-z]+)")


def without_line_hyphens(text: str, known: Callable[[str], bool]) -> Reading | None:
    """``text`` read with the words a hyphen and a line break cut joined
    (:func:`~aeronorm.text.fold.reading_without`); ``None`` when it has none. ``known(word)``
    says whether a word is a known one.

    >>> known = {"northwestern", "northwest", "term", "long"}.__contains__
    >>> r = without_line_hyphens("Northwest-\\nern University; long-\\nterm", known)
    >>> r.text, r.span(0, 12)
    ('Northwestern University; long-\\nterm', (0, 14))
    """
    if "-" not in text or "\n" not in text:
        return None
    # (what is cut: the hyphen, the line break and the spaces between the two pieces)
    cuts = [(m.end(1), m.start(2)) for m in _CUT.finditer(text)
            if not known(m.group(2).casefold()) and known((m.group(1) + m.group(2)).casefold())]
    return reading_without(text, cuts) if cuts else None
