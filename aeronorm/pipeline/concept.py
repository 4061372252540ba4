"""Stage 3, concept: order-free concept keys (Space/Aerospace/Astronautics are one concept, 航天)."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from ..index import Index
from ..results import Method
from .base import Outcome, SharedTables
from .calibration import Calibration
from .concept_keys import match_concepts
from .query import Query

__all__ = ["ConceptStage"]


class ConceptStage:
    """A name whose concepts, sorted, are those of exactly one entity's name (or alias)."""

    name: ClassVar[Method] = "concept"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.calibration = calibration

    def warm(self) -> None:
        """Nothing to build: concept keys are built with the index."""

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        return match_concepts(self.index, query, allowed, self.calibration)
