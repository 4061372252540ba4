"""Stage 5: weighted comparison of concept tokens, blocked through the inverted index.

A query and a name are aligned token by token (same concept, or a near-identical spelling of
one unknown word). What is left unaligned decides:

* an informative token left over on **both** sides is a substitution (Technology for
  Industry, Northwestern for Northeastern, 2 for 6): the pair is rejected outright;
* a leftover on the name's side only is an omission, cheap for descriptors (places, generic
  words, company forms) and dearer for naming words;
* a leftover on the query's side only is extra information the name lacks (a sub-unit),
  counted in full.

The score is a Dice coefficient over these weighted masses; a match needs the threshold and a
margin over the best other entity.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Sequence
from operator import itemgetter

from rapidfuzz.distance import OSA

from ..index import Index
from ..lexicon import Kind, Tok
from .base import Outcome, Query

__all__ = [
    "CONTAINED_SCORE",
    "EXTRA_COST",
    "FULL_SCORE",
    "OMISSION_COST",
    "PERSON_OMISSION_COST",
    "align",
    "match_fuzzy",
    "score_tokens",
]

#: Share of a name token's weight that is lost when a query omits it, by kind.
OMISSION_COST = {Kind.NAME: 0.45, Kind.NUMBER: 1.0, Kind.PLACE: 0.25, Kind.GENERIC: 0.25, Kind.LEGAL: 0.0}
#: Concepts of national scope: left over against a place, they tell two entities apart.
SCOPE_KEYS = frozenset({"中国", "中华", "国家", "全国", "中央", "国际"})
#: Share of a person name's part that is lost when a query omits it: a given name alone, or a
#: surname alone, is not the person.
PERSON_OMISSION_COST = {**OMISSION_COST, Kind.NAME: 1.0}
#: Cost of a query word the name lacks, by kind: extra information means a sub-unit or another
#: entity, except for generic words ("PLA", "China") that writers add freely.
EXTRA_COST = {Kind.NAME: 1.5, Kind.NUMBER: 1.5, Kind.PLACE: 1.5, Kind.GENERIC: 0.5, Kind.LEGAL: 0.0}
#: Kinds whose leftover on both sides means two different entities.
_DISTINCTIVE = (Kind.NAME, Kind.NUMBER, Kind.PLACE)
_MAX_CANDIDATES = 24
#: Names read from the inverted index per query, rarest concepts first.
_BLOCK_BUDGET = 2000
#: Score of a query whose words all belong to one name, one of them a proper name unique to it.
CONTAINED_SCORE = 0.82
#: The fuzzy stage never claims more than the concept stage: at best every word agrees up to
#: translation, which is what a concept-key match says.
FULL_SCORE = 0.97


def _similarity(q: Tok, c: Tok) -> float:
    if q.keys & c.keys:
        return 1.0
    if not (_spelling_comparable(q) and _spelling_comparable(c)):
        return 0.0  # two known morphemes that differ are different words, however spelt
    a, b = q.text, c.text
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or not a.isalpha() or not b.isalpha():
        return 0.0
    # One edit (a letter dropped, added, changed, or two swapped); two in long words.
    allowed = 1 if max(len(a), len(b)) < 10 else 2
    distance = OSA.distance(a, b, score_cutoff=allowed)
    if distance > allowed:
        return 0.0
    return 1.0 - distance / max(len(a), len(b))


def align(query: Sequence[Tok], name: Sequence[Tok]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one alignment of tokens, best pairs first: ``(query i, name j, sim)``."""
    pairs = []
    for i, q in enumerate(query):
        for j, c in enumerate(name):
            s = _similarity(q, c)
            if s:
                pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    out = []
    for s, i, j in pairs:
        if i not in used_q and j not in used_c:
            used_q.add(i)
            used_c.add(j)
            out.append((i, j, s))
    return out


def score_tokens(
    index: Index, query: Sequence[Tok], name: Sequence[Tok], *, person: bool = False
) -> tuple[float, list[str]]:
    """Score a query against one written form of an entity; returns (score, evidence).

    ``person`` turns off the unique-word rule: a given name alone is not a person.
    """
    q = [t for t in query if t.kind != Kind.LEGAL]
    c = [t for t in name if t.kind != Kind.LEGAL]
    if not q or not c:
        return 0.0, []
    wq = [index.weight(t) for t in q]
    wc = [index.weight(t) for t in c]
    pairs = align(q, c)
    matched = 0.0
    telling = 0.0
    aligned_q = {i for i, _, _ in pairs}
    aligned_c = {j for _, j, _ in pairs}
    evidence = []
    for i, j, s in pairs:
        share = s * (wq[i] + wc[j]) / 2
        matched += share
        if q[i].kind in _DISTINCTIVE:
            telling += share
        evidence.append(q[i].text if q[i].text == c[j].text else f"{q[i].text}~{c[j].text}")
    if telling <= 0:
        return 0.0, []
    left_q = [i for i in range(len(q)) if i not in aligned_q]
    left_c = [j for j in range(len(c)) if j not in aligned_c]
    # Naming words and numbers veto however common they are (Technology vs Industry);
    # places and scope words only when they weigh something in this comparison.
    floor = 0.25 * max(max(wq), max(wc))
    if any(_telling(q[i], wq[i], floor) for i in left_q) and any(
        _telling(c[j], wc[j], floor) for j in left_c
    ):
        return 0.0, []
    # A partial spelling match leaves the rest of both words unexplained.
    extra = sum(wq[i] * EXTRA_COST[q[i].kind] for i in left_q) + sum((1 - s) * wq[i] for i, _, s in pairs)
    omission = PERSON_OMISSION_COST if person else OMISSION_COST
    omitted = sum(wc[j] * omission[c[j].kind] for j in left_c)
    omitted += sum((1 - s) * wc[j] for _, j, s in pairs)
    unique = [i for i, _, s in pairs if s >= 1.0 and q[i].kind in _DISTINCTIVE and _unique(index, q[i])]
    left_names = [j for j in left_c if c[j].kind == Kind.NAME]
    proper = index.lexicon.is_proper
    if left_names and not any(proper(q[i]) or _identifying_number(q[i]) for i in unique):
        # A query that leaves out naming words of this name must name the entity some
        # other way: a proper name or number only it has ("Yitu" for "Shanghai Yitu
        # Network Technology"). Common words alone ("China Foundation", "Hainan Aerospace
        # Culture Media") describe a trade, and another company of that trade fits them too.
        return 0.0, []
    score = min(2 * matched / (2 * matched + extra + omitted), FULL_SCORE)
    if not person and not left_q and score < CONTAINED_SCORE and any(proper(q[i]) for i in unique):
        # Every query word is in this name, and one of them is a proper name no other
        # entity has ("Yitu" for "Shanghai Yitu Network Technology Co., Ltd.").
        score = CONTAINED_SCORE
        evidence.append("unique proper-name word")
    return score, evidence


def _identifying_number(tok: Tok) -> bool:
    """A number that names something (an institute's 502), not a year (2020), which many
    names share."""
    return tok.kind == Kind.NUMBER and not (tok.key[1:].isdigit() and 1900 <= int(tok.key[1:]) <= 2100)


def _telling(tok: Tok, weight: float, floor: float) -> bool:
    """Left over on both sides, such words mean two entities: naming words, numbers, places,
    and the national scope words that a place would replace ("China ..." vs "Sichuan ...")."""
    if tok.kind in (Kind.NAME, Kind.NUMBER):
        return True
    return (tok.kind == Kind.PLACE or tok.key in SCOPE_KEYS) and weight > floor


def _unique(index: Index, tok: Tok) -> bool:
    """A word of one entity only (its rarest concept belongs to no other entity)."""
    return min((index.df.get(k, 0) for k in tok.keys), default=0) <= 1


def _spelling_comparable(tok: Tok) -> bool:
    """A word the lexicon does not know: only such words may match by spelling alone."""
    return tok.kind == Kind.NAME and tok.key == tok.text and len(tok.keys) == 1 and len(tok.text) >= 3


def match_fuzzy(
    index: Index,
    query: Query,
    allowed: Collection[int] | None = None,
    *,
    threshold: float,
    margin: float,
) -> Outcome | None:
    """Best entity by weighted token comparison, if above ``threshold`` by ``margin``."""
    best: dict[int, tuple[float, list[str], str]] = {}
    lex = index.lexicon
    for form in query.soft_forms:
        tokens = query.tokens(lex, form)
        for rep_id in _block(index, tokens):
            rep = index.reps[rep_id]
            if allowed is not None and rep.entity not in allowed:
                continue
            person = index.entities[rep.entity].type == "person"
            score, evidence = score_tokens(index, tokens, rep.tokens, person=person)
            if score > best.get(rep.entity, (0.0,))[0]:
                best[rep.entity] = (score, evidence, rep.text)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    top, (top_score, evidence, via) = ranked[0]
    runners = tuple((e, round(s, 4)) for e, (s, _, _) in ranked[1:4] if s > 0)
    second = runners[0][1] if runners else 0.0
    if top_score >= threshold and top_score - second >= margin:
        return Outcome(
            top, round(top_score, 4), "fuzzy", (f"via {via!r}", "tokens " + ", ".join(evidence)), runners
        )
    if top_score <= 0:
        return None
    return Outcome(None, 0.0, "fuzzy", ("below threshold or margin",), ((top, round(top_score, 4)), *runners))


def _block(index: Index, tokens: Sequence[Tok]) -> list[int]:
    """Names sharing an informative concept with the query, most promising first."""
    votes: dict[int, float] = defaultdict(float)
    postings = []
    for tok in tokens:
        if tok.kind == Kind.LEGAL:
            continue
        weight = index.weight(tok)
        found = False
        for key in tok.keys:
            posting = index.postings.get(key)
            if posting:
                found = True
                postings.append((len(posting), weight, posting))
        if not found and _spelling_comparable(tok):
            # A misspelt brand has no posting of its own: its near spellings propose.
            for word in index.near_spellings(tok.text):
                posting = index.postings.get(word)
                if posting:
                    postings.append((len(posting), weight, posting))
    if not postings:
        return []
    postings.sort(key=itemgetter(0))
    # The rarest concepts propose candidates, within a budget of names read; common words
    # (China, University) would only add thousands of names the rare ones already rank.
    budget = _BLOCK_BUDGET
    for size, weight, posting in postings:
        if budget <= 0:
            break
        for rep_id in posting[:budget]:
            votes[rep_id] += weight
        budget -= size
    ranked = heapq.nlargest(_MAX_CANDIDATES, votes.items(), key=itemgetter(1))
    return [rep_id for rep_id, _ in ranked]

