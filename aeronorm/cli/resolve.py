"""Column values to the cells ``aeronorm normalize`` adds, each distinct name resolved once.

:func:`resolve` is the one call into the matcher: :meth:`Normalizer.match_many
<aeronorm.Normalizer.match_many>`, the library's batch path (:mod:`aeronorm.batch`), in slices
so that progress moves; :class:`Resolver` turns a chunk of column values into per-row results
with a bounded memo across chunks, and counts what the summary reports.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..caching import BoundedCache

if TYPE_CHECKING:
    from ..normalizer import Normalizer
    from ..results import Match
    from .progress import Progress

__all__ = ["ABSENT", "MEMO_LIMIT", "Resolver", "Result", "Stats", "resolve"]

#: Most resolved names remembered across chunks (bounded memory on millions of distinct names).
MEMO_LIMIT = 200_000
_SLICE_SECONDS = 0.25  # resolve in slices of about this long, so that the progress counter moves


class _Absent:
    """The column's cell is not there at all (a JSON record without the field, a short CSV row)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()

#: canonical, entity id, score, method, evidence (``None`` when there is none)
Result = tuple[Any, Any, Any, Any, Any]


def resolve(normalizer: Normalizer, names: Sequence[str], *, type: str | None = None,
            done: Callable[[int], None] | None = None) -> list[Match | None]:
    """The match of each of ``names`` (distinct, non-blank strings), or ``None``, in order.

    With ``done``, the names are resolved in slices of about a quarter of a second and ``done``
    is called with the size of each slice.
    """
    if done is None:
        return normalizer.match_many(names, type=type)
    out: list[Match | None] = []
    step, start = 16, 0
    while start < len(names):
        part = names[start:start + step]
        began = time.perf_counter()
        out.extend(normalizer.match_many(part, type=type))
        elapsed = time.perf_counter() - began
        start += len(part)
        done(len(part))
        if elapsed < _SLICE_SECONDS / 2:
            step = min(4096, step * 2)
        elif elapsed > _SLICE_SECONDS * 2:
            step = max(16, step // 2)
    return out


@dataclass
class Stats:
    """What one run saw, for the summary."""

    rows: int = 0
    matched: int = 0
    unknown: int = 0
    empty: int = 0  # an empty or blank cell, JSON null or "", NaN
    absent: int = 0  # no cell at all: a short CSV row, a JSON record without the field
    not_text: int = 0  # a number, list, ... in JSON or Parquet: passed through
    names_matched: int = 0  # distinct names looked up that matched
    names_unknown: int = 0
    methods: Counter[str] = field(default_factory=Counter)
    blank_lines: int = 0
    blank_lines_kept: bool = True

    @property
    def names(self) -> int:
        return self.names_matched + self.names_unknown


class Resolver:
    """Per-row :data:`Result` of column values: each distinct name resolved once per memo."""

    def __init__(self, normalizer: Normalizer, *, type: str | None, on_unknown: str, evidence: bool,
                 progress: Progress | None = None, stats: Stats | None = None, memo_limit: int | None = None):
        self.normalizer = normalizer
        self.type = type
        self.keep = on_unknown == "keep"
        self.evidence = evidence
        self.progress = progress
        self.stats = stats if stats is not None else Stats()
        self.memo_limit = MEMO_LIMIT if memo_limit is None else memo_limit
        self._memo: BoundedCache[str, Result] = BoundedCache(max_entries=self.memo_limit)

    def rows(self, values: Sequence[Any]) -> list[Result]:
        """The result of each value, in order (missing values and non-strings pass through)."""
        memo = self._memo
        counts = Counter(v for v in values if type(v) is str)  # counted in C; the rest is rare
        todo = [v for v in counts if v not in memo and v.strip()]
        fresh: dict[str, Result] = {}
        if todo:
            done = self._done if self.progress is not None and self.progress.enabled else None
            for name, m in zip(todo, resolve(self.normalizer, todo, type=self.type, done=done), strict=True):
                fresh[name] = self._result(name, m)
            if done is None and self.progress is not None:
                self.progress.names += len(todo)
        stats = self.stats
        known: dict[str, Result] = {}
        for v, n in counts.items():
            res = memo.get(v) or fresh.get(v)
            if res is None:  # blank
                res = (v, None, None, None, None)
                stats.empty += n
            elif res[1] is None:
                stats.unknown += n
            else:
                stats.matched += n
                stats.methods[res[3]] += n
            known[v] = res
        out = [known[v] if type(v) is str else self._other(v) for v in values]
        stats.rows += len(values)
        if self.progress is not None:
            self.progress.rows += len(values)
        for name, res in fresh.items():
            memo.put(name, res)
        return out

    def _other(self, v: Any) -> Result:
        """A value that is not a plain string: absent, missing, or not a name."""
        from ..batch import is_missing

        if v is ABSENT:
            self.stats.absent += 1
            return (None, None, None, None, None)
        if is_missing(v):
            self.stats.empty += 1
            return (None, None, None, None, None)
        self.stats.not_text += 1  # a number, a list...: not a name
        return (None, None, None, None, None)

    def _done(self, n: int) -> None:
        assert self.progress is not None
        self.progress.names += n

    def _result(self, name: str, m: Match | None) -> Result:
        if m is None:
            self.stats.names_unknown += 1
            return (name if self.keep else None, None, None, None, None)
        self.stats.names_matched += 1
        evidence = "; ".join(m.evidence) if self.evidence else None
        return (m.canonical, m.entity_id, m.score, m.method, evidence)
