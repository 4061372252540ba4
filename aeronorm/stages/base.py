"""What stages share: the prepared query and a stage's outcome."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..text import clean_text, has_han, has_latin

if TYPE_CHECKING:
    from ..lexicon import TermLexicon, Tok

__all__ = ["Outcome", "Query"]

# Parenthesised or quoted asides: "(BUPT)", "(“Huada Coffee”)", "[CALT sea launch]".
_ASIDE = re.compile(r"\s*[(\[（【][^()\[\]（）【】]*[)\]）】]\s*|\s*[\"“][^\"“”]*[\"”]\s*")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Query:
    """A name prepared for matching: cleaned, with its asides split off."""

    raw: str

    @cached_property
    def text(self) -> str:
        return _SPACES.sub(" ", clean_text(self.raw)).strip()

    @cached_property
    def core(self) -> str:
        """The name without parenthesised or quoted asides (``"Beijing ... (BUPT)"``)."""
        stripped = _SPACES.sub(" ", _ASIDE.sub(" ", self.text)).strip()
        return stripped if stripped and stripped != self.text else ""

    @cached_property
    def asides(self) -> tuple[str, ...]:
        return tuple(
            a.strip(' ()[]（）【】"“”') for a in _ASIDE.findall(self.text) if a.strip(' ()[]（）【】"“”')
        )

    @cached_property
    def forms(self) -> tuple[str, ...]:
        """The text, then its core when that differs."""
        return (self.text, self.core) if self.core else (self.text,)

    @cached_property
    def soft_forms(self) -> tuple[str, ...]:
        """The text, then the text without its *redundant* asides only: acronyms, quoted short
        names and "a.k.a." notes. A bracketed place such as "(Hainan)" is part of the name
        and stays, so that it can still tell two entities apart."""
        soft = _SPACES.sub(" ", _ASIDE.sub(lambda m: " " if _redundant(m.group()) else m.group(), self.text))
        soft = soft.strip()
        return (self.text, soft) if soft and soft != self.text else (self.text,)

    def tokens(self, lexicon: TermLexicon, form: str) -> list[Tok]:
        """Concept tokens of one form of the query, computed once per query and form."""
        cache = self.__dict__.setdefault("_tokens", {})
        toks = cache.get(form)
        if toks is None:
            chinese = self.han and not self.latin
            toks = cache[form] = lexicon.zh_tokens(form) if chinese else lexicon.tokens(form)
        return toks

    @cached_property
    def han(self) -> bool:
        return has_han(self.text)

    @cached_property
    def latin(self) -> bool:
        return has_latin(self.text)


_AKA = re.compile(r"^\W*(a\.?k\.?a\.?|aka|also|formerly|former|or|i\.e\.)\b", re.IGNORECASE)


def _redundant(aside: str) -> bool:
    inner = aside.strip(" ()[]（）【】")
    if inner[:1] in "\"“":
        return True
    words = inner.split()
    return bool(_AKA.match(inner)) or (len(words) == 1 and sum(c.isupper() for c in inner) >= 2)


@dataclass(frozen=True)
class Outcome:
    """A stage's answer: the chosen entity (``None`` when it abstains) and the runners-up."""

    entity: int | None
    score: float
    method: str
    evidence: tuple[str, ...] = ()
    candidates: tuple[tuple[int, float], ...] = field(default=())
