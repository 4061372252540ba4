"""Rewriting a text: every mention replaced, every other character left as it was."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from ..index import Index
from ..results import Mention, NormalizedText, Replacement

__all__ = ["STYLES", "Style", "rewrite"]

Style = Literal["canonical", "abbreviation", "annotate"]
#: How :func:`rewrite` may rewrite a mention.
STYLES: tuple[str, ...] = ("canonical", "abbreviation", "annotate")

_OPEN_BRACKET = re.compile(r"\s*[(\[（]\s*")
_CLOSE_BRACKET = re.compile(r"\s*[)\]）]")


def check_style(style: object) -> Style:
    """``style`` if it is one of :data:`STYLES`; :class:`ValueError` otherwise."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, got {style!r}")
    return style  # type: ignore[return-value]


def rewrite(text: str, mentions: Sequence[Mention], *, style: Style, index: Index) -> NormalizedText:
    """``text`` with ``mentions`` (in text order, not overlapping) rewritten in ``style``.

    ``canonical`` writes the canonical name; ``abbreviation`` the entity's first abbreviation
    (its canonical name when it has none); ``annotate`` writes ``canonical [id]``.

    An abbreviation in brackets right after a mention of the same entity ("China National
    Space Administration (CNSA)") is left as written: it defines the abbreviation. A lower-case
    canonical name that replaces a capitalised mention gets a capital.
    """
    check_style(style)
    abbreviations = {e.id: e.abbreviations for e in index.entities} if style == "abbreviation" else {}
    pieces: list[str] = []
    reps: list[Replacement] = []
    pos = 0
    out_len = 0
    prev: Mention | None = None
    for m in mentions:
        new = _replacement(m, style, abbreviations)
        if (prev is not None and prev.entity_id == m.entity_id
                and _bracketed(text, prev.end, m.start, m.end)):
            new = m.text
        prev = m
        gap = text[pos : m.start]
        pieces.append(gap)
        out_len += len(gap)
        pieces.append(new)
        reps.append(Replacement(m, new, out_len, out_len + len(new)))
        out_len += len(new)
        pos = m.end
    pieces.append(text[pos:])
    return NormalizedText("".join(pieces), text, reps, style)


def _replacement(m: Mention, style: str, abbreviations: dict[str, tuple[str, ...]]) -> str:
    new = m.match.canonical
    if style == "abbreviation" and abbreviations.get(m.match.entity_id):
        new = abbreviations[m.match.entity_id][0]
    if new[:1].islower() and m.text[:1].isupper():
        new = new[0].upper() + new[1:]  # a lower-case term opening a sentence
    if style == "annotate":
        new = f"{new} [{m.match.entity_id}]"
    return new


def _bracketed(text: str, prev_end: int, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in brackets right after ``text[:prev_end]``."""
    return bool(_OPEN_BRACKET.fullmatch(text, prev_end, start)) and bool(_CLOSE_BRACKET.match(text, end))
