"""Stage 2: order-free concept keys (Space/Aerospace/Astronautics are one concept, 航天)."""

from __future__ import annotations

from collections.abc import Collection

from ..index import Index, concept_key
from .base import Outcome, Query

__all__ = ["CONCEPT_SCORE", "match_concept"]

#: Score of a concept-key match: every informative word agrees up to translation.
CONCEPT_SCORE = 0.97


def match_concept(index: Index, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
    """Match when the query's sorted concepts equal those of exactly one entity's name."""
    lex = index.lexicon
    for form in query.soft_forms:
        tokens = query.tokens(lex, form)
        key = concept_key(tokens)
        if not key:
            continue
        ids = index.concepts.get(key)
        if not ids:
            continue
        if allowed is not None:
            ids = {i for i in ids if i in allowed}
        if len(ids) == 1:
            (i,) = ids
            return Outcome(i, CONCEPT_SCORE, "concept", ("concepts " + " ".join(key),))
        if len(ids) > 1:
            return Outcome(
                None,
                0.0,
                "concept",
                ("concepts " + " ".join(key) + " shared",),
                tuple((i, CONCEPT_SCORE) for i in sorted(ids)),
            )
    return None
