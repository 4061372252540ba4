"""Run one stage of the pipeline directly, over any index (the stage tests' entry point), and
read what a normalizer answers."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Any

from aeronorm import Normalizer
from aeronorm.index import Index
from aeronorm.pipeline.base import Outcome
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.query import Query
from aeronorm.pipeline.run import Pipeline


@cache
def pipeline(index: Index, threshold: float = DEFAULT_CALIBRATION.threshold,
             margin: float = DEFAULT_CALIBRATION.margin) -> Pipeline:
    """One pipeline per index and options (stages build their tables once)."""
    return Pipeline(index, DEFAULT_CALIBRATION.with_options(threshold=threshold, margin=margin))


def run_stage(name: str, index: Index, query: Query, allowed: Collection[int] | None = None, *,
              threshold: float = DEFAULT_CALIBRATION.threshold,
              margin: float = DEFAULT_CALIBRATION.margin) -> Outcome | None:
    """The outcome of stage ``name`` for ``query``."""
    return pipeline(index, threshold, margin).stages[name].match(query, allowed)


def answer_id(n: Normalizer, name: str, **kw: Any) -> str | None:
    """The id of the entity ``n.match`` answers for ``name`` (``None``: no match)."""
    m = n.match(name, **kw)
    return m.entity_id if m is not None else None
