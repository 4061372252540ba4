"""Stage 2: order-free concept keys (Space/Aerospace/Astronautics are one concept, 航天)."""

from __future__ import annotations

from collections.abc import Collection

from ..index import Index, concept_key
from ..lexicon import Kind, Tok
from .base import Outcome, Query

__all__ = ["COMPANY_FORM_SCORE", "CONCEPT_SCORE", "match_concept"]

#: Score of a concept-key match: every informative word agrees up to translation.
CONCEPT_SCORE = 0.97
#: Score when only the company form tells two such entities apart (a group and its company).
COMPANY_FORM_SCORE = 0.93


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
            settled = _by_company_form(index, key, tokens, ids)
            if settled is not None:
                return settled
            return Outcome(
                None,
                0.0,
                "concept",
                ("concepts " + " ".join(key) + " shared",),
                tuple((i, CONCEPT_SCORE) for i in sorted(ids)),
            )
    return None


def _company_form(tok: Tok) -> str:
    """The family of a company form: a group (集团), a joint-stock company (股份) or a company."""
    words = " ".join((tok.text, *tok.keys))
    if "集团" in words or "group" in words:
        return "group"
    if "股份" in words or "stock" in words:
        return "stock"
    return "company"


def _by_company_form(
    index: Index, key: tuple[str, ...], tokens: list[Tok], ids: Collection[int]
) -> Outcome | None:
    """A group and its listed company often share every naming word ("China Communications
    Construction Group" / "... Company Limited"): the query's company form may decide."""
    asked = {_company_form(t) for t in tokens if t.kind == Kind.LEGAL}
    if not asked:
        return None
    fits = set()
    for rep_id in index.concept_reps.get(key, ()):
        rep = index.reps[rep_id]
        if rep.entity in ids and asked & {_company_form(t) for t in rep.tokens if t.kind == Kind.LEGAL}:
            fits.add(rep.entity)
    if len(fits) != 1:
        return None
    (i,) = fits
    why = ("concepts " + " ".join(key), f"company form ({', '.join(sorted(asked))}) decides")
    others = tuple((j, CONCEPT_SCORE) for j in sorted(ids) if j != i)
    return Outcome(i, COMPANY_FORM_SCORE, "concept", why, others)
