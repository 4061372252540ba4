"""The matching stages, cheapest and surest first. Each takes an :class:`~aeronorm.index.Index`
and a :class:`Query` and returns an :class:`Outcome` or ``None``."""

from .abbreviation import match_abbreviation
from .base import Outcome, Query
from .concept import match_concept
from .exact import match_exact
from .fuzzy import match_fuzzy
from .romanized import match_pinyin

__all__ = [
    "Outcome",
    "Query",
    "match_abbreviation",
    "match_concept",
    "match_exact",
    "match_fuzzy",
    "match_pinyin",
]
