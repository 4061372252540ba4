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

__all__ = ["Outcome", "SharedTables", "Stage", "ambiguous", "found"]


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


@dataclass
class SharedTables:
    """Tables built once per index, on first use, that several stages read."""

    pinyin_keys: BuildOnce[PinyinKeys]
    affiliations: BuildOnce[Affiliations]

    @classmethod
    def of(cls, index: Index) -> SharedTables:
        return cls(pinyin_keys=BuildOnce(lambda: PinyinKeys(index)),
                   affiliations=BuildOnce(lambda: Affiliations(index.lexicon)))


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

