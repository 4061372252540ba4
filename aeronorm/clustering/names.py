"""Evidence by a proper name (a brand, a romanised name the lexicon does not translate) that
only one entity of the column writes: the column's analogue of the fuzzy stage's unique proper
word ("Yitu" for "Shanghai Yitu Network Technology")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from ..lexicon import Kind, TermLexicon, Tok
from .evidence import ColumnEvidence, Edge, comparable
from .items import Item
from .parents import parent_of, unit_word

__all__ = ["MAX_PROPER_OWNERS", "is_brand", "proper_name_edges"]

#: Most values sharing a proper name for it to join them (more is a common word, not a brand).
MAX_PROPER_OWNERS = 12
_MIN_PROPER = 3


def proper_name_edges(ev: ColumnEvidence) -> Iterator[Edge]:
    """Values that share a proper name (a brand, a romanised name the lexicon does not
    translate) and nothing that sets them apart: "Origincell" and "Origincell Technology Co.,
    Ltd.". The column's analogue of the fuzzy stage's unique proper word: the word must belong
    to one would-be cluster, so every two values writing it must be free of conflict."""
    items, index = ev.items, ev.index
    lex = index.lexicon
    score = ev.calibration.contained
    done: set[str] = set()
    for item in items:
        if not comparable(item):
            continue
        for tok in item.tokens:
            key = tok.key
            if key in done or not is_brand(lex, tok):
                continue
            done.add(key)
            owners = sorted({o for r in index.postings.get(key, ())
                             if _writes(items[o := ev.item_of[index.reps[r].entity]], key)})
            if not 2 <= len(owners) <= MAX_PROPER_OWNERS or not all(
                    comparable(items[o]) and _leads(items[o].tokens, key) for o in owners):
                continue
            yield from _proper_edges(ev, owners, score, tok.text)


def is_brand(lex: TermLexicon, tok: Tok) -> bool:
    """Whether a word is a proper name (a brand, a romanised name the lexicon does not
    translate), not a common word written in pinyin (kexueyuan, 科学院): a romanised word may
    stand only for morphemes the lexicon knows as names (tianbing, 天兵)."""
    return len(tok.text) >= _MIN_PROPER and lex.is_proper(tok) and all(
        k == tok.text or k in lex.proper_morphemes for k in tok.keys)


def _writes(item: Item, key: str) -> bool:
    """Whether the item's name itself (not an aside set apart) carries ``key``."""
    return any(key in t.keys for t in item.tokens)


def _leads(tokens: Sequence[Tok], key: str) -> bool:
    """Whether the word ``key`` can be a brand here: no number before it (in "Second Station"
    or "902 Testing Base" the unknown word is the kind of unit, which the number names)."""
    for tok in tokens:
        if key in tok.keys:
            return True
        if tok.kind == Kind.NUMBER:
            return False
    return False


def _unit_beside(a: Item, b: Item) -> bool:
    """Whether one name is the other's with a unit word more ("Tsinghua University Press",
    "Beihang University Hospital"): by default a unit is an entity of its own, as the matcher
    reads it (a more specific entity), whatever brand they share."""
    ka = Counter(t.key for t in a.tokens if t.kind != Kind.LEGAL)
    kb = Counter(t.key for t in b.tokens if t.kind != Kind.LEGAL)
    more = (kb - ka) if sum(kb.values()) > sum(ka.values()) else (ka - kb)
    longer = b if more == kb - ka else a
    return any(t.key in more and unit_word(t) for t in longer.tokens)


def _proper_edges(ev: ColumnEvidence, owners: list[int], score: float, word: str) -> Iterator[Edge]:
    """Join two owners of a proper name when each is free of conflict with the other and
    everything compatible with either is compatible with itself: "Juhang Aviation" joins
    "Juhang Aviation Technology" even when a third "Juhang International Logistics" writes the
    name, but "Yitu" joins neither "Yitu Network" nor "Yitu Medical"."""
    items = ev.items
    n = len(owners)
    clash = [[i != j and (ev.conflict(items[owners[i]], items[owners[j]])
                          or parent_of(ev, items[owners[i]], items[owners[j]])
                          or parent_of(ev, items[owners[j]], items[owners[i]])
                          or _unit_beside(items[owners[i]], items[owners[j]])) for j in range(n)]
             for i in range(n)]
    friends = [[j for j in range(n) if j != i and not clash[i][j]] for i in range(n)]
    settled = [all(not clash[a][b] for a in group for b in group)
               for group in ([i, *friends[i]] for i in range(n))]
    for i in range(n):
        for j in friends[i]:
            if i < j and settled[i] and settled[j]:
                yield Edge(score, "proper name", owners[i], owners[j], word)
