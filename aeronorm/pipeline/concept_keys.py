"""Resolving a name by its order-free concept key: what the concept stage does for any name,
and the Chinese stage for a Chinese name that no Chinese key settled."""

from __future__ import annotations

from collections.abc import Collection

from ..index import Index, concept_key
from ..lexicon import Kind, Tok
from ..lexicon.word_classes import load_word_classes
from ..text.fold import has_han
from .base import Outcome, ambiguous, found
from .calibration import Calibration
from .query import Query

__all__ = ["company_form_family", "match_concepts"]


def match_concepts(index: Index, query: Query, allowed: Collection[int] | None,
                   calibration: Calibration) -> Outcome | None:
    """Match when the query's sorted concepts equal those of exactly one entity's name.

    Several owners of the key abstain, unless the query's company form settles between a
    group and its company.
    """
    lex = index.lexicon
    for form in query.forms:
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
            if not _renders_alike(index, key, tokens, i):
                continue  # "Department of X" for the Ministry of X: another kind of body
            return found(index, i, calibration.concept, "concept", ("concepts " + " ".join(key),))
        if len(ids) > 1:
            settled = _by_company_form(index, key, tokens, ids, calibration)
            if settled is not None:
                return settled
            why = ("concepts " + " ".join(key) + " shared",)
            return ambiguous(index, ids, calibration.concept, "concept", why)
    return None


def _renders_alike(index: Index, key: tuple[str, ...], tokens: list[Tok], i: int) -> bool:
    """Whether a name of entity ``i`` with these concepts writes the query's words of a group of
    ``distinct_renderings`` (ministry, department) as the query does."""
    groups = load_word_classes().distinct_renderings
    asked = {t.text for t in tokens if any(t.text in g for g in groups)}
    if not asked:
        return True
    for rep_id in index.concept_reps.get(key, ()):
        rep = index.reps[rep_id]
        if rep.entity != i or has_han(rep.text):
            continue  # (a Chinese name says nothing of how English renders it)
        own = {t.text for t in rep.tokens}
        if all(w in own or not any(w in g and not own.isdisjoint(g) for g in groups) for w in asked):
            return True
    return False


def company_form_family(tok: Tok) -> str:
    """The family of a company form: a group (集团), a joint-stock company (股份) or a company
    (``company_form_families`` of ``aeronorm/data/wordclasses.yaml``)."""
    words = " ".join((tok.text, *tok.keys))
    for family, markers in load_word_classes().company_form_families:
        if any(m in words for m in markers):
            return family
    return "company"


def _by_company_form(index: Index, key: tuple[str, ...], tokens: list[Tok], ids: Collection[int],
                     calibration: Calibration) -> Outcome | None:
    """A group and its listed company often share every naming word ("China Communications
    Construction Group" / "... Company Limited"): the query's company form may decide."""
    asked = {company_form_family(t) for t in tokens if t.kind == Kind.LEGAL}
    if not asked:
        return None
    fits = set()
    for rep_id in index.concept_reps.get(key, ()):
        rep = index.reps[rep_id]
        if rep.entity in ids and asked & {company_form_family(t) for t in rep.tokens if t.kind == Kind.LEGAL}:
            fits.add(rep.entity)
    if len(fits) != 1:
        return None
    (i,) = fits
    why = ("concepts " + " ".join(key), f"company form ({', '.join(sorted(asked))}) decides")
    others = tuple((j, calibration.concept) for j in sorted(ids) if j != i)
    return found(index, i, calibration.company_form, "concept", why, others)
