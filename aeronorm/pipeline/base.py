"""What every stage shares: the :class:`Stage` protocol, a stage's :class:`Outcome`, and the
tables more than one stage reads (:class:`SharedTables`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from ..caching import BuildOnce
from ..glossary.entity import Entity
from ..index import Index
from ..results import Method
from .affiliation import Affiliations
from .calibration import Calibration
from .pinyin_keys import PinyinKeys
from .query import Query

__all__ = ["Outcome", "Readings", "SharedTables", "Stage", "ambiguous", "found"]


@dataclass(frozen=True)
class Outcome:
    """A stage's answer: the chosen entity, or ``None`` when the stage abstains, and the runners-up.

    A stage that returns an outcome with no entity *abstains for the pipeline*: it saw the name
    and knows it fits several entities (or none), so no later, weaker stage may guess.
    """

    entity: Entity | None
    score: float
    method: Method
    evidence: tuple[str, ...] = ()
    candidates: tuple[tuple[Entity, float], ...] = field(default=())


def found(index: Index, i: int, score: float, method: Method, evidence: tuple[str, ...],
          runners: Iterable[tuple[int, float]] = ()) -> Outcome:
    """The outcome naming entity ``i`` of ``index``, with runners-up ``(position, score)``."""
    ents = index.entities
    return Outcome(ents[i], score, method, evidence, tuple((ents[j], s) for j, s in runners))


def ambiguous(index: Index, ids: Iterable[int], score: float, method: Method,
              evidence: tuple[str, ...]) -> Outcome:
    """The abstention of a stage that found several entities (all listed, at ``score``)."""
    ents = index.entities
    return Outcome(None, 0.0, method, evidence, tuple((ents[i], score) for i in sorted(ids)))


class Readings:
    """The pinyin (:func:`~aeronorm.text.pinyin.to_pinyin`) of each Chinese word the pinyin
    keys' build read, lent to the two tables built later from the same names (the derived
    romanisations, the Chinese forms): ~10,000 words at 10,000 entities, each a call of pypinyin
    again where the words' own cache no longer holds them. Dropped once both have read them."""

    __slots__ = ("_readers", "of")

    def __init__(self, readers: int = 2):
        self.of: dict[str, tuple[str, ...]] = {}
        self._readers = readers

    def collecting(self) -> dict[str, tuple[str, ...]] | None:
        """The dict to fill, or ``None`` once no table will read it."""
        return self.of if self._readers > 0 else None

    def done(self) -> None:
        """A table that reads them is built."""
        self._readers -= 1
        if self._readers <= 0:
            self.of = {}


@dataclass
class SharedTables:
    """Tables built once per index, on first use, that several stages read."""

    pinyin_keys: BuildOnce[PinyinKeys]
    affiliations: BuildOnce[Affiliations]
    # (not saved: a stage's lambda holds it, and a loaded normalizer has the tables built)
    readings: Readings = field(default_factory=Readings)

    @classmethod
    def of(cls, index: Index) -> SharedTables:
        readings = Readings()
        return cls(pinyin_keys=BuildOnce(lambda: PinyinKeys(index, readings.collecting())),
                   affiliations=BuildOnce(lambda: Affiliations(index.lexicon)), readings=readings)


class Stage(Protocol):
    """One way of resolving a name. A stage owns its tables (built once, through
    :class:`~aeronorm.caching.BuildOnce`) and never calls another stage.

    ``match`` returns ``None`` when the stage has nothing to say about the name, an
    :class:`Outcome` with an entity when it found one, and an :class:`Outcome` without one when
    it abstains for the pipeline (see :class:`Outcome`).
    """

    name: ClassVar[Method]

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables) -> None: ...

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None: ...

    def warm(self) -> None:
        """Build every table now rather than on the first query that needs it."""

