"""The matching pipeline: a name through the stages, from the cheapest and surest to the costliest.

Modules, in the order a name meets them (:data:`~aeronorm.pipeline.run.STAGES`):

=================  =========================================================================
``query``          the name prepared once (cleaned, asides split off, script known)
``exact``          the folded key of every written form
``chinese``        Han input against Chinese names (OpenCC, jieba)
``concept``        order-free concept keys (Space/Aerospace/Astronautics are one concept)
``abbreviation``   given and derived acronyms
``person``         romanised personal names, any order, pinyin or Wade-Giles
``pinyin``         romanised names against the pinyin of Chinese names
``fuzzy``          weighted token comparison, blocked through the inverted index
``retranslation``  optional: machine translation into the other language, then again
=================  =========================================================================

``calibration`` holds every score and cost; ``base`` the stage protocol and outcomes; ``run``
the order, the lanes and the acceptance policy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_CALIBRATION", "LANES", "STAGES", "Calibration", "Outcome", "Pipeline", "Query", "Stage"]

# Loaded on first use, so that a module that needs one stage's helper (aeronorm.mt needs the
# retranslation checks) does not load every stage.
_LAZY = {
    "DEFAULT_CALIBRATION": "calibration", "Calibration": "calibration", "LANES": "run", "STAGES": "run",
    "Pipeline": "run", "Outcome": "base", "Stage": "base", "Query": "query",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aeronorm.pipeline' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
