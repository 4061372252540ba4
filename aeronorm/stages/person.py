"""Stage 3b: romanised personal names, in any order, spacing, case, pinyin or Wade-Giles.

Every person of the glossary gets name keys ``(surname, given name)``: from the pinyin of
the Chinese name (surname readings from :mod:`aeronorm.names`: 单 Shan, 曾 Zeng, 欧阳 Ouyang)
and from the English names that spell pinyin. A query is read as pinyin, then as Wade-Giles,
and split into surname and given name in both orders; a person matches only when **both**
agree. A query that reads as a Chinese name whose surname a glossary person has, but whose
given name no person has, is an abstention: Zhang Kejiang is not Zhang Kejian, and no later
stage may bridge them on spelling.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Collection

from ..index import Index
from ..names import (
    NameKey,
    chinese_name_keys,
    english_name_keys,
    is_surname,
    name_splits,
    read_romanised,
)
from .base import Outcome, Query

__all__ = ["PERSON_SCORES", "PersonIndex", "match_person", "person_index"]

#: Score by how the name was read.
PERSON_SCORES = {"pinyin": 0.95, "wade-giles": 0.92}


class PersonIndex:
    """Name keys of the persons of an :class:`~aeronorm.index.Index`."""

    def __init__(self, index: Index):
        self.keys: dict[NameKey, set[int]] = defaultdict(set)
        self.surnames: dict[str, set[int]] = defaultdict(set)
        for i in sorted(index.by_type.get("person", ())):
            entity = index.entities[i]
            zh_keys = chinese_name_keys(entity.zh) if entity.zh else []
            keys = list(zh_keys)
            for name in entity.english_names():
                keys.extend(k for k in english_name_keys(name, zh_keys) if k not in keys)
            for key in keys:
                self.keys[key].add(i)
                self.surnames[key[0]].add(i)


_indexes: weakref.WeakKeyDictionary[Index, PersonIndex] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def person_index(index: Index) -> PersonIndex:
    """The :class:`PersonIndex` of ``index``, built once on first use (thread-safe)."""
    found = _indexes.get(index)
    if found is None:
        with _lock:
            found = _indexes.get(index)
            if found is None:
                found = PersonIndex(index)
                _indexes[index] = found
    return found


def match_person(index: Index, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
    """Match a romanised Chinese personal name against the glossary's persons."""
    if query.han or not index.by_type.get("person"):
        return None
    persons = index.by_type["person"] if allowed is None else index.by_type["person"] & set(allowed)
    if not persons:
        return None
    pidx = person_index(index)
    readings = read_romanised(query.text)
    if not readings:
        return None
    for system in ("pinyin", "wade-giles"):
        found: dict[int, list[tuple[NameKey, bool, bool]]] = defaultdict(list)
        for reading in readings:
            if reading.system != system:
                continue
            for key, surname_first in name_splits(reading):
                for i in pidx.keys.get(key, ()):
                    if i in persons:
                        found[i].append((key, surname_first, reading.caps is not None))
        if not found:
            continue
        chosen = _choose(found)
        score = PERSON_SCORES[system]
        if chosen is not None:
            key, first, _ = found[chosen][0]
            order = "surname first" if first else "given name first"
            return Outcome(chosen, score, "person", (f"{system} name {key[0]} {key[1]} ({order})",))
        return Outcome(
            None,
            0.0,
            "person",
            (f"{system} reading fits {len(found)} persons",),
            tuple((i, score) for i in sorted(found)),
        )
    return _abstain_if_person_like(index, pidx, readings, persons)


def _choose(found: dict[int, list[tuple[NameKey, bool, bool]]]) -> int | None:
    if len(found) == 1:
        return next(iter(found))
    # Several persons: a surname marked in capitals decides, then the Chinese order.
    for test in (lambda h: h[2], lambda h: h[1]):
        preferred = [i for i, hits in found.items() if any(test(h) for h in hits)]
        if len(preferred) == 1:
            return preferred[0]
    return None


def _abstain_if_person_like(
    index: Index, pidx: PersonIndex, readings: tuple, persons: Collection[int]
) -> Outcome | None:
    """An abstention when the query reads as the name of an unknown namesake of a glossary
    person (same surname, other given name); ``None`` otherwise."""
    for reading in readings:
        if reading.system != "pinyin":
            continue
        letters = "".join(reading.words)
        if index.pinyin_keys.get(letters):
            return None  # also the pinyin of a non-person name: leave it to that stage
        for (surname, given), _first in name_splits(reading, max_given=2):
            namesakes = [i for i in pidx.surnames.get(surname, ()) if i in persons]
            if namesakes and is_surname(surname):
                return Outcome(
                    None,
                    0.0,
                    "person",
                    (f"reads as the name {surname} {given}; no glossary person has that given name",),
                    tuple((i, 0.0) for i in sorted(namesakes)[:3]),
                )
    return None
