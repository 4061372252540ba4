"""Stage 1: the normalised key of every name, alias, abbreviation and Chinese name."""

from __future__ import annotations

from collections.abc import Collection

from ..index import Index
from ..text import fold_key
from .base import Outcome, Query

__all__ = ["match_exact"]


def match_exact(index: Index, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
    """Look the folded query (and its core without asides) up among all written forms.

    A key that several entities claim is an abstention naming them all.
    """
    for form in query.forms:
        key = fold_key(form)
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
            return Outcome(i, 1.0, "exact", (f"{label} {form!r}",))
        return Outcome(
            None, 0.0, "exact", (f"{form!r} names {len(ids)} entities",), tuple((i, 1.0) for i in sorted(ids))
        )
    return None
