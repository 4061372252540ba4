"""A caching wrapper for any translator: in-memory LRU, optionally backed by a sqlite file."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aeronorm.mt.base import Translator, as_text_list, cache_key_of, check_output

__all__ = ["CacheStats", "CachedTranslator"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    text TEXT NOT NULL,
    translation TEXT NOT NULL,
    PRIMARY KEY (model, source, target, text)
) WITHOUT ROWID
"""
# Placeholders per SELECT; well under SQLite's smallest limit on bound variables (999).
_CHUNK = 500


@dataclass(frozen=True)
class CacheStats:
    """Counters of a :class:`CachedTranslator`.

    Attributes
    ----------
    hits : int
        Input texts answered without the inner translator: from memory, from the disk cache,
        or as a repeat of a text earlier in the same call.
    misses : int
        Distinct texts passed to the inner translator.
    disk_hits : int
        The part of ``hits`` read from the sqlite file.
    size : int
        Entries now held in memory.
    maxsize : int or None
        Capacity of the in-memory cache (``None``: unbounded).
    """

    hits: int
    misses: int
    disk_hits: int
    size: int
    maxsize: int | None

    @property
    def hit_rate(self) -> float:
        """``hits / (hits + misses)``, 0.0 before any call."""
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class CachedTranslator:
    """Cache the translations of any :class:`~aeronorm.mt.Translator`.

    Each call looks every text up in an in-memory LRU cache, then (if ``path`` is given) in a
    sqlite file, and sends only the misses to the inner translator, deduplicated, in one
    batched call. Safe to share between threads.

    Parameters
    ----------
    inner : Translator
        The translator to cache.
    maxsize : int or None, default 100_000
        Entries kept in memory, least recently used evicted first. ``None``: unbounded;
        ``0``: no memory cache (disk only).
    path : str or os.PathLike, optional
        A sqlite file (created if missing) that keeps translations across processes and runs.
        Rows are keyed by ``(model, source, target, text)``, where ``model`` is the inner
        translator's ``cache_key`` (see :func:`~aeronorm.mt.base.cache_key_of`), so one file
        can serve several models. Several processes may share the file.

    Attributes
    ----------
    inner : Translator
    source, target : str
        Those of ``inner``.
    cache_key : str
        That of ``inner``, so that caches can be stacked.

    Notes
    -----
    The lock guards the cache only: the inner translator is called outside it, so two threads
    missing the same text at the same moment may both translate it (the results agree). The
    inner translator must therefore be safe to call from several threads;
    :class:`~aeronorm.mt.MarianTranslator` is.

    Examples
    --------
    >>> from aeronorm.mt import FunctionTranslator
    >>> calls = []
    >>> def engine(texts):
    ...     calls.append(list(texts))
    ...     return [t.upper() for t in texts]
    >>> t = CachedTranslator(FunctionTranslator(engine, source="en", target="en"))
    >>> t.translate(["a", "b", "a"])
    ['A', 'B', 'A']
    >>> t.translate(["b", "c"])
    ['B', 'C']
    >>> calls
    [['a', 'b'], ['c']]
    >>> t.stats.hits, t.stats.misses
    (2, 3)
    """

    def __init__(
        self,
        inner: Translator,
        *,
        maxsize: int | None = 100_000,
        path: str | os.PathLike[str] | None = None,
    ) -> None:
        if not callable(getattr(inner, "translate", None)):
            raise TypeError(f"CachedTranslator needs a translator with a translate() method, not {inner!r}")
        if maxsize is not None and (not isinstance(maxsize, int) or isinstance(maxsize, bool) or maxsize < 0):
            raise ValueError(f"maxsize must be None or an int >= 0, not {maxsize!r}")
        self.inner = inner
        self.source: str = inner.source
        self.target: str = inner.target
        self.cache_key = cache_key_of(inner)
        self.maxsize = maxsize
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        self._memory: OrderedDict[str, str] = OrderedDict()
        self._hits = self._misses = self._disk_hits = 0
        self._db: sqlite3.Connection | None = None
        if self.path is not None:
            self._db = self._open(self.path)

    # -- sqlite -------------------------------------------------------------------------------

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by threads; every use holds self._lock.
        db = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False)
        with db:
            db.execute(_SCHEMA)
        return db

    def _disk_get(self, texts: list[str]) -> dict[str, str]:
        assert self._db is not None
        found: dict[str, str] = {}
        for start in range(0, len(texts), _CHUNK):
            chunk = texts[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT text, translation FROM translations "
                f"WHERE model = ? AND source = ? AND target = ? AND text IN ({marks})",
                (self.cache_key, self.source, self.target, *chunk),
            )
            found.update(rows)
        return found

    def _disk_put(self, pairs: dict[str, str]) -> None:
        assert self._db is not None
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations (model, source, target, text, translation) "
                "VALUES (?, ?, ?, ?, ?)",
                [(self.cache_key, self.source, self.target, t, tr) for t, tr in pairs.items()],
            )

    # -- memory -------------------------------------------------------------------------------

    def _remember(self, text: str, translation: str) -> None:
        if self.maxsize == 0:
            return
        self._memory[text] = translation
        self._memory.move_to_end(text)
        if self.maxsize is not None:
            while len(self._memory) > self.maxsize:
                self._memory.popitem(last=False)

    # -- public -------------------------------------------------------------------------------

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts``, calling the inner translator only for texts not cached.

        Parameters
        ----------
        texts : sequence of str

        Returns
        -------
        list of str
            One translation per text, in order.
        """
        items = as_text_list(texts)
        result: list[str | None] = [None] * len(items)
        pending: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(items):
                translation = self._memory.get(text)
                if translation is not None:
                    self._memory.move_to_end(text)
                    result[i] = translation
                    self._hits += 1
                else:
                    pending.setdefault(text, []).append(i)
            if pending and self._db is not None:
                for text, translation in self._disk_get(list(pending)).items():
                    positions = pending.pop(text)
                    for i in positions:
                        result[i] = translation
                    self._remember(text, translation)
                    self._hits += len(positions)
                    self._disk_hits += len(positions)
            for positions in pending.values():
                self._hits += len(positions) - 1  # repeats within this call
            self._misses += len(pending)

        if pending:
            todo = list(pending)
            translations = check_output(
                self.inner.translate(todo), len(todo), who=f"{self.inner!r}.translate"
            )
            with self._lock:
                for text, translation in zip(todo, translations, strict=True):
                    self._remember(text, translation)
                    for i in pending[text]:
                        result[i] = translation
                if self._db is not None:
                    self._disk_put(dict(zip(todo, translations, strict=True)))
        return result  # type: ignore[return-value]  # every slot is filled

    @property
    def stats(self) -> CacheStats:
        """Hits, misses and size so far (a snapshot)."""
        with self._lock:
            return CacheStats(self._hits, self._misses, self._disk_hits, len(self._memory), self.maxsize)

    def clear(self) -> None:
        """Empty the in-memory cache and reset the counters. The sqlite file is left as is."""
        with self._lock:
            self._memory.clear()
            self._hits = self._misses = self._disk_hits = 0

    def close(self) -> None:
        """Close the sqlite file, if any. The memory cache keeps working; the disk one stops."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> CachedTranslator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._memory)

    def __repr__(self) -> str:
        path = f", path={str(self.path)!r}" if self.path is not None else ""
        return f"CachedTranslator({self.inner!r}, maxsize={self.maxsize!r}{path})"

    # Pickling (e.g. to Spark executors) keeps the configuration, not the cached entries:
    # the lock and the sqlite connection cannot cross processes and are reopened.
    def __getstate__(self) -> dict[str, Any]:
        return {"inner": self.inner, "maxsize": self.maxsize, "path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["inner"], maxsize=state["maxsize"], path=state["path"])  # type: ignore[misc]
