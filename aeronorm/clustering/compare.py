"""Evidence by comparing two values word by word, candidates from the column's inverted index
(the fuzzy stage's blocking: rarest concepts first, within a budget of names read).

* **fuzzy** and **typo**: the fuzzy stage's weighted comparison, scored both ways;
* **acronym derived**: an acronym written for words the other value spells out;
* **parent name**: the same name with the name of its parent, which the column names too
  (:mod:`.parents`).
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
    for item in items:
        if not comparable(item):
            continue
        for other in _candidates(ev, item, rep_items):
            if other <= item.position or not comparable(items[other]):
                continue
            score, evidence, typo = ev.compare(item, items[other])
            if score >= threshold:
                kind = "typo" if typo else "fuzzy"
                yield Edge(round(score, 4), kind, item.position, other, ", ".join(evidence))
                continue
            if cal.abbreviation_derived >= threshold:
                acronym = ev.spelt_out(item, items[other])
                if acronym:
                    yield Edge(cal.abbreviation_derived, "acronym derived", item.position, other,
                               f"{acronym} spelt out")
                    continue
            for long, short in ((item, items[other]), (items[other], item)):
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
