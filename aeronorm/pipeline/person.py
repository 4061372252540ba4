"""Stage 5, person: romanised personal names, in any order, spacing, case, pinyin or Wade-Giles.

Every person of the glossary gets name keys ``(surname, given name)``: from the pinyin of
the Chinese name (surname readings from :mod:`aeronorm.text.person_names`: 单 Shan, 曾 Zeng, 欧阳 Ouyang)
and from the English names that spell pinyin. A query is read as pinyin, then as Wade-Giles,
and split into surname and given name in both orders; a person matches only when **both**
agree. A query that reads as a Chinese name whose surname a glossary person has, but whose
given name no person has, is an abstention: Zhang Kejiang is not Zhang Kejian, and no later
stage may bridge them on spelling.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import ClassVar

from ..caching import BuildOnce
from ..index import Index
from ..results import Method
from ..text.person_names import (
    NameKey,
    chinese_name_keys,
    english_name_keys,
    is_surname,
    name_splits,
    read_romanised,
)
from .base import Outcome, SharedTables, ambiguous, found
from .calibration import Calibration
from .pinyin_keys import PinyinKeys
from .query import Query

__all__ = ["PersonIndex", "PersonStage"]


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


class PersonStage:
    """A romanised Chinese personal name against the glossary's persons."""

    name: ClassVar[Method] = "person"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.scores = calibration.person
        self.people = BuildOnce(lambda: PersonIndex(index))
        self.pinyin_keys = shared.pinyin_keys

    def warm(self) -> None:
        """Build the name keys of every person now."""
        self.people.get()

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        index = self.index
        if query.han or not index.by_type.get("person"):
            return None
        persons = index.by_type["person"]
        if allowed is not None:  # iterates the persons, not every allowed entity (a copy per name)
            persons = persons.intersection(allowed)
        if not persons:
            return None
        pidx = self.people.get()
        readings = read_romanised(query.text)
        if not readings:
            return None
        for system in ("pinyin", "wade-giles"):
            hits: dict[int, list[tuple[NameKey, bool, bool]]] = defaultdict(list)
            for reading in readings:
                if reading.system != system:
                    continue
                for key, surname_first in name_splits(reading):
                    for i in pidx.keys.get(key, ()):
                        if i in persons:
                            hits[i].append((key, surname_first, reading.caps is not None))
            if not hits:
                continue
            chosen = _choose(hits)
            score = self.scores[system]
            if chosen is not None:
                key, first, _ = hits[chosen][0]
                order = "surname first" if first else "given name first"
                return found(index, chosen, score, "person", (f"{system} name {key[0]} {key[1]} ({order})",))
            return ambiguous(index, hits, score, "person", (f"{system} reading fits {len(hits)} persons",))
        return _abstain_if_person_like(index, pidx, self.pinyin_keys.get(), readings, persons)


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
    index: Index, pidx: PersonIndex, pinyin_keys: PinyinKeys, readings: tuple, persons: Collection[int]
) -> Outcome | None:
    """An abstention when the query reads as the name of an unknown namesake of a glossary
    person (same surname, other given name); ``None`` otherwise."""
    for reading in readings:
        if reading.system != "pinyin":
            continue
        letters = "".join(reading.words)
        if pinyin_keys.get(letters):
            return None  # also the pinyin of a non-person name: leave it to that stage
        for (surname, given), _first in name_splits(reading, max_given=2):
            namesakes = [i for i in pidx.surnames.get(surname, ()) if i in persons]
            if namesakes and is_surname(surname):
                why = f"reads as the name {surname} {given}; no glossary person has that given name"
                return ambiguous(index, sorted(namesakes)[:3], 0.0, "person", (why,))
    return None
