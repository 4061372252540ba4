"""A caching wrapper for any translator: in-memory LRU, optionally backed by a sqlite file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aeronorm.mt.base import Translator, as_text_list, cache_key_of, check_output
from aeronorm.mt.store import CacheFileError, SqliteStore

__all__ = ["CacheStats", "CachedTranslator", "TranslationCacheWarning"]


class TranslationCacheWarning(UserWarning):
    """A translation cache file cannot be used, or cannot be written; caching goes on in memory.

    The message names the file and the reason. To make it an error instead, run
    ``warnings.simplefilter("error", TranslationCacheWarning)``.
    """


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
    batched call. Safe to share between threads, and to pickle.

    Parameters
    ----------
    inner : Translator
        The translator to cache.
    maxsize : int or None, default 100_000
        Entries kept in memory, least recently used evicted first. ``None``: unbounded;
        ``0``: no memory cache (disk only).
    path : str or os.PathLike, optional
        A sqlite file (created, with its folder, if missing) that keeps translations across
        processes and runs. Rows are keyed by ``(model, source, target, text)``, where ``model``
        is the inner translator's ``cache_key``, so one file can serve several models, and
        several processes may share it. The file is checked here, at construction: one that
        cannot be used (a folder, unreadable, not sqlite, corrupt, another program's database)
        gives a :class:`TranslationCacheWarning` naming it, and caching goes on in memory only;
        a read-only one is read, and new translations are kept in memory only.

    Attributes
    ----------
    inner : Translator
    source, target : str
        Those of ``inner``.
    cache_key : str or None
        That of ``inner``, so that caches can be stacked.
    path : Path or None
    disk : str
        The state of the disk cache: ``"none"`` (no ``path``), ``"read-write"``, ``"read-only"``,
        ``"unusable"`` (warned; memory only), ``"closed"``, or ``"unopened"`` (unpickled; opened
        at the first lookup).

    Raises
    ------
    ValueError
        If ``path`` is given and ``inner`` declares no ``cache_key``: rows of different engines
        would be mixed up in the file (see :func:`~aeronorm.mt.cache_key_of`).

    Notes
    -----
    Any text is accepted, lone surrogates included; the disk and memory caches give the same
    answers. An sqlite error later on (disk full, file removed, a lock held for longer than
    30 s) gives one :class:`TranslationCacheWarning` and turns the disk cache off for this
    translator; the translations of that call are still returned.

    The lock guards the cache only: the inner translator is called outside it, so two threads
    missing the same text at the same moment may both translate it (the results agree). The
    inner translator must therefore be safe to call from several threads;
    :class:`~aeronorm.mt.MarianTranslator` is.

    Pickling keeps the configuration, not the entries; the copy opens the file at its first
    lookup. A forked child process opens its own connection too.

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
        if path is not None and cache_key_of(inner) is None:
            raise ValueError(
                f"CachedTranslator(path={os.fspath(path)!r}): {inner!r} declares no cache_key, so its "
                "rows in the file could be served to another engine. Give the translator a cache_key "
                "naming the engine, model, version and settings (FunctionTranslator(..., "
                "cache_key='my-service-v3')), or drop path= to cache in memory only"
            )
        self._setup(inner, maxsize, path)
        if self.path is not None:
            self._store = self._open_store()
            self._disk = self._store_state()

    def _setup(self, inner: Translator, maxsize: int | None, path: str | os.PathLike[str] | None) -> None:
        self.inner = inner
        self.source: str = inner.source
        self.target: str = inner.target
        self.maxsize = maxsize
        self.path = Path(path) if path is not None else None
        # The disk key is fixed when the file is first configured, whatever the inner does later.
        self._key = (cache_key_of(inner) or "") if path is not None else ""
        self._lock = threading.Lock()
        self._memory: OrderedDict[str, str] = OrderedDict()
        self._hits = self._misses = self._disk_hits = 0
        self._store: SqliteStore | None = None
        self._disk = "none"
        _LIVE.add(self)

    @property
    def cache_key(self) -> str | None:
        return cache_key_of(self.inner)

    @property
    def disk(self) -> str:
        return self._disk

    # -- sqlite -------------------------------------------------------------------------------

    def _fallback(self) -> str:
        return "caching in memory only" if self.maxsize != 0 else "no caching (maxsize=0)"

    def _warn(self, message: str) -> None:
        warnings.warn(f"CachedTranslator: {message}", TranslationCacheWarning, stacklevel=4)

    def _open_store(self) -> SqliteStore | None:
        assert self.path is not None
        try:
            store = SqliteStore(self.path)
        except CacheFileError as exc:
            self._disk = "unusable"
            self._warn(f"{exc}; {self._fallback()}")
            return None
        if not store.writable:
            self._warn(
                f"{self.path} cannot be written ({store.readonly_reason}): translations already in it "
                f"are used, new ones are not saved to it ({self._fallback()})"
            )
        return store

    def _store_state(self) -> str:
        if self._store is None:
            return "unusable"
        return "read-write" if self._store.writable else "read-only"

    def _disk_store(self) -> SqliteStore | None:
        """The open store, opening it first after unpickling. Call with the lock held."""
        if self._disk == "unopened":
            self._store = self._open_store()
            self._disk = self._store_state()
        return self._store

    def _drop_store(self, doing: str, exc: BaseException) -> None:
        """Turn the disk cache off after an error at run time. Call with the lock held."""
        store, self._store = self._store, None
        self._disk = "unusable"
        if store is not None:
            with contextlib.suppress(sqlite3.Error):  # already failing; the warning names the cause
                store.close()
        self._warn(
            f"{doing} {self.path} failed ({type(exc).__name__}: {exc}); the disk cache is off, "
            + self._fallback()
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
            store = self._disk_store() if pending else None
            if store is not None:
                try:
                    found = store.get(self._key, self.source, self.target, list(pending))
                except (sqlite3.Error, CacheFileError) as exc:
                    self._drop_store("reading", exc)
                    found = {}
                for text, translation in found.items():
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
                store = self._store
                if store is not None and store.writable:
                    try:
                        pairs = dict(zip(todo, translations, strict=True))
                        store.put(self._key, self.source, self.target, pairs)
                    except (sqlite3.Error, CacheFileError) as exc:
                        self._drop_store("writing", exc)
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
            store, self._store = self._store, None
            if self.path is not None:
                self._disk = "closed"
            if store is not None:
                store.close()

    def __enter__(self) -> CachedTranslator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._memory)

    def __repr__(self) -> str:
        path = f", path={str(self.path)!r}" if self.path is not None else ""
        return f"CachedTranslator({self.inner!r}, maxsize={self.maxsize!r}{path})"

    # Pickling (e.g. to Spark executors or spawn workers) keeps the configuration, not the
    # entries: the lock and the sqlite connection cannot cross processes. The file is opened,
    # and checked, at the copy's first lookup, in the process that uses it.
    def __getstate__(self) -> dict[str, Any]:
        return {"inner": self.inner, "maxsize": self.maxsize, "path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._setup(state["inner"], state["maxsize"], state["path"])
        if self.path is not None:
            self._disk = "unopened"


# A fork while another thread holds an instance's lock would leave the child's copy locked for
# ever; the child gets fresh locks (its sqlite connection is replaced at first use, see store).
_LIVE: weakref.WeakSet[CachedTranslator] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for cached in list(_LIVE):
        cached._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
