"""The pipeline: the stages in order, one lane per script, and the acceptance policy.

:data:`STAGES` lists the stages from the cheapest and surest to the costliest; :data:`LANES` says
which of them a name goes through: a name with Chinese characters takes the ``han`` lane, any
other the ``latin`` lane. The policy (:meth:`Pipeline.resolve`): the first outcome with an entity
scoring at the threshold or above is the answer; an outcome without an entity is an abstention
that ends the search (the stage knows the name fits several entities, or none); an outcome with
an entity below the threshold is remembered and the next stage tries.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..index import Index
from .abbreviation import AbbreviationStage
from .base import Outcome, SharedTables, Stage
from .calibration import Calibration
from .chinese import ChineseStage
from .concept import ConceptStage
from .exact import ExactStage
from .fuzzy import FuzzyStage
from .person import PersonStage
from .pinyin import PinyinStage
from .query import Query
from .retranslation import MAX_QUERY_CHARS, Resolution, Retranslator

__all__ = ["LANES", "STAGES", "Pipeline"]

#: Every stage, in the order a name meets them (retranslation, optional, comes last).
STAGES: tuple[type[Stage], ...] = (
    ExactStage, ChineseStage, ConceptStage, AbbreviationStage, PersonStage, PinyinStage, FuzzyStage,
)
#: The stages each script's names go through, in order.
LANES: dict[str, tuple[str, ...]] = {
    "han": ("exact", "chinese", "concept", "fuzzy"),
    "latin": ("exact", "concept", "abbreviation", "person", "pinyin", "fuzzy"),
}


class Pipeline:
    """The stages over one index, with their tables, and the acceptance policy.

    Parameters
    ----------
    index : Index
    calibration : Calibration
    en_zh, zh_en : translator, optional
        For the retranslation stage.
    """

    def __init__(self, index: Index, calibration: Calibration, *, en_zh: Any = None, zh_en: Any = None):
        self.index = index
        self.calibration = calibration
        shared = SharedTables.of(index)
        self.stages: dict[str, Stage] = {cls.name: cls(index, calibration, shared) for cls in STAGES}
        self._lanes = {lane: tuple(self.stages[name] for name in names) for lane, names in LANES.items()}
        self.retranslator = Retranslator(en_zh, zh_en, calibration, self.resolve_text)

    def warm(self) -> None:
        """Build every stage's tables now rather than on the first query that needs them."""
        for stage in self.stages.values():
            stage.warm()

    def resolve(self, query: Query, allowed: Collection[int] | None) -> Resolution:
        """Run the query's lane: ``(accepted outcome or None, last outcome seen)``."""
        threshold = self.calibration.threshold
        last: Outcome | None = None
        for stage in self._lanes[query.lane]:
            outcome = stage.match(query, allowed)
            if outcome is None:
                continue
            if outcome.entity is not None and outcome.score >= threshold:
                return outcome, outcome
            last = outcome
            if outcome.entity is None:
                return None, outcome  # the stage knows better than to let a weaker one guess
        return None, last

    def resolve_text(self, text: str, allowed: Collection[int] | None) -> Resolution:
        """:meth:`resolve` for a raw name; blank or overlong input is passed through unmatched."""
        if not text.strip() or len(text) > MAX_QUERY_CHARS:
            return None, None
        query = Query(text)
        if not query.text:
            return None, None
        return self.resolve(query, allowed)
