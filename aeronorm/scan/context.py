"""What a document says about its own names: acronyms it defines.

A text that writes "Long Name (ACR)" defines ACR for itself, and that definition wins over the
glossary's for the whole document:

* the long name is a mention of one of the entities the glossary gives ACR (``China Academy of
  Space Technology (CAST)``): ACR names that entity throughout, even where the glossary's ACR is
  ambiguous (CAST is also the China Association for Science and Technology);
* the long name is a mention of another entity: ACR names that one;
* the long name is no mention, but its initials spell ACR: when it is written like one of the
  glossary's names for ACR ("Asia-Pacific Space Co-operation Organisation" for APSCO), it is a
  mention of that entity and so is ACR; otherwise ("ASEAN-China Centre (ACC)") ACR is the
  text's own and names no glossary entity anywhere in the document.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..index import Index
from ..pipeline.calibration import Calibration
from ..results import Match, Mention
from ..text.fold import fold_key

__all__ = ["Definition", "apply_definitions", "find_definitions"]

# "(ACR)": two to ten letters or digits, two capitals at least; a hyphen or "&" may join them.
_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "at", "&", "to"})
_SAME_NAME = 88  # rapidfuzz ratio of two spellings of one name (Organisation / Organization)
_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Definition:
    """``acronym`` defined by the words at ``text[start:end]``, in brackets at ``text[open:close]``."""

    acronym: str
    start: int
    end: int
    open: int
    close: int


def find_definitions(text: str) -> list[Definition]:
    """Every "Long Name (ACR)" of a text whose long name's initials spell ACR.

    Examples
    --------
    >>> [(d.acronym, "ASEAN-China Centre (ACC) opened"[d.start:d.end]) for d in
    ...  find_definitions("ASEAN-China Centre (ACC) opened")]
    [('ACC', 'ASEAN-China Centre')]
    >>> find_definitions("the rocket (Long March) flew")
    []
    """
    if "(" not in text:
        return []
    out = []
    for m in _DEFINED.finditer(text):
        acronym = m.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        start = _long_form(text, m.start(), [c.casefold() for c in acronym if c.isalpha()])
        if start is not None:
            end = len(text[: m.start()].rstrip())
            out.append(Definition(acronym, start, end, m.start(), m.end()))
    return out


def _long_form(text: str, open_at: int, letters: list[str]) -> int | None:
    """Start of the words before ``open_at`` whose initials spell ``letters`` (function words
    and the lower-case rest of a hyphenated word may be skipped), or ``None``."""
    left = text[max(0, open_at - 200) : open_at]
    if not left.strip() or left.rstrip()[-1:] in ".;:!?":
        return None
    base = open_at - len(left)
    words = list(_WORD.finditer(left))[-_MAX_WORDS:]
    # (start, word, joined to the word before by a hyphen)
    parts = [(base + w.start(), w.group(), w.start() > 0 and left[w.start() - 1] in "-\u2010\u2011")
             for w in words]
    i = len(letters) - 1
    j = len(parts) - 1
    start = None
    while i >= 0 and j >= 0:
        pos, part, hyphened = parts[j]
        low = part.casefold()
        if low[:1] == letters[i] and (part[:1].isupper() or part[:1].isdigit()):
            start = pos
            i -= 1
        elif low in _SKIP or (hyphened and part[:1].islower()):
            pass
        else:
            return None
        j -= 1
    return start if i < 0 else None


def apply_definitions(text: str, mentions: Sequence[Mention], *, index: Index, calibration: Calibration,
                      allowed: Collection[int] | None = None) -> list[Mention]:
    """``mentions`` (in text order) with the document's own acronyms applied (module docstring)."""
    definitions = find_definitions(text)
    if not definitions:
        return list(mentions)
    entities = index.entities
    ids = {e.id: i for i, e in enumerate(entities)}
    bindings: dict[str, int | None] = {}
    added: list[Mention] = []
    for d in definitions:
        if d.acronym in bindings:
            continue
        owners = {i for i in index.exact.get(fold_key(d.acronym), ())
                  if index.exact_label.get((fold_key(d.acronym), i)) == "abbreviation"}
        before = next((m for m in mentions if m.end in (d.end, d.end + 1) and m.start >= d.start - 1), None)
        if before is not None and before.start <= d.start + 1:
            bindings[d.acronym] = ids[before.entity_id]  # the long name is a mention: ACR names it
            continue
        if before is not None or not owners:
            continue  # part of the long name is a mention (or ACR is unknown): nothing to decide
        long_name = text[d.start : d.end]
        same = [i for i in owners if _written_like(long_name, entities[i].english_names())]
        if len(same) == 1:
            (i,) = same
            bindings[d.acronym] = i
            if allowed is None or i in allowed:
                evidence = (f"the text defines {d.acronym!r} as {long_name!r}",)
                score = calibration.abbreviation_given
                match = Match.of(long_name, entities[i], score, "abbreviation", evidence)
                added.append(Mention(d.start, d.end, long_name, match))
        else:
            bindings[d.acronym] = None  # the text's own ACR: no glossary entity
    if not bindings:
        return list(mentions)
    out: list[Mention] = []
    for m in mentions:
        acronym = _acronym_of(m.text, bindings)
        if acronym is None:
            out.append(m)
            continue
        target = bindings[acronym]
        if target is None:
            continue
        if entities[target].id != m.entity_id:
            m = _mention(m.start, m.end, m.text, entities[target], acronym, calibration)
        out.append(m)
    taken = bytearray(len(text) + 1)
    for m in (*out, *added):
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for acronym, target in bindings.items():
        if target is None or (allowed is not None and target not in allowed):
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if not any(taken[hit.start() : hit.end()]):
                out.append(_mention(hit.start(), hit.end(), acronym, entities[target], acronym, calibration))
                taken[hit.start() : hit.end()] = b"\x01" * (hit.end() - hit.start())
    out += [m for m in added if not any(o.start < m.end and m.start < o.end for o in out)]
    out.sort(key=lambda m: m.start)
    return out


def _acronym_of(mention_text: str, bindings: dict[str, int | None]) -> str | None:
    """The bound acronym a mention is written as (``CALTs``, ``CASIC's`` count), or ``None``."""
    if mention_text in bindings:
        return mention_text
    bare = mention_text.rstrip(".")
    if bare.endswith("s") and bare[:-1] in bindings:
        return bare[:-1]
    return bare if bare in bindings else None


def _mention(start: int, end: int, written: str, entity: object, acronym: str, calibration: Calibration
             ) -> Mention:
    evidence = (f"{acronym!r} as the text defines it",)
    match = Match.of(written, entity, calibration.abbreviation_given, "abbreviation", evidence)  # type: ignore[arg-type]
    return Mention(start, end, written, match)


def _written_like(long_name: str, names: Sequence[str]) -> bool:
    """Whether a long name is one of ``names`` spelled another way (Co-operation/Cooperation)."""
    key = _letters(long_name)
    return any(fuzz.ratio(key, _letters(n)) >= _SAME_NAME for n in names)


def _letters(name: str) -> str:
    return "".join(w for w in _WORD.findall(name.casefold().replace("-", "")) if w not in _SKIP)
