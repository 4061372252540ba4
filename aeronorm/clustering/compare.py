"""Evidence by comparing two values word by word, candidates from the column's inverted index
(the fuzzy stage's blocking: rarest concepts first, within a budget of names read).

* **fuzzy** and **typo**: the fuzzy stage's weighted comparison, scored both ways;
* **acronym derived**: an acronym written for words the other value spells out;
* **parent name**: the same name with the name of its parent, which the column names too
  (:mod:`.parents`), read for a pair whichever of the two finds the other among its candidates,
  whatever else the pair shows: the names qualifying a bare name do not depend on which comes
  first among the items.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator
from operator import itemgetter

from .evidence import ColumnEvidence, Edge, comparable
from .items import Item
from .parents import parent_names, qualifies

__all__ = ["BLOCK_BUDGET", "MAX_CANDIDATES", "fuzzy_edges"]

#: Candidates read from the inverted index per item, rarest concepts first.
BLOCK_BUDGET = 400
#: Candidates compared per item.
MAX_CANDIDATES = 16


def fuzzy_edges(ev: ColumnEvidence, threshold: float) -> Iterator[Edge]:
    """Pairs compared word by word, candidates from the index: the fuzzy stage's score at
    ``threshold`` or above, an acronym spelt out, a name written with its parent's."""
    items, index, cal = ev.items, ev.index, ev.calibration
    rep_items = [ev.item_of[rep.entity] for rep in index.reps]
    parents = parent_names(ev)
    qualified: dict[int, list[int]] = defaultdict(list)  # bare name -> the names qualifying it
    candidates = [_candidates(ev, item, rep_items) if comparable(item) else [] for item in items]
    for item in items:
        for b in candidates[item.position]:
            other = items[b]
            if not comparable(other):
                continue
            if b > item.position:
                score, evidence, typo = ev.compare(item, other)
                if score >= threshold:
                    kind = "typo" if typo else "fuzzy"
                    yield Edge(round(score, 4), kind, item.position, b, ", ".join(evidence))
                elif cal.abbreviation_derived >= threshold and (acronym := ev.spelt_out(item, other)):
                    yield Edge(cal.abbreviation_derived, "acronym derived", item.position, b,
                               f"{acronym} spelt out")
            elif item.position in candidates[b]:
                continue  # read from the other end
            # a name written with its parent's is read from either end (whichever value finds the
            # other), whatever else the pair shows: the same evidence whichever comes first
            for long, short in ((item, other), (other, item)):
                if qualifies(ev, long, short, parents):
                    qualified[short.position].append(long.position)
    if cal.contained >= threshold:
        # the bare name must belong to one entity: every name qualifying it agrees with the others
        for short, longs in qualified.items():
            if not any(ev.conflict(items[a], items[b]) for k, a in enumerate(longs) for b in longs[k + 1 :]):
                for long in longs:
                    yield Edge(cal.contained, "parent name", short, long, items[long].soft)


def _candidates(ev: ColumnEvidence, item: Item, rep_items: list[int]) -> list[int]:
    """Items sharing an informative concept with ``item``, most promising first (the fuzzy
    stage's blocking: rarest concepts first, within a budget of names read; a concept only
    ``item`` has proposes nothing, so its near spellings do)."""
    postings = ev.fuzzy.postings(item.tokens, min_size=2)
    if not postings:
        return []
    votes: dict[int, float] = defaultdict(float)
    budget = BLOCK_BUDGET
    for size, weight, posting in postings:
        if budget <= 0:
            break
        for rep_id in posting[:budget]:
            other = rep_items[rep_id]
            if other != item.position:
                votes[other] += weight
        budget -= size
    return [i for i, _ in heapq.nlargest(MAX_CANDIDATES, votes.items(), key=itemgetter(1))]
