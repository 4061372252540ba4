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
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from operator import attrgetter

from rapidfuzz import fuzz

from ..index import Index
from ..pipeline.calibration import Calibration
from ..results import Match, Mention
from ..text.fold import fold_key

__all__ = ["Definition", "DocumentAcronyms", "find_definitions"]

# "(ACR)": two to ten letters or digits, two capitals at least; a hyphen or "&" may join them.
_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "at", "&", "to"})
_SAME_NAME = 88  # rapidfuzz ratio of two spellings of one name (Organisation / Organization)
_MAX_WORDS = 12
_START = attrgetter("start")


@dataclass(frozen=True, slots=True)
class Definition:
    """``acronym`` defined by the words at ``text[start:end]``, in brackets at ``text[open:close]``;
    ``loose`` when the words spell all but one of its letters (an older name the acronym kept)."""

    acronym: str
    start: int
    end: int
    open: int
    close: int
    loose: bool = False


def find_definitions(text: str) -> list[Definition]:
    """Every "Long Name (ACR)" of a text whose long name's initials spell ACR (all but one of its
    letters, for an acronym of four letters or more and a name of three capitalised words).

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
    seen: set[str] = set()
    for m in _DEFINED.finditer(text):
        acronym = m.group(1)
        if acronym in seen or sum(c.isupper() for c in acronym) < 2:
            continue  # the first definition of an acronym holds for the document
        letters = [c.casefold() for c in acronym if c.isalpha()]
        start = _long_form(text, m.start(), letters)
        loose = start is None
        if loose and len(letters) >= 4:
            # an older name the acronym kept, its initials one letter short ("China Aerospace
            # Corporation (CASC)", 1993-99): the text's definition all the same. (Less than that
            # is an owner's note after a unit's name: "X Factory (CASIC)".)
            start = next((s for k in range(len(letters))
                          if (s := _long_form(text, m.start(), letters[:k] + letters[k + 1 :])) is not None
                          and _capitalised_words(text[s : m.start()]) >= 3), None)
        if start is not None:
            end = m.start()
            while end > start and text[end - 1].isspace():
                end -= 1
            if not _ends_a_name(text[start:end]):
                continue  # "Name((( (ACR)": something other than the name stands before the brackets
            seen.add(acronym)
            out.append(Definition(acronym, start, end, m.start(), m.end(), loose))
    return out


def _capitalised_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if w[:1].isupper())


def _ends_a_name(long_name: str) -> bool:
    """Whether ``long_name`` ends as a name does: a letter or digit, or a bracket that closes one
    it opened ("X (Shenzhen)"). (A period there ends a sentence: see :func:`_long_form`.)"""
    last = long_name[-1:]
    return last.isalnum() or (last == ")" and long_name.count("(") == long_name.count(")"))


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


class DocumentAcronyms:
    """Applies the acronyms a document defines to its mentions (see the module docstring).

    Examples
    --------
    >>> import aeronorm
    >>> text = "The ASEAN-China Centre (ACC) met. ACC said so."
    >>> aeronorm.find(text)  # the text's ACC is not the glossary's (the Astronaut Center of China)
    []
    """

    def __init__(self, index: Index, calibration: Calibration):
        self.index = index
        self.score = calibration.abbreviation_given
        self._ids = index.positions

    def apply(self, text: str, mentions: Sequence[Mention], allowed: Collection[int] | None = None,
              *, fits: Callable[[int, int, int], bool] | None = None) -> list[Mention]:
        """``mentions`` (in text order) with the document's own acronyms applied. ``fits(start,
        end, entity)``, when given, says whether what stands around a mention the definitions add
        leaves it that entity (the scanner's neighbour policy: "X (XC) 9th Academy" is a unit)."""
        definitions = find_definitions(text)
        if not definitions:
            return list(mentions)
        bindings, added = self._bind(text, definitions, mentions, allowed)
        if not bindings:
            return list(mentions)
        entities = self.index.entities
        exact = self.index.exact
        # acronyms whose mentions the text changes: its own, or another entity than the glossary's
        changed = {a: t for a, t in bindings.items() if t is None or exact.get(fold_key(a)) != {t}}
        out: list[Mention] = list(mentions)
        if changed:
            out = []
            for m in mentions:
                acronym = _acronym_of(m.text, changed)
                if acronym is None:
                    out.append(m)
                    continue
                target = changed[acronym]
                if target is None:
                    continue  # the text's own acronym
                if entities[target].id != m.entity_id:
                    m = self._mention(m.start, m.end, m.text, target, acronym)
                out.append(m)
        if added:
            starts = [m.start for m in out]
            out += [m for m in added if not _overlaps(out, starts, m.start, m.end)
                    and (fits is None or fits(m.start, m.end, self._ids[m.entity_id]))]
            out.sort(key=_START)
        for acronym, target in bindings.items():
            if target is None or (allowed is not None and target not in allowed):
                continue
            # occurrences the scan left (CAST is ambiguous in the glossary, "APSCO Convention"
            # reads like a longer name): the text has said what the acronym is
            starts = [m.start for m in out]
            hits = [(a, b) for a, b in _occurrences(text, acronym) if not _overlaps(out, starts, a, b)
                    and (fits is None or fits(a, b, target))]
            if hits:
                out += [self._mention(a, b, acronym, target, acronym) for a, b in hits]
                out.sort(key=_START)
        return out

    def _bind(self, text: str, definitions: list[Definition], mentions: Sequence[Mention],
              allowed: Collection[int] | None) -> tuple[dict[str, int | None], list[Mention]]:
        """acronym -> the entity it names in this text (``None``: none of the glossary's), and
        the long names that become mentions."""
        index = self.index
        entities = index.entities
        by_end = {m.end: m for m in mentions}
        bindings: dict[str, int | None] = {}
        added: list[Mention] = []
        for d in definitions:
            if d.acronym in bindings:
                continue
            key = fold_key(d.acronym)
            owners = {i for i in index.exact.get(key, ())
                      if index.exact_label.get((key, i)) == "abbreviation"}
            before = by_end.get(d.end) or by_end.get(d.end + 1)
            if d.loose and (before is not None or not owners):
                continue  # (loosely spelt, it tells only that ACR is not the glossary's)
            if before is not None and before.start <= d.start + 1:
                if before.start >= d.start - 1:
                    bindings[d.acronym] = self._ids[before.entity_id]  # the long name is a mention
                continue
            if before is not None or not owners:
                continue  # part of the long name is a mention (or ACR is unknown): nothing to decide
            long_name = text[d.start : d.end]
            same = [i for i in owners if _written_like(long_name, entities[i].english_names())]
            if len(same) != 1:
                bindings[d.acronym] = None  # the text's own ACR: no glossary entity
                continue
            if d.loose:
                continue  # (loosely spelt, a name written like the entity's: nothing to decide)
            (i,) = same
            bindings[d.acronym] = i
            if allowed is None or i in allowed:
                evidence = (f"the text defines {d.acronym!r} as {long_name!r}",)
                match = Match.of(long_name, entities[i], self.score, "abbreviation", evidence)
                added.append(Mention(d.start, d.end, long_name, match))
        return bindings, added

    def _mention(self, start: int, end: int, written: str, target: int, acronym: str) -> Mention:
        evidence = (f"{acronym!r} as the text defines it",)
        return Mention(start, end, written,
                       Match.of(written, self.index.entities[target], self.score, "abbreviation", evidence))


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Spans of ``word`` in ``text`` standing as a word of its own (``str.find``: fast)."""
    out = []
    n = len(word)
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        if not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_"):
            out.append((i, i + n))
        i = text.find(word, i + n)
    return out


def _overlaps(mentions: list[Mention], starts: list[int], start: int, end: int) -> bool:
    """Whether any of ``mentions`` (sorted by start; ``starts`` their starts) overlaps ``start:end``."""
    i = bisect_left(starts, end)
    return any(m.end > start for m in mentions[max(0, i - 8) : i])


def _acronym_of(mention_text: str, bindings: dict[str, int | None]) -> str | None:
    """The bound acronym a mention is written as (``CALTs``, ``CASIC's`` count), or ``None``."""
    if mention_text in bindings:
        return mention_text
    bare = mention_text.rstrip(".")
    if bare.endswith("s") and bare[:-1] in bindings:
        return bare[:-1]
    return bare if bare in bindings else None


def _written_like(long_name: str, names: Sequence[str]) -> bool:
    """Whether a long name is one of ``names`` spelled another way (Co-operation/Cooperation)."""
    key = _letters(long_name)
    return any(fuzz.ratio(key, _letters(n)) >= _SAME_NAME for n in names)


def _letters(name: str) -> str:
    return "".join(w for w in _WORD.findall(name.casefold().replace("-", "")) if w not in _SKIP)
