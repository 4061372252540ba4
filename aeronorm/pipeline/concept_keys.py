"""Resolving a name by its order-free concept key: what the concept stage does for any name,
and the Chinese stage for a Chinese name that no Chinese key settled."""

from __future__ import annotations

from collections.abc import Collection

from ..index import Index, concept_key
from ..lexicon import Kind, TermLexicon, Tok
from ..lexicon.compare import other_rendering, rendering
from ..resources import load_chinese_words
from ..text.fold import has_han
from ..text.zh import body_ending
from .base import Outcome, ambiguous, found
from .calibration import Calibration
from .companies import company_form_family
from .query import Query

__all__ = ["match_concepts"]


def match_concepts(index: Index, query: Query, allowed: Collection[int] | None,
                   calibration: Calibration) -> Outcome | None:
    """Match when the query's sorted concepts equal those of exactly one entity's name.

    Several owners of the key abstain, unless the query's company form settles between a
    group and its company.
    """
    lex = index.lexicon
    readings = [query.tokens(lex, form) for form in query.forms]
    if query.lane == "han":
        # 第五研究院 is also written 五院, the short form the glossary's names read as (the Fifth
        # Academy): a group's numbered academy, however the query writes it
        readings += [short for tokens in readings if (short := _short_numbered(lex, tokens))]
    for tokens in readings:
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
            if other_rendering((t.text for t in tokens), index.entities[i].english_names()):
                continue  # "Department of X" for the Ministry of X: another kind of body
            if _never_its_type(index, i, tokens):
                continue
            return found(index, i, calibration.concept, "concept", ("concepts " + " ".join(key),))
        if len(ids) > 1:
            settled = _by_company_form(index, key, tokens, ids, calibration)
            if settled is not None:
                return settled
            why = ("concepts " + " ".join(key) + " shared",)
            return ambiguous(index, ids, calibration.concept, "concept", why)
    return None


def _short_numbered(lex: TermLexicon, tokens: list[Tok]) -> list[Tok] | None:
    """``tokens`` with 第N + 研究院 read as the short form N院 where the lexicon knows it, else None."""
    for k in range(len(tokens) - 1):
        first, second = tokens[k], tokens[k + 1]
        if first.kind == Kind.NUMBER and first.text.startswith("第") and second.text == "研究院":
            short = first.text[1:] + "院"
            if short in lex.zh_terms:
                return [*tokens[:k], *lex.read_zh(short), *tokens[k + 2 :]]
    return None


def _never_its_type(index: Index, entity: int, tokens: list[Tok]) -> bool:
    """Whether a type of body of the query that no English name of the entity writes can never
    be what its full Chinese name ends in: "Research Institute" (研究院, 研究所) for a school
    (学校) the glossary also calls an "Academy"."""
    ending = body_ending(index.entities[entity].zh)
    if not ending:
        return False
    units = load_chinese_words().unit_endings
    written: set[str] | None = None
    for t in tokens:
        han = [k for k in t.keys if has_han(k)]
        if not any(k.endswith(units) for k in han) or any(k.endswith(ending) for k in han):
            continue
        if written is None:
            read = index.lexicon.read
            names = index.entities[entity].english_names()
            written = {rendering(w.text) for name in names for w in read(name)}
        if rendering(t.text) not in written:
            return True
    return False


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
