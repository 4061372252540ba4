"""Stage 3: acronyms, given (``CASIC``) and derived from names (``NWPU``, ``DLUT``)."""

from __future__ import annotations

import re
from collections.abc import Collection

from ..index import Index
from ..text import fold_key
from .base import Outcome, Query

__all__ = ["ABBREVIATION_SCORE", "looks_like_acronym", "match_abbreviation"]

#: Score of a derived acronym: unique in the glossary, but initials are a weak signature.
ABBREVIATION_SCORE = 0.9

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,11}$")


def looks_like_acronym(text: str) -> bool:
    """One word of two capitals or more, mostly upper case (``NWPU``, ``AIRCAS``, ``CASIC-IT``).

    Examples
    --------
    >>> [looks_like_acronym(s) for s in ["NWPU", "Nwpu", "ExPace", "CAS Space"]]
    [True, False, False, False]
    """
    text = text.strip().rstrip(".")
    if not _ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def match_abbreviation(index: Index, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
    """An acronym query against given and derived acronyms."""
    for text in (query.text,):
        if not looks_like_acronym(text):
            continue
        given = index.exact.get(fold_key(text), set())
        key = text.upper().replace("-", "").replace("&", "").rstrip(".")
        ids = set(given) or set(index.acronyms.get(key, ())) or set(index.part_acronyms.get(key, ()))
        if allowed is not None:
            ids = {i for i in ids if i in allowed}
        if len(ids) == 1:
            (i,) = ids
            how = "given" if given else "derived from the name"
            return Outcome(
                i, 1.0 if given else ABBREVIATION_SCORE, "abbreviation", (f"acronym {text!r} ({how})",)
            )
        if len(ids) > 1 and text == query.text:
            return Outcome(
                None,
                0.0,
                "abbreviation",
                (f"acronym {text!r} fits {len(ids)} entities",),
                tuple((i, ABBREVIATION_SCORE) for i in sorted(ids)),
            )
    return None
