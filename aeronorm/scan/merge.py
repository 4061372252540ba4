"""The overlap policy: which of two overlapping mentions stays. A plain function, apart from
the matching that proposes the mentions (as in spaCy's SpanRuler)."""

from __future__ import annotations

from collections.abc import Sequence

from ..results import Mention

__all__ = ["merge_mentions"]


def merge_mentions(english: Sequence[Mention], chinese: Sequence[Mention], length: int) -> list[Mention]:
    """English and Chinese mentions of one text, in text order, none overlapping.

    Each list is already free of overlaps (the English scan keeps the longest path from each
    word and resumes after it). Where they overlap, the Chinese mention wins: it was read on the
    Chinese side of a mixed text, where the English scan sees only a fragment.

    Examples
    --------
    >>> from aeronorm.results import Match
    >>> m = Match("x", "x", "X", "org", 1.0, "exact")
    >>> [(a.start, a.end) for a in merge_mentions([Mention(0, 5, "CASIC", m)],
    ...                                           [Mention(0, 7, "CASIC二院", m)], 7)]
    [(0, 7)]
    """
    if not chinese:
        return list(english)
    taken = bytearray(length)
    for m in chinese:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    merged = [m for m in english if not any(taken[m.start : m.end])] + list(chinese)
    merged.sort(key=lambda m: m.start)
    return merged
