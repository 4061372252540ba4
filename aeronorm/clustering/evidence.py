"""The matcher's evidence, applied within a column: which items name one entity, and which
items can never share a cluster.

Every kind of evidence is found by a key collision or through the column's inverted index,
never by comparing all pairs:

* **concept key**: the same concepts up to translation and order (the index's concept keys);
* **acronym defined**: a member that gives its acronym in brackets, and the acronym alone;
* **pinyin**: the pinyin of a Chinese member, a romanised member's letters, and the pinyin an
  English name stands for word by word (Northwestern Polytechnical -> ``xibeigongye``);
* **fuzzy** and **typo**: the fuzzy stage's weighted comparison, candidates from the index's
  postings (and, for a word nobody else writes, from its near spellings);
* **acronym derived**: an acronym spelt by the initials of the names of exactly one cluster
  (found last, once the names have been clustered).

A **conflict** is what the matcher's vetoes say: two names that share words but each keep a
distinctive word of their own (Technology / Industry, Harbin / Hangzhou, 901 / 902), two
different acronyms (CASC / CASIC), or a name and an acronym other than the one it defines.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from ..caching import BoundedCache
from ..index import Index, concept_key
from ..lexicon import Kind, Tok
from ..lexicon.compare import align, spelling_comparable
from ..lexicon.word_classes import load_word_classes
from ..pipeline.abbreviation import derive_acronyms
from ..pipeline.base import SharedTables
from ..pipeline.calibration import Calibration
from ..pipeline.fuzzy import FuzzyStage
from ..pipeline.pinyin import derived_forms, pinyin_letters
from ..pipeline.pinyin_keys import pinyin_variants
from ..resources import load_chinese_words
from ..text.fold import fold_key, has_han
from .items import Item
from .romanised import is_romanised, pivot_keys, read_out, syllable_key

__all__ = ["ColumnEvidence", "Edge", "abbreviation_owners", "acronym_owners", "comparable", "fuzzy_edges",
           "key_edges", "letters_of", "proper_name_edges"]

#: Candidates read from the inverted index per item, rarest concepts first.
BLOCK_BUDGET = 400
#: Candidates compared per item.
MAX_CANDIDATES = 16
#: Most values sharing a proper name for it to join them (more is a common word, not a brand).
MAX_PROPER_OWNERS = 12
_MIN_PROPER = 3
#: Longest name, in tokens, compared word by word (longer ones by their keys only).
MAX_WORDS = 40
_MIN_SQUASHED = 6
_MAX_INITIALS = 6
_MAX_PIVOTS = 8


@dataclass(frozen=True, slots=True)
class Edge:
    """Evidence that items ``a`` and ``b`` name one entity."""

    score: float
    kind: str
    a: int
    b: int
    detail: str = ""


class ColumnEvidence:
    """The evidence tables of one column: its index, the fuzzy comparison and the vetoes.

    Parameters
    ----------
    items : list of Item
        The column's items, with ``tokens`` set (see :func:`~aeronorm.clustering.engine.tokenize`).
    index : Index
        An index over the items (entity ``i`` is item ``i``).
    calibration : Calibration
        The scores of each kind of evidence.
    """

    def __init__(self, items: Sequence[Item], index: Index, calibration: Calibration):
        self.items = items
        self.index = index
        self.calibration = calibration
        #: index entity -> item (items too long to be a name are not in the index)
        self.item_of = [int(e.id) for e in index.entities]
        self.fuzzy = FuzzyStage(index, calibration, SharedTables.of(index))
        self._scope = load_word_classes().national_scope
        self._conflicts: BoundedCache[tuple[int, int], bool] = BoundedCache(max_entries=500_000)

    # -- vetoes --------------------------------------------------------------------------------
    def conflict(self, a: Item, b: Item) -> bool:
        """Whether ``a`` and ``b`` can never be one entity (see the module's docstring)."""
        key = (a.position, b.position) if a.position < b.position else (b.position, a.position)
        hit = self._conflicts.get(key)
        if hit is None:
            hit = self._conflicts.put(key, self._conflict(a, b))
        return hit

    def _conflict(self, a: Item, b: Item) -> bool:
        own_a = {a.acronym} if a.acronym else set(a.defines)
        own_b = {b.acronym} if b.acronym else set(b.defines)
        if own_a and own_b and not own_a & own_b:
            return True  # two acronyms: CASC is not CASIC
        if a.script == "acronym" or b.script == "acronym":
            return False  # an acronym and a name: nothing to compare word by word
        if _unmatched(a.specific, b.tokens) or _unmatched(b.specific, a.tokens):
            return True  # "X (Shenzhen) Co." is a more specific entity than "X Co."
        return self.vetoed(*_pair_tokens(a, b))

    def vetoed(self, q: Sequence[Tok], c: Sequence[Tok]) -> bool:
        """The fuzzy stage's veto: the two names share a word, and each keeps an informative
        word the other lacks (naming words and numbers always; places and national scope words
        when they weigh something here). Names sharing nothing are not compared."""
        q = [t for t in q if t.kind != Kind.LEGAL]
        c = [t for t in c if t.kind != Kind.LEGAL]
        if not q or not c:
            return False
        pairs = align(q, c)
        if not pairs:
            return False
        weight = self.fuzzy.weight
        wq = [weight(t) for t in q]
        wc = [weight(t) for t in c]
        floor = 0.25 * max(max(wq), max(wc))
        done_q = {i for i, _, _ in pairs}
        done_c = {j for _, j, _ in pairs}
        left_q = [i for i in range(len(q)) if i not in done_q]
        left_c = [j for j in range(len(c)) if j not in done_c]
        # An acronym on one side for words spelt out on the other ("Kepler ST" / "Kepler
        # Satellite Technology") explains both.
        left_q, left_c = _spelt_out(q, left_q, c, left_c)
        left_c, left_q = _spelt_out(c, left_c, q, left_q)
        # One Chinese word written as one phrase on one side and word by word in pinyin on the
        # other ("Polytechnical University" / "Gongye Daxue", both 工业大学) explains both.
        left_q, left_c = read_out(q, left_q, c, left_c)
        left_c, left_q = read_out(c, left_c, q, left_q)
        return any(self._telling(q[i], wq[i], floor) for i in left_q) and any(
            self._telling(c[j], wc[j], floor) for j in left_c)

    def spelt_out(self, a: Item, b: Item) -> str:
        """The acronym one name writes for words the other spells out, when that is all that
        tells them apart ("MPS Railway Police College" / "Ministry of Public Security Railway
        Police College"); ``""`` otherwise."""
        q = [t for t in a.tokens if t.kind != Kind.LEGAL]
        c = [t for t in b.tokens if t.kind != Kind.LEGAL]
        pairs = align(q, c)
        if not pairs or not any(q[i].kind in (Kind.NAME, Kind.NUMBER) for i, _, _ in pairs):
            return ""
        left_q = [i for i in range(len(q)) if i not in {i for i, _, _ in pairs}]
        left_c = [j for j in range(len(c)) if j not in {j for _, j, _ in pairs}]
        found: list[str] = []
        lq, lc = _spelt_out(q, left_q, c, left_c, minimum=3, found=found)
        lc, lq = _spelt_out(c, lc, q, lq, minimum=3, found=found)
        return found[0] if found and not lq and not lc else ""

    def _telling(self, tok: Tok, weight: float, floor: float) -> bool:
        if tok.kind in (Kind.NAME, Kind.NUMBER):
            return True
        return (tok.kind == Kind.PLACE or tok.key in self._scope) and weight > floor

    # -- comparison ----------------------------------------------------------------------------
    def compare(self, a: Item, b: Item) -> tuple[float, list[str], bool]:
        """The fuzzy stage's score of the two names (the lower of both directions), its
        evidence, and whether a word was matched by its spelling only (a typo)."""
        if not a.tokens or not b.tokens:
            return 0.0, [], False
        ta, tb = _pair_tokens(a, b)
        s1, e1 = self.fuzzy.score(ta, tb)
        s2, e2 = self.fuzzy.score(tb, ta)
        # Each must be an acceptable answer for the other: a name that keeps naming words the
        # other lacks is a more specific entity (the stage's veto), whichever side it is on.
        score, evidence = (s1, e1) if s1 <= s2 else (s2, e2)
        typo = score > 0 and any(s < 1.0 for _, _, s in align(ta, tb))
        return score, evidence, typo


def _pair_tokens(a: Item, b: Item) -> tuple[Sequence[Tok], Sequence[Tok]]:
    """The tokens two items are compared by: two Chinese names by their characters only (a
    Chinese token also carries its pinyin, which would make homophones one word: 天兵 / 天冰)."""
    if a.script == "han" and b.script == "han":
        return _characters(a.tokens), _characters(b.tokens)
    return a.tokens, b.tokens


@lru_cache(maxsize=65536)
def _characters(tokens: tuple[Tok, ...]) -> tuple[Tok, ...]:
    return tuple(Tok(t.text, t.key, frozenset(k for k in t.keys if has_han(k)) or t.keys, t.kind)
                 for t in tokens)


def _unmatched(keys: frozenset[str], tokens: Sequence[Tok]) -> bool:
    """Whether one of ``keys`` is carried by none of ``tokens``."""
    return any(not any(k in t.keys for t in tokens) for k in keys)


def _spelt_out(a: Sequence[Tok], left_a: list[int], b: Sequence[Tok], left_b: list[int], *,
               minimum: int = 2, found: list[str] | None = None) -> tuple[list[int], list[int]]:
    """Leftovers of ``a`` that are the initials of a run of consecutive leftovers of ``b``,
    removed from both (with that run); each such acronym is appended to ``found``."""
    left_a, left_b = list(left_a), list(left_b)
    for i in list(left_a):
        tok = a[i]
        if not (spelling_comparable(tok) and minimum <= len(tok.text) <= _MAX_INITIALS
                and tok.text.isalpha()):
            continue
        for start in range(len(left_b)):
            initials = ""
            end = start
            while end < len(left_b) and len(initials) < len(tok.text):
                if end > start and left_b[end] != left_b[end - 1] + 1:
                    break
                initials += "".join(w[0] for w in b[left_b[end]].text.split() if w != "and")
                end += 1
            if initials == tok.text and len(initials) >= minimum:
                left_a.remove(i)
                del left_b[start:end]
                if found is not None:
                    found.append(tok.text.upper())
                break
    return left_a, left_b


def comparable(item: Item) -> bool:
    """Items compared word by word: not an acronym, with tokens, and not so many that it is
    text rather than a name (word-by-word comparison costs the product of the lengths)."""
    return item.script != "acronym" and 0 < len(item.tokens) <= MAX_WORDS


# -- key collisions ----------------------------------------------------------------------------
def key_edges(ev: ColumnEvidence) -> Iterator[Edge]:
    """Edges from key collisions: concept keys, acronyms defined by a member, pinyin."""
    items, cal, index = ev.items, ev.calibration, ev.index
    # concept keys: the index's table, items sharing a key joined to the first of them
    for key, ids in index.concepts.items():
        if len(ids) < 2 or not _telling_key(index, key):
            continue
        first, *rest = sorted(ev.item_of[i] for i in ids)
        for other in rest:
            across = (items[first].script == "han") != (items[other].script == "han")
            kind = "chinese" if across else "concept key"
            yield Edge(cal.concept, kind, first, other, " ".join(key))
    # acronyms a member defines for itself, and the acronym written alone
    defined: dict[str, list[int]] = defaultdict(list)
    for item in items:
        for acro in item.defines:
            defined[acro].append(item.position)
    for item in items:
        if item.acronym and item.acronym in defined:
            for owner in defined[item.acronym]:
                yield Edge(cal.abbreviation_given, "acronym defined", owner, item.position, item.acronym)
    for acro, owners in defined.items():
        for other in owners[1:]:
            yield Edge(cal.abbreviation_given, "acronym defined", owners[0], other, acro)
    # the same letters spaced differently ("Shen Zhen You Bang" / "Shenzhen Youbang")
    squashed: dict[str, int] = {}
    for item in items:
        if item.script == "latin":
            key = fold_key(item.soft).replace(" ", "")
            first = squashed.setdefault(key, item.position) if len(key) >= _MIN_SQUASHED else item.position
            if first != item.position:
                yield Edge(cal.concept, "same text", first, item.position, "spacing")
    yield from _pinyin_edges(ev)


def _telling_key(index: Index, key: tuple[str, ...]) -> bool:
    """A concept key worth joining on: one of its concepts names something (not "University")."""
    return len(key) >= 2 or not (key[0].startswith("#") or len(key[0]) < 2)


def _pinyin_edges(ev: ColumnEvidence) -> Iterator[Edge]:
    """Items whose pinyin agrees: a Chinese member and its romanisation, two romanisations, or
    a romanisation and an English name read through the Chinese each of its words translates.
    Keys are syllables in any order (English puts "Academy of" first, Chinese 研究院 last).
    A key must be whole on one side at least (a place may be left out, never replaced: the
    vetoes check places)."""
    items, cal, lex = ev.items, ev.calibration, ev.index.lexicon
    whole: dict[str, list[int]] = defaultdict(list)
    keys: list[tuple[int, set[str], bool]] = []
    spelt: dict[str, str] = {}  # order-free key -> letters as one value writes them, for the evidence
    for item in items:
        if item.script == "han" and comparable(item):
            variants = pinyin_variants(lex, item.soft)
            if variants:
                full = syllable_key(max(variants, key=len))
                if full:
                    whole[full].append(item.position)
                keys.append((item.position, _keyed(variants, spelt), True))
        elif item.script == "latin" and item.tokens:
            letters = pinyin_letters(item.soft)
            if letters and (full := syllable_key(letters[0])):
                whole[full].append(item.position)
                keys.append((item.position, _keyed(letters, spelt), True))
            pivots = _keyed(pivot_keys(item.tokens), spelt) - _keyed(letters, spelt)
            for key in pivots:
                whole[key].append(item.position)
            if pivots:
                keys.append((item.position, pivots, False))
    seen: set[tuple[int, int]] = set()
    for pos, variants, romanised in keys:
        for key in variants:
            for other in whole.get(key, ()):
                pair = (min(pos, other), max(pos, other))
                if other == pos or pair in seen:
                    continue
                if not (romanised or _romanised_item(items[other])):
                    continue  # two English names: their concept keys already compared them
                if items[pos].script == "han" and items[other].script == "han":
                    continue  # two Chinese names: homophones are not one name
                seen.add(pair)
                pure = romanised and _romanised_item(items[other])
                yield Edge(cal.pinyin if pure else cal.pinyin_derived, "pinyin", pair[0], pair[1], spelt[key])


def _keyed(letters: Iterable[str], spelt: dict[str, str]) -> set[str]:
    """Order-free keys of pinyin letters (remembering the letters of each key)."""
    out = set()
    for v in letters:
        key = syllable_key(v)
        if key:
            spelt.setdefault(key, v)
            out.add(key)
    return out


def _romanised_item(item: Item) -> bool:
    """A Chinese member, or a Latin one whose every word is pinyin."""
    return item.script == "han" or (
        bool(item.tokens) and all(is_romanised(t) for t in item.tokens if t.kind != Kind.LEGAL))


# -- fuzzy comparison through the inverted index ----------------------------------------------
def fuzzy_edges(ev: ColumnEvidence, threshold: float) -> Iterator[Edge]:
    """Pairs compared word by word, candidates from the index: the fuzzy stage's score at
    ``threshold`` or above, an acronym spelt out, a name written with its parent's."""
    items, index, cal = ev.items, ev.index, ev.calibration
    rep_items = [ev.item_of[rep.entity] for rep in index.reps]
    spellings = ev.fuzzy.spellings.get()
    parents = _parent_names(ev)
    qualified: dict[int, list[int]] = defaultdict(list)  # bare name -> the names qualifying it
    for item in items:
        if not comparable(item):
            continue
        for other in _candidates(ev, item, rep_items, spellings):
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
                if _qualifies(ev, long, short, parents):
                    qualified[short.position].append(long.position)
    if cal.contained >= threshold:
        # the bare name must belong to one entity: every name qualifying it agrees with the others
        for short, longs in qualified.items():
            if not any(ev.conflict(items[a], items[b]) for k, a in enumerate(longs) for b in longs[k + 1 :]):
                for long in longs:
                    yield Edge(cal.contained, "parent name", short, long, _parent_detail(ev, items[long]))


def _parent_names(ev: ColumnEvidence) -> tuple[set[str], set[tuple[str, ...]]]:
    """What may name a parent inside another name: the column's acronyms, and the concept keys
    of its names of two words or more."""
    acronyms = {item.acronym.lower() for item in ev.items if item.acronym}
    acronyms |= {a.lower() for item in ev.items for a in item.defines}
    keys = {key for key, ids in ev.index.concepts.items() if len(key) >= 2}
    return acronyms, keys


def _qualifies(ev: ColumnEvidence, long: Item, short: Item,
               parents: tuple[set[str], set[tuple[str, ...]]]) -> bool:
    """Whether ``long`` is ``short`` with the name of a parent before or after it ("AVIC X",
    "X, CALT", "China Academy of Space Technology 513 Research Institute"), the parent named the
    way the column itself names an entity (an acronym it writes or defines, a name it lists):
    the index's reading of a parent's name inside a name as a descriptor, with the column's
    own entities as the parents. After a comma only what follows it can be the parent."""
    q = [t for t in long.tokens if t.kind != Kind.LEGAL]
    c = [t for t in short.tokens if t.kind != Kind.LEGAL]
    n = len(c)
    if n < 2 or len(q) <= n or not any(t.kind in (Kind.NAME, Kind.NUMBER) for t in c):
        return False  # the bare name must still name something ("Academy" does not)
    key = concept_key(c)
    comma = "," in long.soft
    before = concept_key(q[len(q) - n :]) == key and not comma
    if before:
        run = q[: len(q) - n]  # "Parent X"
    elif concept_key(q[:n]) == key:
        run = q[n:]  # "X Parent", "X, Parent"
        if comma:
            tail = [t for t in ev.index.lexicon.tokens(long.soft.rsplit(",", 1)[1]) if t.kind != Kind.LEGAL]
            if concept_key(tail) != concept_key(run):
                return False
    else:
        return False
    acronyms, keys = parents
    if len(run) == 1:
        return run[0].text in acronyms  # "AVIC X", "X CALT"
    # a listed name after the bare one is its parent only after a comma: "Qinghe Institute 513
    # Institute" is the 513 Institute of Qinghe, not Qinghe's of the 513
    return concept_key(run) in keys and (before or comma)


def _parent_of(ev: ColumnEvidence, parent: Item, child: Item) -> bool:
    """Whether ``child`` is another unit qualified by ``parent``'s name: ``parent`` names a unit
    (a university, an institute, a station, a company: :func:`_unit`), begins ``child`` or
    follows its last comma, and what remains is a name of its own ("Jade Lake Tracking Station"
    in "Kestrel Valley Laboratory, Jade Lake Tracking Station"; not "Quillfern" in "Quillfern
    Medical Co.", a brand, not a unit)."""
    p = [t for t in parent.tokens if t.kind != Kind.LEGAL]
    c = [t for t in child.tokens if t.kind != Kind.LEGAL]
    if not p or len(c) < len(p) + 2 or not _unit(parent):
        return False
    key = concept_key(p)
    comma = "," in child.soft
    if comma:
        tail = [t for t in ev.index.lexicon.tokens(child.soft.rsplit(",", 1)[1]) if t.kind != Kind.LEGAL]
        if concept_key(tail) != key or len(tail) != len(p):
            return False
        rest = c[: len(c) - len(p)]
    elif concept_key(c[: len(p)]) == key:
        rest = c[len(p) :]
    else:
        return False
    return len(rest) >= 2 and any(t.kind in (Kind.NAME, Kind.NUMBER) for t in rest)


def _unit(item: Item) -> bool:
    return _unit_tokens([t for t in item.tokens if t.kind != Kind.LEGAL]) or any(
        t.kind == Kind.LEGAL for t in item.tokens)


def _unit_tokens(tokens: Sequence[Tok]) -> bool:
    """Whether a name ends like a unit (its last word carries a Chinese concept ending in 院,
    所, 站, 大学, ...: ``unit_endings`` of ``aeronorm/data/chinese.yaml``)."""
    if not tokens:
        return False
    endings = load_chinese_words().unit_endings
    return any(k.endswith(endings) for k in tokens[-1].keys if has_han(k))


def _parent_detail(ev: ColumnEvidence, long: Item) -> str:
    return long.soft


def _candidates(ev: ColumnEvidence, item: Item, rep_items: list[int], spellings: object) -> list[int]:
    """Items sharing an informative concept with ``item``, most promising first (the fuzzy
    stage's blocking: rarest concepts first, within a budget of names read)."""
    index = ev.index
    postings = []
    for tok in item.tokens:
        if tok.kind == Kind.LEGAL:
            continue
        weight = ev.fuzzy.weight(tok)
        found = False
        for key in tok.keys:
            posting = index.postings.get(key)
            if posting and len(posting) > 1:
                found = True
                postings.append((len(posting), weight, posting))
        if not found and spelling_comparable(tok):
            for word in spellings.near(tok.text):  # type: ignore[attr-defined]
                posting = index.postings.get(word)
                if posting:
                    postings.append((len(posting), weight, posting))
    if not postings:
        return []
    postings.sort(key=itemgetter(0))
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


# -- a proper name that only one entity's values write -----------------------------------------
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
            # a name, not a common word written in pinyin (kexueyuan, 科学院): a romanised word may
            # stand only for morphemes the lexicon knows as names (tianbing, 天兵)
            if key in done or len(tok.text) < _MIN_PROPER or not lex.is_proper(tok) or any(
                    k != tok.text and k not in lex.proper_morphemes for k in tok.keys):
                continue
            done.add(key)
            owners = sorted({o for r in index.postings.get(key, ())
                             if _writes(items[o := ev.item_of[index.reps[r].entity]], key)})
            if not 2 <= len(owners) <= MAX_PROPER_OWNERS or not all(
                    comparable(items[o]) and _leads(items[o].tokens, key) for o in owners):
                continue
            yield from _proper_edges(ev, owners, score, tok.text)


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


def _proper_edges(ev: ColumnEvidence, owners: list[int], score: float, word: str) -> Iterator[Edge]:
    """Join two owners of a proper name when each is free of conflict with the other and
    everything compatible with either is compatible with itself: "Juhang Aviation" joins
    "Juhang Aviation Technology" even when a third "Juhang International Logistics" writes the
    name, but "Yitu" joins neither "Yitu Network" nor "Yitu Medical"."""
    items = ev.items
    n = len(owners)
    clash = [[i != j and (ev.conflict(items[owners[i]], items[owners[j]])
                          or _parent_of(ev, items[owners[i]], items[owners[j]])
                          or _parent_of(ev, items[owners[j]], items[owners[i]])) for j in range(n)]
             for i in range(n)]
    friends = [[j for j in range(n) if j != i and not clash[i][j]] for i in range(n)]
    settled = [all(not clash[a][b] for a in group for b in group)
               for group in ([i, *friends[i]] for i in range(n))]
    for i in range(n):
        for j in friends[i]:
            if i < j and settled[i] and settled[j]:
                yield Edge(score, "proper name", owners[i], owners[j], word)


# -- syllable abbreviations of one cluster's Chinese names ---------------------------------------
def abbreviation_owners(ev: ColumnEvidence) -> dict[str, list[int]]:
    """Pinyin letters -> the items whose Chinese name (written, or read through the concepts of
    an English name) abbreviates to them syllable by syllable (西北工业大学 -> 西北工大,
    ``xibeigongda``): the pinyin stage's derived forms. Only letters a romanised value writes."""
    wanted = {k for k in (letters_of(item) for item in ev.items) if k}
    owners: dict[str, list[int]] = defaultdict(list)
    if not wanted:
        return owners
    lex = ev.index.lexicon
    for item in ev.items:
        pieces = _chinese_pieces(item)
        if not pieces:
            continue
        for letters in set(derived_forms(pieces, lexicon_terms=lex.zh_terms).values()):
            if letters in wanted:
                owners[letters].append(item.position)
    return owners


def letters_of(item: Item) -> str:
    """The pinyin letters of a wholly romanised Latin value, else ``""``."""
    if item.script != "latin" or not _romanised_item(item):
        return ""
    letters = pinyin_letters(item.soft)
    return letters[0] if letters else ""


def _chinese_pieces(item: Item) -> list[tuple[str, Kind]]:
    """The Chinese morphemes of a name and their kinds: a Chinese value's own, or the concepts an
    English name's words translate (none when a word has no Chinese concept)."""
    toks = [t for t in item.tokens if t.kind != Kind.LEGAL]
    if not toks or item.script == "acronym":
        return []
    if item.script == "han":
        return [(t.text, t.kind) for t in toks] if all(has_han(t.text) for t in toks) else []
    if any(is_romanised(t) or not has_han(t.key) for t in toks):
        return []
    return [(t.key, t.kind) for t in toks]


# -- acronyms derived from the names of one cluster --------------------------------------------
def acronym_owners(ev: ColumnEvidence) -> dict[str, list[int]]:
    """Acronym -> the Latin items whose names derive it (only acronyms the column writes).

    Whole names first: an acronym derived from a comma-separated part of a name ("..., Chinese
    Academy of Sciences" gives CAS) counts only when no whole name derives it, as in the
    abbreviation stage."""
    wanted = {item.acronym for item in ev.items if item.acronym}
    whole: dict[str, list[int]] = defaultdict(list)
    parts: dict[str, list[int]] = defaultdict(list)
    if not wanted:
        return whole
    lex = ev.index.lexicon
    for item in ev.items:
        if item.script != "latin" or len(item.tokens) < 2:
            continue
        pieces = [p for p in item.soft.split(",") if len(p.split()) >= 2] if "," in item.soft else []
        for acro in derive_acronyms(lex, item.soft.replace(",", " ")):
            if acro in wanted:
                whole[acro].append(item.position)
        for piece in pieces:
            for acro in derive_acronyms(lex, piece):
                if acro in wanted and item.position not in parts[acro]:
                    parts[acro].append(item.position)
    for acro, owners in parts.items():
        if acro not in whole:
            whole[acro] = owners
    return whole
