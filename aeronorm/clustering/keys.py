"""Evidence by key collision: dictionary look-ups, no comparison of pairs.

* **concept key**: the same concepts up to translation and order (the index's concept keys),
  **chinese** when one side is a Chinese value;
* **acronym defined**: a value that gives its acronym in brackets, and the acronym alone;
* **same text**: the same letters spaced differently;
* **pinyin**: the pinyin of a Chinese value, a romanised value's letters, and the pinyin an
  English name stands for word by word (:mod:`.romanised`), syllables in any order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from ..index import Index
from ..pipeline.pinyin import pinyin_letters
from ..pipeline.pinyin_keys import pinyin_variants
from ..text.fold import fold_key
from .evidence import ColumnEvidence, Edge, comparable
from .romanised import pivot_keys, romanised_item, syllable_key

__all__ = ["key_edges"]

_MIN_SQUASHED = 6


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
                if not (romanised or romanised_item(items[other])):
                    continue  # two English names: their concept keys already compared them
                if items[pos].script == "han" and items[other].script == "han":
                    continue  # two Chinese names: homophones are not one name
                seen.add(pair)
                pure = romanised and romanised_item(items[other])
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
