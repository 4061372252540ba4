"""Tables from a key to the entities that have it, in the memory of one int per key that one
entity has.

The stages' derived keys (acronyms, pinyin letters) number dozens per entity, and nearly every
key belongs to one entity alone: a ``set`` per key (216 bytes) was most of a large glossary's
tables. Here a key of one entity holds its position (an ``int``, shared by all of that entity's
keys) and a key of several holds a sorted tuple. Tables are built with :func:`add_id`, made final
with :func:`seal` and read with :func:`ids_of` (a builder's ``if table.setdefault(key, i) != i:
add_id(table, key, i)`` spares the call for a new key, which most are).
"""

from __future__ import annotations

import sys
from array import array
from bisect import insort
from collections.abc import Hashable, Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["EntityIds", "KeyTable", "add_id", "ids_of", "seal"]

K = TypeVar("K", bound=Hashable)

#: Key -> the one entity position, or the sorted positions of several (a list while built).
EntityIds = dict[K, int | tuple[int, ...]]


def add_id(table: dict[K, int | list[int] | tuple[int, ...]], key: K, i: int) -> None:
    """Record that entity ``i`` has ``key`` (again: no change)."""
    held = table.get(key)
    if held is None:
        table[key] = i
    elif type(held) is int:
        if held != i:
            table[key] = [held, i] if held < i else [i, held]
    elif type(held) is list:
        if i > held[-1]:  # entities are mostly added in order: one comparison
            held.append(i)
        elif i not in held:
            insort(held, i)
    else:
        raise TypeError("add_id on a sealed table")


def seal(table: dict[K, int | list[int] | tuple[int, ...]]) -> EntityIds[K]:
    """The table with its lists made tuples (in place; returned for convenience)."""
    for key, held in table.items():
        if type(held) is list:
            table[key] = tuple(held)
    return table  # type: ignore[return-value]


_UINT32 = "I" if array("I").itemsize == 4 else "L"


class KeyTable:
    """A sealed table of many string keys (see :data:`EntityIds`) in little memory: the keys
    sorted and joined in one string, where each ends (4 bytes, little-endian), and what each
    holds in one tuple; a key is found by binary search. About 35 bytes a key of 27 letters,
    where a dict of strings takes about 100 (the pinyin stage's derived keys: 1.3 million at
    100,000 entities). Read as the dict it stands for: :meth:`get` (so :func:`ids_of`), ``in``,
    ``len``, iteration in sorted order, :meth:`values`.

    Examples
    --------
    >>> t = KeyTable({"xigongda": 3, "beihang": (1, 2)})
    >>> t.get("beihang"), t.get("xigongda"), t.get("xigong"), "xigongda" in t, list(t)
    ((1, 2), 3, None, True, ['beihang', 'xigongda'])
    """

    __slots__ = ("_ends", "_held", "_text")

    def __init__(self, table: Mapping[str, int | tuple[int, ...]]):
        keys = sorted(table)
        self._text = "".join(keys)
        ends = array(_UINT32)
        end = 0
        for key in keys:
            end += len(key)
            ends.append(end)  # (OverflowError past 4 GB of keys)
        if sys.byteorder == "big":
            ends.byteswap()
        self._ends: bytes = ends.tobytes()
        self._held: tuple[int | tuple[int, ...], ...] = tuple(table[key] for key in keys)

    def _key(self, k: int) -> str:
        ends = self._ends
        start = int.from_bytes(ends[4 * k - 4 : 4 * k], "little") if k else 0
        return self._text[start : int.from_bytes(ends[4 * k : 4 * k + 4], "little")]

    def get(self, key: str, default: Any = None) -> Any:
        """What ``key`` holds (an entity's position, or a tuple of several), else ``default``."""
        lo, hi = 0, len(self._held)
        while lo < hi:
            mid = (lo + hi) // 2
            probe = self._key(mid)
            if probe < key:
                lo = mid + 1
            elif probe > key:
                hi = mid
            else:
                return self._held[mid]
        return default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __len__(self) -> int:
        return len(self._held)

    def __iter__(self) -> Iterator[str]:
        return (self._key(k) for k in range(len(self._held)))

    def values(self) -> tuple[int | tuple[int, ...], ...]:
        """What each key holds, in the keys' (sorted) order."""
        return self._held


def ids_of(table: EntityIds[K] | KeyTable, key: K) -> tuple[int, ...]:
    """The positions of the entities that have ``key``, ascending (``()`` for none)."""
    held = table.get(key)
    if held is None:
        return ()
    if type(held) is int:
        return (held,)
    return held  # type: ignore[return-value]
