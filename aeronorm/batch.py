"""Many values at once: each distinct value resolved once, missing values passed through.

This is the one batch path of the package: :meth:`Normalizer.match_many
<aeronorm.Normalizer.match_many>` and ``normalize_many``, the pandas and Polars functions, the
Spark UDFs and the command line all go through :func:`resolve_distinct` (optionally with a
:class:`Memo` kept across calls) and turn matches into values with :func:`canonical_of` or
:func:`match_columns`.

Missing values are ``None``, NaN (float, NumPy, pandas ``NA``/``NaT``) and empty or blank
strings; other values that are not strings raise :class:`TypeError`.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, Literal, TypeVar

from .caching import BoundedCache, paused_gc
from .errors import NoMatchError
from .results import Match

__all__ = [
    "ON_UNKNOWN",
    "Memo",
    "OnUnknown",
    "Progress",
    "canonical_of",
    "canonical_values",
    "check_on_unknown",
    "distinct_values",
    "is_missing",
    "match_columns",
    "resolve_distinct",
    "unknown_value",
]

R = TypeVar("R")
OnUnknown = Literal["keep", "none", "raise"]
#: What ``normalize`` may do with an unknown name.
ON_UNKNOWN: tuple[str, ...] = ("keep", "none", "raise")
_NOT_YET: Any = object()
_BLANK: Any = object()  # canonical_values: a missing value, passed through


def is_missing(value: object) -> bool:
    """True for ``None``, NaN (float, NumPy or pandas ``NA``/``NaT``) and empty/blank strings.

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), "  ", "CASC", 0)]
    [True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:  # pandas.NA, numpy.nan and friends, without importing either
        return bool(value != value)
    except (TypeError, ValueError):
        return type(value).__name__ in {"NAType", "NaTType"}


def check_on_unknown(on_unknown: object) -> OnUnknown:
    """``on_unknown`` if it is one of :data:`ON_UNKNOWN`; :class:`ValueError` otherwise."""
    if on_unknown not in ON_UNKNOWN:
        raise ValueError(f"on_unknown must be one of {ON_UNKNOWN}, got {on_unknown!r}")
    return on_unknown  # type: ignore[return-value]


class Progress:
    """Progress of distinct values resolved, on stderr: a tqdm bar when tqdm is installed, else
    a plain line rewritten at most once a second. Disabled, it costs nothing."""

    def __init__(self, total: int, *, enabled: bool, unit: str = "names"):
        self.total = total
        self.done = 0
        self._bar: Any = None
        self._last = 0.0
        self._unit = unit
        self.enabled = enabled and total > 0
        if self.enabled:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                self._bar = None
            else:
                self._bar = tqdm(total=total, unit=f" {unit}", file=sys.stderr, mininterval=0.5)

    def update(self, n: int) -> None:
        """``n`` more values resolved."""
        if not self.enabled:
            return
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last >= 1.0 or self.done >= self.total:
            self._last = now
            print(f"\raeronorm: {self.done:,}/{self.total:,} distinct {self._unit} resolved", end="",
                  file=sys.stderr, flush=True)

    def close(self) -> None:
        """End the bar or the line."""
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.close()
        else:
            print(file=sys.stderr, flush=True)


def distinct_values(values: Iterable[Any]) -> tuple[list[str], list[int]]:
    """The distinct non-missing strings of ``values`` in first-seen order, and each value's
    position among them (``-1`` for a missing value).

    Raises
    ------
    TypeError
        For a single string or a mapping (a sequence of names is expected), and for values
        that are neither strings nor missing.
    """
    distinct, codes, _ = _distinct(values)
    return distinct, list(range(len(distinct))) if codes is None else codes


def _distinct(values: Iterable[Any], *, blanks: bool = True) -> tuple[list[str], list[int] | None, bool]:
    """:func:`distinct_values`, with ``None`` for codes when every value is a distinct non-blank
    string (the codes would be 0, 1, 2, ...), and whether any value is missing.

    ``blanks=False``: in a column of strings only, blank strings are not looked for (a pass over
    every string): they stay among the distinct values, for the caller to find."""
    if isinstance(values, (str, bytes)):
        raise TypeError("expected a sequence of names, not a single string; use match()/normalize()")
    if isinstance(values, Mapping):
        raise TypeError(f"expected a sequence of names, not a mapping ({type(values).__name__}): iterating "
                        "it would give its keys; pass list(d.values()) or list(d) to say which")
    values = values if isinstance(values, (list, tuple)) else list(values)
    if set(map(type, values)) <= {str}:
        # A column of strings, the common case, in C loops: one dict of the distinct values,
        # which then holds each one's position.
        slots: dict[str, int] = dict.fromkeys(values)  # type: ignore[arg-type]
        blank = blanks and ("" in slots or any(map(str.isspace, slots)))
        distinct = [v for v in slots if v.strip()] if blank else list(slots)
        if not blank and len(distinct) == len(values):
            return distinct, None, False
        if blank:
            slots.update(dict.fromkeys([v for v in slots if not v.strip()], -1))
        slots.update(zip(distinct, range(len(distinct)), strict=True))
        return distinct, list(map(slots.__getitem__, values)), blank
    return _distinct_any(values)


def _distinct_any(values: Sequence[Any]) -> tuple[list[str], list[int], bool]:
    """:func:`_distinct` for values that are not all strings: missing values and str subclasses."""
    slots: dict[str, int] = {}
    distinct: list[str] = []
    codes: list[int] = []
    append = codes.append
    for v in values:
        if type(v) is str:  # the common case first: one dict probe per repeated value
            slot = slots.get(v)
            if slot is None:
                if not v.strip():
                    slot = -1
                else:
                    slot = len(distinct)
                    distinct.append(v)
                slots[v] = slot
            append(slot)
        elif is_missing(v):
            append(-1)
        elif isinstance(v, str):  # a str subclass
            s = str(v)
            slot = slots.get(s)
            if slot is None:
                slot = slots[s] = len(distinct)
                distinct.append(s)
            append(slot)
        else:
            raise TypeError(f"names must be strings (or missing values), got {type(v).__name__}: {v!r}")
    return distinct, codes, -1 in codes


def resolve_distinct(
    values: Iterable[Any],
    resolve: Callable[[list[str]], Sequence[R]],
    *,
    progress: bool = False,
    chunk: int = 2000,
) -> list[R | None]:
    """Per value, ``resolve``'s answer for it; each distinct string is resolved once.

    ``resolve`` takes a list of distinct, non-missing strings and returns one answer per string
    (it may batch, as retranslation does). Missing values get ``None``. Raises as
    :func:`distinct_values`.
    """
    distinct, codes, _ = _distinct(values)
    answers: list[R | None] = [*_resolve_in_chunks(distinct, resolve, progress=progress, chunk=chunk)]
    if codes is None:
        return answers
    answers.append(None)
    return list(map(answers.__getitem__, codes))  # code -1 picks the None at the end


def canonical_values(
    values: Iterable[Any],
    *,
    known: Callable[[list[str]], list[str | Literal[False] | None]],
    resolve: Callable[[list[str]], Sequence[Match | None]],
    on_unknown: OnUnknown = "keep",
    progress: bool = False,
    chunk: int = 2000,
) -> list[Any]:
    """What ``normalize_many`` writes for each value: its canonical name, else per
    ``on_unknown``; a missing value unchanged. Each distinct string is resolved once.

    ``known`` gives the canonical names it knows without a :class:`Match` (the exact path;
    ``None`` for the others, and for a blank string; ``False`` for a name it knows no entity
    answers), ``resolve`` the matches of the rest. Raises as :func:`distinct_values`, and
    :class:`~aeronorm.errors.NoMatchError` with ``"raise"``.
    """
    values = values if isinstance(values, (list, tuple, str, bytes, Mapping)) else list(values)
    # Blank strings are looked for only among the names known leaves (most names are known:
    # one pass over every string saved), and passed through as they are.
    distinct, codes, missing = _distinct(values, blanks=False)
    canonical: list[Any] = known(distinct)
    if all(canonical):  # every name known (a canonical name is never empty)
        rest = []
    else:
        rest = [k for k, c in enumerate(canonical) if c is None or c is False]
        settled = [k for k in rest if canonical[k] is False]
        if settled:
            rest = [k for k in rest if canonical[k] is None]
            for k in settled:
                canonical[k] = unknown_value(distinct[k], on_unknown)
    if rest:
        blank = [k for k in rest if not distinct[k].strip()]
        if blank:
            for k in blank:
                canonical[k] = _BLANK
            rest = [k for k in rest if canonical[k] is None]
            missing = True
            codes = list(range(len(distinct))) if codes is None else codes
        matches = _resolve_in_chunks([distinct[k] for k in rest], resolve, progress=progress, chunk=chunk)
        for k, m in zip(rest, matches, strict=True):
            canonical[k] = m.canonical if m is not None else unknown_value(distinct[k], on_unknown)
    if codes is None:
        return canonical
    if missing:
        canonical.append(_BLANK)  # code -1: a missing value
        return [v if (c := canonical[code]) is _BLANK else c for v, code in zip(values, codes, strict=True)]
    return list(map(canonical.__getitem__, codes))


def _resolve_in_chunks(distinct: list[str], resolve: Callable[[list[str]], Sequence[R]], *,
                       progress: bool, chunk: int) -> list[R]:
    # Each chunk is resolved with the cyclic GC paused: matching makes many short-lived objects
    # and no cycles worth a collection (a quarter of the time went to collections); between
    # chunks the collector runs as usual, so whatever a chunk left is collected.
    bar = Progress(len(distinct), enabled=progress)
    out: list[R] = []
    try:
        for start in range(0, len(distinct), chunk):
            part = distinct[start : start + chunk]
            with paused_gc():
                out.extend(resolve(part))
            bar.update(len(part))
    finally:
        bar.close()
    return out


class Memo(Generic[R]):
    """Answers for distinct values remembered across batches (a Spark worker, a CLI stream),
    bounded in entries and characters."""

    def __init__(self, *, max_entries: int = 100_000):
        self._cache: BoundedCache[str, Any] = BoundedCache(max_entries=max_entries)

    def __len__(self) -> int:
        return len(self._cache)

    def __contains__(self, value: object) -> bool:
        return value in self._cache

    def get(self, value: str) -> R | None:
        """The remembered answer for ``value`` (``None`` when unknown or not remembered)."""
        return self._cache.get(value)

    def resolve(self, resolve: Callable[[list[str]], Sequence[R]]) -> Callable[[list[str]], list[R]]:
        """``resolve`` with this memo in front: only values not seen before reach it."""

        def memoised(names: list[str]) -> list[R]:
            cache = self._cache
            new = [n for n in names if cache.get(n, _NOT_YET) is _NOT_YET]
            fresh = dict(zip(new, resolve(new), strict=True)) if new else {}
            for name, answer in fresh.items():
                cache.put(name, answer)
            return [fresh[n] if n in fresh else cache.get(n) for n in names]

        return memoised


def canonical_of(value: Any, match: Match | None, on_unknown: OnUnknown) -> Any:
    """What ``normalize_many`` writes for ``value``: its canonical name, else per ``on_unknown``;
    a missing value unchanged."""
    if match is not None:
        return match.canonical
    if is_missing(value):
        return value
    return unknown_value(value, on_unknown)


def unknown_value(name: Any, on_unknown: OnUnknown) -> Any:
    """What ``normalize`` gives for a name not in the glossary: the name (``"keep"``), ``None``
    (``"none"``), or :class:`~aeronorm.errors.NoMatchError` (``"raise"``)."""
    if on_unknown == "keep":
        return name
    if on_unknown == "none":
        return None
    raise NoMatchError(f"{name!r} is not in the glossary")


def match_columns(
    values: Sequence[Any], matches: Sequence[Match | None], on_unknown: OnUnknown
) -> tuple[list[Any], list[Any], list[float], list[Any]]:
    """Columns of ids, canonical names, scores and methods (null for missing and unknown values)."""
    ids: list[Any] = []
    canonicals: list[Any] = []
    scores: list[float] = []
    methods: list[Any] = []
    nan = float("nan")
    for v, m in zip(values, matches, strict=True):
        canonicals.append(canonical_of(v, m, on_unknown))
        if m is None:
            ids.append(None)
            scores.append(nan)
            methods.append(None)
        else:
            ids.append(m.entity_id)
            scores.append(m.score)
            methods.append(m.method)
    return ids, canonicals, scores, methods
