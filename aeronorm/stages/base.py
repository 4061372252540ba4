"""What stages share: the prepared query and a stage's outcome."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..text import clean_text, has_han, has_latin

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
    def han(self) -> bool:
        return has_han(self.text)

    @cached_property
    def latin(self) -> bool:
        return has_latin(self.text)


@dataclass(frozen=True)
class Outcome:
    """A stage's answer: the chosen entity (``None`` when it abstains) and the runners-up."""

    entity: int | None
    score: float
    method: str
    evidence: tuple[str, ...] = ()
    candidates: tuple[tuple[int, float], ...] = field(default=())
