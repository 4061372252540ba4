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
from bisect import bisect_right, insort
from collections.abc import Hashable, Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from rapidfuzz.distance import Prefix

__all__ = ["EntityIds", "KeyTable", "add_id", "add_ids", "ids_of", "seal"]

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


def add_ids(table: dict[K, int | list[int] | tuple[int, ...]], keys: set[K] | frozenset[K], i: int) -> None:
    """:func:`add_id` of each of ``keys``: the keys new to the table (most are) put in at once,
    in C, not one call each."""
    new = keys.difference(table)  # (a set minus a dict's keys: one pass over the set, in C)
    if len(new) != len(keys):
        for key in keys.difference(new):
            add_id(table, key, i)
    # (pairs, not a dict.fromkeys: an empty table would take that dict's keys layout, the
    # general one, 8 bytes a key more than a table of str keys, and keep it as it grows)
    table.update(zip(new, repeat(i)))


def seal(table: dict[K, int | list[int] | tuple[int, ...]]) -> EntityIds[K]:
    """The table with its lists made tuples (in place; returned for convenience)."""
    for key, held in table.items():
        if type(held) is list:
            table[key] = tuple(held)
    return table  # type: ignore[return-value]


_UINT32 = "I" if array("I").itemsize == 4 else "L"
_INT32 = "i" if array("i").itemsize == 4 else "l"
_BLOCK = 16  # keys per block: a look-up reads at most this many after its binary search


class KeyTable:
    """A sealed table of many string keys (see :data:`EntityIds`) in little memory: the keys
    sorted, front-coded in blocks of 16 in one string (each key after a block's first as the
    length of what it shares with the key before it, the length of the rest, and the rest: keys
    sorted share most of their letters with their neighbours), where each block starts (4 bytes,
    little-endian), and what each key holds packed in 4 bytes (an entity's position, or where
    a tuple of several is). A key is found by binary search over the blocks' first keys (a list
    of them, searched in C: 5 µs a look-up where reading them out of the string took 11), then
    in its block. About 17 bytes a key of 27 letters, where a dict of strings takes about 100
    (the pinyin stage's derived keys: 1.3 million at 100,000 entities). Read as the dict it
    stands for: :meth:`get` (so :func:`ids_of`), ``in``, ``len``, iteration in sorted order,
    :meth:`values`.

    Examples
    --------
    >>> t = KeyTable({"xigongda": 3, "beihang": (1, 2)})
    >>> t.get("beihang"), t.get("xigongda"), t.get("xigong"), "xigongda" in t, list(t)
    ((1, 2), 3, None, True, ['beihang', 'xigongda'])
    """

    __slots__ = ("_firsts", "_held", "_several", "_size", "_starts", "_text")

    def __init__(self, table: Mapping[str, int | tuple[int, ...]]):
        keys = sorted(table)
        # Block by block (a million keys at 100,000 entities: their pieces are never all there
        # at once): what each key shares with the one before it, found in C, then the block.
        blocks: list[str] = []
        firsts: list[str] = []
        starts = array(_UINT32)
        at = 0
        for b in range(0, len(keys), _BLOCK):
            block = keys[b : b + _BLOCK]
            shared = map(Prefix.similarity, ["", *block[:-1]], block)
            text = "".join([f"{chr(n)}{chr(len(k) - n)}{k[n:]}" for n, k in zip(shared, block, strict=True)])
            blocks.append(text)
            # a copy (the block's own first key): keeping the table's key strings, one in 16,
            # would keep most of the memory pages of the million keys dropped after the build
            firsts.append(text[2 : 2 + len(block[0])])
            starts.append(at)  # (OverflowError past 4 GB of keys)
            at += len(text)
        values = list(map(table.__getitem__, keys))
        several: dict[tuple[int, ...], int] = {}  # each distinct tuple once (-1 - its place)
        for v in values:
            if type(v) is not int:
                several.setdefault(tuple(v), -1 - len(several))
        if several:
            values = [v if type(v) is int else several[tuple(v)] for v in values]
        held = array(_INT32, values)
        if sys.byteorder == "big":
            starts.byteswap()
            held.byteswap()
        self._text = "".join(blocks)
        self._firsts = firsts
        self._starts: bytes = starts.tobytes()
        self._held: bytes = held.tobytes()
        self._several: tuple[tuple[int, ...], ...] = tuple(several)
        self._size = len(keys)

    def _value(self, k: int) -> int | tuple[int, ...]:
        v = int.from_bytes(self._held[4 * k : 4 * k + 4], "little", signed=True)
        return v if v >= 0 else self._several[-1 - v]

    def get(self, key: str, default: Any = None) -> Any:
        """What ``key`` holds (an entity's position, or a tuple of several), else ``default``."""
        b = bisect_right(self._firsts, key) - 1  # the last block whose first key is <= key
        if b < 0:
            return default
        text = self._text
        at = int.from_bytes(self._starts[4 * b : 4 * b + 4], "little")
        probe = ""
        for k in range(b * _BLOCK, min(self._size, b * _BLOCK + _BLOCK)):
            size = ord(text[at + 1])
            probe = probe[: ord(text[at])] + text[at + 2 : at + 2 + size]
            if probe >= key:
                return self._value(k) if probe == key else default
            at += 2 + size
        return default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        text = self._text
        at, key = 0, ""
        for _ in range(self._size):
            size = ord(text[at + 1])
            key = key[: ord(text[at])] + text[at + 2 : at + 2 + size]
            yield key
            at += 2 + size

    def values(self) -> tuple[int | tuple[int, ...], ...]:
        """What each key holds, in the keys' (sorted) order."""
        return tuple(map(self._value, range(self._size)))


def ids_of(table: EntityIds[K] | KeyTable, key: K) -> tuple[int, ...]:
    """The positions of the entities that have ``key``, ascending (``()`` for none)."""
    held = table.get(key)
    if held is None:
        return ()
    if type(held) is int:
        return (held,)
    return held  # type: ignore[return-value]
