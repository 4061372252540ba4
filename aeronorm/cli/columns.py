"""The columns ``aeronorm normalize`` adds: their names, where they go, how their cells are written.

Existing columns are never overwritten or duplicated silently: when a name the command would
write is already a column (a field of a JSON record, a Parquet field), the command stops with the
names, unless ``--prefix NAME`` picks other names or ``--overwrite-columns`` says to replace them
(in place, at their position). The input column itself is never replaced.

Cells written into CSV and TSV that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return get a leading ``'`` (``--no-formula-guard`` turns it off), so that a name from an untrusted
glossary cannot run as a spreadsheet formula; the user's own columns are never changed. A tab or
line break cannot occur in a TSV cell: in the cells aeronorm writes into TSV each becomes a space.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import CLIError
from .resolve import Result

__all__ = ["FORMULA_START", "SUFFIXES", "csv_cell", "guard_formula", "listed", "missing_field", "near_names",
           "new_names", "placement", "score_text", "text_cells"]

SUFFIXES = ("canonical", "id", "score", "method")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TSV_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def new_names(column: str, *, prefix: str | None, evidence: bool) -> list[str]:
    """``COL_canonical``, ``COL_id``, ``COL_score``, ``COL_method`` (and ``COL_evidence``),
    with ``prefix`` in place of ``COL`` when given."""
    stem = column if prefix is None else prefix
    return [f"{stem}_{s}" for s in (*SUFFIXES, *(("evidence",) if evidence else ()))]


def listed(names: Sequence[str], limit: int = 20) -> str:
    """Column names for a message, each quoted (a stray space shows: ``'id', ' org'``)."""
    return ", ".join(repr(n) for n in names[:limit]) + (", ..." if len(names) > limit else "")


def near_names(column: str, names: Sequence[str]) -> str:
    """``"; did you mean ' org'?"`` when some of ``names`` differ from ``column`` only in spaces or
    case (a header with stray spaces), else ``""``."""
    key = " ".join(column.split()).casefold()
    close = list(dict.fromkeys(n for n in names if n != column and " ".join(n.split()).casefold() == key))
    return f"; did you mean {' or '.join(repr(n) for n in close[:3])}?" if close else ""


def missing_field(column: str, source: str, first: Sequence[str]) -> str:
    """The message when no JSON record of ``source`` has the field ``column`` (``first``: the
    fields of the first record)."""
    message = (f"no record of {source} has a field {column!r} (fields of the first record: "
               f"{listed(first) or 'none'}){near_names(column, first)}")
    head, _, rest = column.partition(".")
    if rest and head in first:
        message += f"; only top-level fields are read: {column!r} does not name {rest!r} inside {head!r}"
    return message


def placement(existing: Sequence[str], names: Sequence[str], *, column: str, overwrite: bool,
              source: str, noun: str = "column") -> list[int | None]:
    """Where each new column goes: the position of the existing column it replaces, or ``None``
    (appended). A :class:`CLIError` names the clashing columns unless ``overwrite``."""
    if column in names:
        raise CLIError(f"the new {noun} {column!r} would replace the input {noun} itself: choose another "
                       "--prefix")
    clash = [n for n in names if n in existing]
    if clash and not overwrite:
        shown = ", ".join(repr(n) for n in clash)
        raise CLIError(f"{source} already has the {noun}{'s' if len(clash) > 1 else ''} {shown} that "
                       "aeronorm would write (an earlier run's output?): use --prefix NAME to write "
                       "NAME_canonical, NAME_id, ... instead, or --overwrite-columns to replace them")
    positions: list[int | None] = []
    for name in names:
        found = [i for i, e in enumerate(existing) if e == name]
        if len(found) > 1:
            raise CLIError(f"{source} has the column {name!r} {len(found)} times: --overwrite-columns cannot "
                           "tell which one to replace")
        positions.append(found[0] if found else None)
    return positions


def score_text(score: Any) -> str:
    return "" if score is None else repr(round(float(score), 4))


def guard_formula(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def text_cells(result: Result, *, evidence: bool, guard: bool, tsv: bool) -> list[str]:
    """The new cells of one row as text (not yet quoted)."""
    canonical, eid, score, method, why = result
    cells = [canonical if isinstance(canonical, str) else "", eid or "", score_text(score), method or ""]
    if evidence:
        cells.append(why or "")
    if guard:
        cells = [guard_formula(c) for c in cells]
    if tsv:
        cells = [c.translate(_TSV_BREAKS) for c in cells]
    return cells


def csv_cell(cell: str, delimiter: str = ",") -> str:
    """``cell`` as CSV writes it with minimal quoting: quoted when it holds the delimiter, a quote,
    a carriage return or a line feed (Python's writer misses a bare CR when the line terminator is
    ``\\n``)."""
    if delimiter in cell or '"' in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell
