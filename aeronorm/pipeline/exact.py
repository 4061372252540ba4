"""Stage 1, exact: the folded key of every name, alias, abbreviation and Chinese name."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from ..caching import BuildOnce
from ..index import Index
from ..results import Match, Method
from ..text.fold import fold_key
from .base import Outcome, SharedTables, ambiguous, found
from .calibration import Calibration
from .query import Query
from .retranslation import MAX_QUERY_CHARS

__all__ = ["ExactStage"]


class ExactStage:
    """Look the folded query (and its core without asides) up among all written forms.

    A key that several entities claim is an abstention naming them all.
    """

    name: ClassVar[Method] = "exact"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.score = calibration.exact
        self._written = BuildOnce(self._written_forms)

    def warm(self) -> None:
        """Build the table of written forms."""
        self._written.get()

    def written(self, name: str, type_: str | None = None) -> Match | None:
        """The fast path, before a query is prepared: a name written exactly as in the glossary
        (its :class:`Match` built once), else its folded key, owned by one entity. Anything
        else (several owners, asides, other stages) is left to the pipeline."""
        hit = self._written.get().get(name)
        if hit is None:
            if len(name) > MAX_QUERY_CHARS:
                return None
            key = fold_key(name)
            ids = self.index.exact.get(key)
            if ids is None or len(ids) != 1:
                return None
            (i,) = ids
            label = self.index.exact_label.get((key, i), "name")
            hit = Match.of(name, self.index.entities[i], self.score, "exact", (f"{label} {name!r}",))
        # No type asked: any name, but not a domain term (vocabulary, not a name).
        return hit if (hit.type != "term" if type_ is None else hit.type == type_) else None

    def _written_forms(self) -> dict[str, Match]:
        """Every written form owned by one entity -> its match."""
        index = self.index
        out: dict[str, Match] = {}
        for e in index.entities:
            for label, text in e.forms():
                key = fold_key(text)
                if len(index.exact.get(key, ())) == 1 and text not in out:
                    out[text] = Match.of(text, e, self.score, "exact", (f"{label} {text!r}",))
        return out

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        index = self.index
        for form, key in zip(query.forms, query.keys, strict=True):
            ids = index.exact.get(key)
            if not ids:
                continue
            if allowed is not None:
                ids = {i for i in ids if i in allowed}
                if not ids:
                    continue
            if len(ids) == 1:
                (i,) = ids
                label = index.exact_label.get((key, i), "name")
                return found(index, i, self.score, "exact", (f"{label} {form!r}",))
            return ambiguous(index, ids, 1.0, "exact", (f"{form!r} names {len(ids)} entities",))
        return None
