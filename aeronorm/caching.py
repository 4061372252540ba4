"""The two caching mechanisms of aeronorm: tables built once, and bounded memo caches.

* :class:`BuildOnce` holds a value built on first use, once, thread-safely. Every lazy table
  of the package (a stage's tables, the scanner, the Chinese tokenizer) is one. All builds share
  one re-entrant lock (a table may need another while it is built, and one lock cannot
  deadlock against itself); the lock is renewed in a forked child, so a fork taken while
  another thread builds never leaves the child waiting on a lock nobody will release.
* :class:`BoundedCache` memoises answers (a word's analysis, a span's match) within a bound
  on entries and on the total length of the keys, so memory stays bounded however many
  distinct, however long, strings go through it.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

__all__ = ["BoundedCache", "BuildOnce", "paused_gc"]

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_lock = threading.RLock()


def _renew_lock() -> None:
    global _lock
    _lock = threading.RLock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_renew_lock)


_UNBUILT: Any = object()
_pauses = 0
_pause_lock = threading.Lock()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off while tables are built (or loaded), then as it was.

    A table is millions of small objects made in a row: each made object counts towards the next
    collection, and every full collection walks all the objects alive, so a build of n objects
    pays for collections of ever more of them. Tables hold no garbage cycles to find; anything
    else is collected as usual once the build is over. Nested and concurrent pauses end with the
    last one.
    """
    global _pauses
    with _pause_lock:
        if _pauses == 0:
            _pause_restore[0] = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _pause_restore[0]:
                gc.enable()


_pause_restore = [True]


def _already_built() -> Any:
    raise RuntimeError("a BuildOnce made by BuildOnce.of() has no build of its own")


class BuildOnce(Generic[T]):
    """A value built by ``build()`` on the first :meth:`get`, once, whichever thread asks.

    Examples
    --------
    >>> calls = []
    >>> table = BuildOnce(lambda: calls.append(1) or {"a": 1})
    >>> table.built, table.get()["a"], table.get()["a"], len(calls), table.built
    (False, 1, 1, 1, True)
    """

    __slots__ = ("_build", "_value")

    def __init__(self, build: Callable[[], T]):
        self._build = build
        self._value: T = _UNBUILT

    @classmethod
    def of(cls, value: T) -> BuildOnce[T]:
        """A value already built (a table read from a saved index): :meth:`get` returns it.

        >>> BuildOnce.of({"a": 1}).get()["a"]
        1
        """
        made = cls(_already_built)
        made._value = value
        return made

    @property
    def built(self) -> bool:
        """Whether the value has been built."""
        return self._value is not _UNBUILT

    def get(self) -> T:
        """The value, built now if it was not yet."""
        value = self._value
        if value is _UNBUILT:
            with _lock:
                value = self._value
                if value is _UNBUILT:
                    with paused_gc():
                        value = self._value = self._build()
        return value

    def __getstate__(self) -> Any:
        # Built values are not shipped: the other process builds its own on first use.
        return self._build

    def __setstate__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value = _UNBUILT


class BoundedCache(dict, Generic[K, V]):  # type: ignore[type-arg]
    """A memo dict bounded by entries and by the summed length of its string keys.

    Reads are plain ``dict`` reads (``get``, ``in``, ``[]``: as fast as a dict); writes go through
    :meth:`put`, which keeps the bounds: when either would be passed, the oldest half of the
    entries is dropped. Keys longer than ``max_key_chars`` are never kept (a megabyte token is
    looked at once, not remembered).

    Examples
    --------
    >>> c = BoundedCache(max_entries=2)
    >>> for k, v in (("a", 1), ("b", 2), ("c", 3)):
    ...     _ = c.put(k, v)
    >>> c.get("a"), c.get("c")
    (None, 3)
    """

    __slots__ = ("_chars", "max_chars", "max_entries", "max_key_chars")

    def __init__(self, *, max_entries: int = 100_000, max_chars: int = 8_000_000, max_key_chars: int = 1000):
        super().__init__()
        self.max_entries = max_entries
        self.max_chars = max_chars
        self.max_key_chars = max_key_chars
        self._chars = 0

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` (unless the key is too long to keep); returns ``value``."""
        size = _size(key)
        if size > self.max_key_chars:
            return value
        if key not in self:
            if len(self) >= self.max_entries or self._chars + size > self.max_chars:
                self._shrink()
            self._chars += size
        dict.__setitem__(self, key, value)
        return value

    def clear(self) -> None:
        """Forget everything."""
        super().clear()
        self._chars = 0

    def _shrink(self) -> None:
        drop = max(1, len(self) // 2)
        for key in list(self)[:drop]:  # dicts keep insertion order: the oldest first
            dict.__delitem__(self, key)
            self._chars -= _size(key)

    def __reduce__(self) -> Any:
        # A cache travels empty (pickling a normalizer ships options, not memos).
        return (_new_cache, (self.max_entries, self.max_chars, self.max_key_chars))


def _new_cache(max_entries: int, max_chars: int, max_key_chars: int) -> BoundedCache[Any, Any]:
    return BoundedCache(max_entries=max_entries, max_chars=max_chars, max_key_chars=max_key_chars)


def _size(key: object) -> int:
    if isinstance(key, str):
        return len(key)
    if isinstance(key, tuple):
        try:  # most keys are tuples of words: one join in C, not a generator per part
            return len("".join(key))  # type: ignore[arg-type]
        except TypeError:
            return sum(len(k) if isinstance(k, str) else 1 for k in key)
    return 1
