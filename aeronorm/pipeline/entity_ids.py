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

from bisect import insort
from collections.abc import Hashable
from typing import TypeVar

__all__ = ["EntityIds", "add_id", "ids_of", "seal"]

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


def ids_of(table: EntityIds[K], key: K) -> tuple[int, ...]:
    """The positions of the entities that have ``key``, ascending (``()`` for none)."""
    held = table.get(key)
    if held is None:
        return ()
    if type(held) is int:
        return (held,)
    return held  # type: ignore[return-value]
