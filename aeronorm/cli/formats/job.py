"""What the format modules share: one run's settings, chunking, line terminators (apart from the
package, so that the format modules import it and the package imports them without a cycle)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ..files import Source
    from ..resolve import Resolver

__all__ = ["Job", "chunks", "split_eol"]

T = TypeVar("T")


@dataclass
class Job:
    """One ``aeronorm normalize`` run, as the format modules see it."""

    source: Source
    column: str
    names: list[str]  # the new columns, in order
    fmt_in: str
    fmt_out: str
    resolver: Resolver
    overwrite: bool = False
    evidence: bool = False
    guard: bool = True  # neutralise formulas in the CSV/TSV cells aeronorm writes
    chunk_rows: int = 20_000
    chunk_chars: int = 1 << 24  # a chunk also ends after this much text (rows with huge cells)


def chunks(items: Iterable[T], *, rows: int, chars: int, text: int) -> Iterator[list[T]]:
    """Lists of at most ``rows`` items (tuples), ended early once the lengths of their
    ``item[text]`` pass ``chars``."""
    chunk: list[T] = []
    append = chunk.append
    total = 0
    for item in items:
        append(item)
        total += len(item[text])  # type: ignore[index]
        if total >= chars or len(chunk) >= rows:
            yield chunk
            chunk, total = [], 0
            append = chunk.append
    if chunk:
        yield chunk


def split_eol(line: str) -> tuple[str, str]:
    """``line`` without its terminator (``\\r\\n``, ``\\n``, ``\\r`` or none), and the terminator.

    Lines are split at terminators, so a line holds one, at its end, and stripping the trailing
    CRs and LFs takes exactly it (a JSON line may hold CRs before its LF: whitespace, which then
    counts as its terminator).
    """
    body = line.rstrip("\r\n")
    return body, line[len(body):]
