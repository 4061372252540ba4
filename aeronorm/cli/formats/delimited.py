"""CSV and TSV: every line of INPUT kept as it was, the new cells appended to it.

* **Records are spliced, not rewritten.** Each record's original text (its quoting, its line
  terminator ``\\n``, ``\\r\\n`` or ``\\r``, a BOM at the start of the file) is copied and the new
  cells are appended before its line terminator, so untouched columns stay byte-identical.
  Every record is rewritten value-identically with minimal quoting when converting CSV to TSV
  or back, or with ``--overwrite-columns``.
* **A record longer than the header** is an error naming its line (:func:`check_width`): an
  unquoted comma inside a value (``X Co., Ltd.``) is the usual cause, and reading the cells
  as they fall would cut the value there and match what is left. Extra cells that are empty
  or blank (a trailing comma) cut nothing: such a record is rewritten value-identically with
  minimal quoting, the new cells under their headers and the extra cells after them.
* **A short record** is padded with empty cells up to the header's width.
* **A blank line** is not a record: it is copied as it is (no cells added) and counted in the
  summary. Blank lines before the header are copied too.
* **CSV** follows RFC 4180 as Python's ``csv`` reads it: quoted cells may hold commas, quotes and
  line breaks (a bare CR included). A quote opened and never closed is an error naming the line
  where its record starts, never a swallowed rest of file. A cell may hold up to
  :data:`CELL_LIMIT` characters.
* **TSV** has no quoting: one record per line, cells split at tabs, quotes are ordinary
  characters. A tab or a line break cannot occur inside a TSV cell; converting a CSV cell that
  holds one to TSV is an error naming the line and column.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from typing import IO

from ..columns import csv_cell, listed, near_names, placement, text_cells
from ..errors import CLIError
from ..files import Lines
from ..resolve import ABSENT, Result
from .job import Job, chunks, split_eol

__all__ = ["CELL_LIMIT", "Record", "check_width", "records", "run"]

#: Longest CSV cell read, in characters (Python's default, 131,072, is too small for real text).
CELL_LIMIT = 1 << 24

#: (first physical line, cells or ``None`` for a blank line, original text with its terminator)
Record = tuple[int, "list[str] | None", str]


@contextlib.contextmanager
def _cell_limit(limit: int) -> Iterator[None]:
    previous = csv.field_size_limit(limit)  # process-wide: restored for library callers
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def records(lines: Lines, fmt: str) -> Iterator[Record]:
    """The records of CSV or TSV lines, each with its original text."""
    if fmt == "tsv":
        for number, line in enumerate(lines, 1):
            body, _ = split_eol(line)
            yield number, (body.split("\t") if body else None), line
        return
    name = lines.source.name
    consumed: list[str] = []
    start = 1

    def feed() -> Iterator[str]:
        for line in lines:
            consumed.append(line)
            yield line
        if consumed:  # the reader asked for more lines to finish a record: a quote never closed
            raise CLIError(f"{name} line {start}: a quoted cell is never closed: its opening quote runs to "
                           "the end of the file (an unbalanced \")")

    reader = csv.reader(feed(), strict=False)
    with _cell_limit(CELL_LIMIT):
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise CLIError(f"{name} line {start}: not readable as CSV: {exc}") from None
            raw = "".join(consumed)
            lines_used = len(consumed)
            consumed.clear()
            yield start, (row if row else None), raw
            start += lines_used


def check_width(name: str, fmt: str, number: int, cells: list[str], header: list[str]) -> None:
    """Refuse a record with more cells than the header whose extra cells are not all blank.

    Which cell holds what is then a guess: ``Harbin Institute of Technology, Weihai,12.5`` under
    ``name,amount`` reads as the name "Harbin Institute of Technology" (another body than its
    Weihai campus) and the amount " Weihai". aeronorm does not guess; the fix is in the file.
    """
    width = len(header)
    if len(cells) <= width or not any(c.strip() for c in cells[width:]):
        return
    shown = ", ".join(repr(c if len(c) <= 40 else c[:37] + "...") for c in cells[:6])
    more = ", ..." if len(cells) > 6 else ""
    if fmt == "tsv":
        fix = ("a TSV cell cannot hold a tab: remove the tab from the value, or name the extra column in "
               "the header")
    else:
        fix = 'quote a value that holds a comma ("X Co., Ltd."), or name the extra column in the header'
    raise CLIError(f"{name} line {number}: the record has {len(cells)} cells but the header has {width} "
                   f"({listed(header, 8)}): {shown}{more}; {fix}. aeronorm does not guess which cells "
                   "belong together")


def run(job: Job, out: IO[bytes]) -> None:
    source = job.source
    lines = Lines(source, universal=True)
    recs = records(lines, job.fmt_in)
    delim = "\t" if job.fmt_out == "tsv" else ","
    tsv_out = job.fmt_out == "tsv"
    stats = job.resolver.stats
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        leading: list[str] = []
        for number, header, raw in recs:  # noqa: B007 (number and raw are the header's)
            if header is not None:
                break
            leading.append(raw)
        else:
            raise CLIError(f"{source.name}: empty file, no header row")
        col = _column(header, job.column, source.name)
        positions = placement(header, job.names, column=job.column, overwrite=job.overwrite,
                              source=source.name)
        splice = job.fmt_in == job.fmt_out and all(p is None for p in positions)
        width = len(header)
        # The header goes out with the first chunk of rows: an error in them (a byte that is not
        # UTF-8, an unclosed quote) writes nothing, not a header alone.
        head = ["\ufeff"] if lines.bom else []
        head += leading
        stats.blank_lines += len(leading)

        def rewrite(number: int, cells: list[str], new: list[str], eol: str) -> str:
            """Every cell written anew (minimal quoting), the new ones in their places."""
            row = cells[:width] + [""] * (width - len(cells))
            appended = []
            for cell, pos in zip(new, positions, strict=True):
                if pos is None:
                    appended.append(cell)
                else:
                    row[pos] = cell
            row += appended + cells[width:]
            if tsv_out:
                for i, cell in enumerate(row):
                    if "\t" in cell or "\n" in cell or "\r" in cell:
                        what = repr(header[i]) if i < width else f"{i + 1}"
                        raise CLIError(f"{source.name} line {number}: the cell in column {what} holds a "
                                       "tab or a line break, which TSV cannot hold: write CSV instead")
                return "\t".join(row) + eol
            return ",".join(csv_cell(c) for c in row) + eol

        body, eol = split_eol(raw)
        if splice:
            head.append(body + delim + delim.join(csv_cell(n, delim) if not tsv_out else n for n in job.names)
                        + eol)
        else:
            head.append(rewrite(number, header, list(job.names), eol))

        rendered: dict[Result, str] = {}  # a row's new cells as text, per distinct result

        def appended(res: Result) -> str:
            got = rendered.get(res)
            if got is None:
                if len(rendered) >= 50_000:
                    rendered.clear()
                new = text_cells(res, evidence=job.evidence, guard=job.guard, tsv=tsv_out)
                got = rendered[res] = delim.join(new if tsv_out else [csv_cell(c) for c in new])
            return got

        for chunk in chunks(recs, rows=job.chunk_rows, chars=job.chunk_chars, text=2):
            for number, cells, _ in chunk:
                if cells is not None and len(cells) > width:
                    check_width(source.name, job.fmt_in, number, cells, header)
            values = [(cells[col] if col < len(cells) else ABSENT)
                      for _, cells, _ in chunk if cells is not None]
            results = iter(job.resolver.rows(values))
            out: list[str] = head
            head = []
            for number, cells, raw in chunk:
                if cells is None:
                    stats.blank_lines += 1
                    out.append(raw)
                    continue
                res = next(results)
                body, eol = split_eol(raw)
                if splice and len(cells) <= width:
                    out.append(body + delim * (1 + width - len(cells)) + appended(res) + eol)
                else:
                    new = text_cells(res, evidence=job.evidence, guard=job.guard, tsv=tsv_out)
                    out.append(rewrite(number, cells, new, eol))
            try:
                text.write("".join(out))
            except UnicodeEncodeError:
                _unwritable(out[len(out) - len(chunk):], chunk, source.name)
                raise
        text.write("".join(head))  # a header and no rows
        text.flush()
    finally:
        text.detach()
        recs.close()  # restores the CSV cell limit now, not at garbage collection


def _unwritable(lines: list[str], chunk: list[Record], name: str) -> None:
    """Raise a :class:`CLIError` naming the line of the first output line UTF-8 cannot hold."""
    for line, (number, _, _) in zip(lines, chunk, strict=True):
        try:
            line.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise CLIError(f"{name} line {number}: cannot write the row as UTF-8: {exc.reason}") from None


def _column(header: list[str], column: str, source: str) -> int:
    found = [i for i, name in enumerate(header) if name == column]
    if len(found) == 1:
        return found[0]
    if found:
        where = ", ".join(str(i + 1) for i in found)
        raise CLIError(f"the column {column!r} appears {len(found)} times in the header of {source} (columns "
                       f"{where}): rename all but one")
    raise CLIError(f"no column {column!r} in {source} (columns: {listed(header)})"
                   f"{near_names(column, header)}")
