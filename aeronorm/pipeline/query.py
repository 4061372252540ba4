"""A name prepared once for every stage: cleaned, folded, its asides split off, its script known."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from ..text.asides import without_redundant_asides
from ..text.fold import ASIDE_RE, clean_text, fold_key, has_han, has_latin

if TYPE_CHECKING:
    from ..lexicon import TermLexicon, Tok

__all__ = ["Query"]

_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_ASIDE_PUNCT = ' ()[]（）【】"“”'
#: A postal code beside its city in an address part after the name ("X University, Harbin 150001,
#: China", "..., 100081 Beijing"): it locates the body as the city does, which is checked.
_POSTCODE = re.compile(r"\s*(?:([^\W\d_][^\d,]*?)\s+)?\d{6}(?:\s+([^\W\d_][^\d,]*?))?\s*")
_SIX_DIGITS = re.compile(r"(?<!\d)\d{6}(?!\d)")
#: A street of an address part ("800 Dongchuan Road", "No. 29 Jiangjun Avenue", "TaiBai Road"),
#: followed by its city: where the body is, told by the city part after it.
_STREETS = r"(?:Road|Rd\.?|Street|St\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lu|Jie|Dajie|Dadao|Hutong)"
_STREET_WORD = re.compile(rf"\b{_STREETS}(?:,|$)")
#: An "a.k.a." note after a comma ("X, a/k/a Y", "X, also known as Y"): the rest of the name.
_AKA_TAIL = re.compile(r",\s*((?:a/k/a|f/k/a|a\.k\.a\.?|aka|also known as|formerly known as"
                       r"|previously known as|also called|formerly called)(?!\w)\W*\w.*)$", re.IGNORECASE)
_BRACKETS = re.compile(r"[()\[\]（）【】]")
_STREET = re.compile(rf"\s*(?:No\.?\s*)?(?:\d+[A-Za-z]?\s+)?(?:[A-Z][\w'’-]*\s+){{1,3}}{_STREETS}\s*")


class Query:
    """A name prepared for matching. Every property is computed once, on first use.

    Examples
    --------
    >>> q = Query("Beijing University of Posts and Telecommunications (BUPT)")
    >>> q.core, q.asides, q.lane
    ('Beijing University of Posts and Telecommunications', ('BUPT',), 'latin')
    >>> Query("China Academy of Space Technology (Xi'an)").core  # a place aside is part of the name
    ''
    >>> Query("中國航天科工").lane
    'han'
    """

    __slots__ = ("__dict__", "raw")

    def __init__(self, raw: str):
        self.raw = raw

    def __repr__(self) -> str:
        return f"Query({self.raw!r})"

    @cached_property
    def text(self) -> str:
        """The name cleaned (controls and invisibles gone, quotes folded), spaces squashed; an
        "a.k.a." note after a comma, as sanctions lists write one ("X, a/k/a Y"), is an aside in
        brackets ("X (a/k/a Y)"), which says what the name is as any aside does."""
        text = _SPACES.sub(" ", clean_text(self.raw)).strip()
        if "," in text and (m := _AKA_TAIL.search(text)) is not None and not _BRACKETS.search(m.group(1)):
            text = f"{text[: m.start()]} ({m.group(1)})"
        return text

    @cached_property
    def core(self) -> str:
        """The name without its *redundant* asides: acronyms, quoted short names, "a.k.a." notes
        (``"Beijing ... (BUPT)"``); ``""`` when there are none. Any other aside stays: a bracketed
        place or number ("China Academy of Space Technology (Xi'an)") names a more specific entity,
        and dropping it would answer the wrong one. An address after the name loses its postal
        code and street ("X University, 800 Y Road, Harbin 150001, China": "X University,
        Harbin, China"); its city is checked by the stages as any place after a name is."""
        core = without_redundant_asides(self.text)
        if "," in self.text and (_SIX_DIGITS.search(self.text) or _STREET_WORD.search(self.text)):
            core = _without_address_details(core or self.text)
        return "" if core == self.text else core

    @cached_property
    def bare(self) -> str:
        """The name without any aside (for stages that check an aside's place themselves)."""
        stripped = _SPACES.sub(" ", ASIDE_RE.sub(" ", self.text)).strip()
        return stripped if stripped and stripped != self.text else ""

    @cached_property
    def asides(self) -> tuple[str, ...]:
        """The asides' contents, brackets and quotes taken off."""
        return tuple(a.strip(_ASIDE_PUNCT) for a in ASIDE_RE.findall(self.text) if a.strip(_ASIDE_PUNCT))

    @cached_property
    def forms(self) -> tuple[str, ...]:
        """The text, then its core when that differs."""
        return (self.text, self.core) if self.core else (self.text,)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """The exact-match key of each of :attr:`forms`."""
        return tuple(fold_key(f) for f in self.forms)

    def tokens(self, lexicon: TermLexicon, form: str) -> list[Tok]:
        """Concept tokens of one form of the query, computed once per form."""
        cache = self.__dict__.setdefault("_tokens", {})
        toks = cache.get(form)
        if toks is None:
            chinese = self.han and not self.latin
            toks = cache[form] = lexicon.zh_tokens(form) if chinese else lexicon.tokens(form)
        return toks

    @cached_property
    def han(self) -> bool:
        """Whether the name holds Chinese characters."""
        return has_han(self.text)

    @cached_property
    def latin(self) -> bool:
        """Whether the name holds Latin letters."""
        return has_latin(self.text)

    @cached_property
    def lane(self) -> str:
        """``"han"`` for a name with Chinese characters, ``"latin"`` otherwise: which stages apply."""
        return "han" if self.han else "latin"


def _without_address_details(text: str) -> str:
    """``text`` with the postal codes and streets of its address parts (after the first comma)
    taken out."""
    first, *parts = text.split(",")
    kept = [first]
    for k, part in enumerate(parts):
        if _STREET.fullmatch(part) and any(_LETTER.search(p) for p in parts[k + 1 :]):
            continue  # a street, its city after it
        m = _POSTCODE.fullmatch(part)
        words = " ".join(w for w in m.groups() if w) if m is not None else ""
        # a code beside its city, or in a part of its own after the city's (checked as any place
        # after the name is); a code right after the name, or after a part of it, may be any
        # city's ("X University, 264209, China" is its Weihai campus): it stays
        if m is not None and not words and len(kept) > 1 and len(kept[-1].split()) <= 2:
            continue  # (after a city's part: a word or two, "Nanjing", "Xi'an City")
        kept.append(" " + words if words else part)
    return _SPACES.sub(" ", ",".join(kept).replace(" ,", ","))
