"""Rewriting a text: every mention replaced where that keeps its meaning, every other character
left as it was."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

from ..index import Index
from ..results import Mention, NormalizedText, Replacement
from .keep import is_plural, keeps_meaning, plural_of

__all__ = ["STYLES", "Style", "rewrite"]

Style = Literal["canonical", "abbreviation", "annotate"]
#: How :func:`rewrite` may rewrite a mention.
STYLES: tuple[str, ...] = ("canonical", "abbreviation", "annotate")

_OPEN_BRACKET = re.compile(r"\s*,?\s*[(\[（]\s*")  # "Co. Ltd., (CGST)" too
_CLOSE_BRACKET = re.compile(r"\s*[)\]）]")
# Types whose names are written in the plural for several ("Members of ...", "launch vehicles");
# an acronym in the plural ("two CALTs") is left as written.
_COUNTABLE = frozenset({"title", "term", "award", "event"})
_PLURAL_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]+s")


def check_style(style: object) -> Style:
    """``style`` if it is one of :data:`STYLES`; :class:`ValueError` otherwise."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, got {style!r}")
    return style  # type: ignore[return-value]


def rewrite(text: str, mentions: Sequence[Mention], *, style: Style, index: Index, terms: bool = False,
            places: Callable[[str], set[str]] | None = None) -> NormalizedText:
    """``text`` with ``mentions`` (in text order, not overlapping) rewritten in ``style``.

    ``canonical`` writes the canonical name; ``abbreviation`` the entity's first abbreviation
    (its canonical name when it has none); ``annotate`` writes ``canonical [id]``.

    A mention is left as written where a rewrite would change what the text says
    (:func:`~aeronorm.scan.keep.keeps_meaning`: a digit, a place, a bracket, words doubled);
    domain terms are found but left as written unless ``terms`` (then in the mention's number).
    ``places(s)`` gives the place words of a string (default: none known).

    An abbreviation in brackets right after a mention of the same entity ("China National
    Space Administration (CNSA)") is left as written: it defines the abbreviation; in the
    ``abbreviation`` style the name before it is written in full, so that the abbreviation is
    written once. A lower-case canonical name that replaces a capitalised mention gets a capital.
    """
    check_style(style)
    abbreviations = {e.id: e.abbreviations for e in index.entities} if style == "abbreviation" else {}
    places = places or _no_places
    pieces: list[str] = []
    reps: list[Replacement] = []
    pos = 0
    out_len = 0
    for i, m in enumerate(mentions):
        if m.match.type == "term" and not terms:
            new = m.text
        elif i and mentions[i - 1].entity_id == m.entity_id and \
                _bracketed(text, mentions[i - 1].end, m.start, m.end):
            new = m.text  # "Full Name (ACR)": the text defines its abbreviation
        else:
            defines = (i + 1 < len(mentions) and mentions[i + 1].entity_id == m.entity_id
                       and _bracketed(text, m.end, mentions[i + 1].start, mentions[i + 1].end))
            written_style = "canonical" if defines and style == "abbreviation" else style
            new = _replacement(m, written_style, abbreviations)
            new = _kept(text, m, new, places, style)
        gap = text[pos : m.start]
        pieces.append(gap)
        out_len += len(gap)
        pieces.append(new)
        reps.append(Replacement(m, new, out_len, out_len + len(new)))
        out_len += len(new)
        pos = m.end
    pieces.append(text[pos:])
    return NormalizedText("".join(pieces), text, reps, style)


def _no_places(_: str) -> set[str]:
    return set()


def _kept(text: str, m: Mention, new: str, places: Callable[[str], set[str]], style: str) -> str:
    """``new`` in the mention's number, or the mention as written where ``new`` would change the
    meaning."""
    if new == m.text:
        return new
    name = new[: -len(f" [{m.entity_id}]")] if style == "annotate" else new
    if m.match.type in _COUNTABLE:
        if is_plural(m.text) and not is_plural(name):
            plural = plural_of(name)
            new = plural + new[len(name) :]
            name = plural
    elif _PLURAL_ACRONYM.fullmatch(m.text):
        return m.text  # "two CALTs": no plural of a full name is written for it
    if not keeps_meaning(text, m.start, m.text, name, places=places):
        return m.text
    return new


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
