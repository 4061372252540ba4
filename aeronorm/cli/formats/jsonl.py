"""JSON Lines: each record's text kept, the new fields spliced in before its closing brace.

* A record is never re-serialised: its text up to the final ``}`` is copied byte for byte, so
  numbers (``3.141592653589793238``, ``1E5``, ``1e400``), duplicate keys, escapes (a lone
  surrogate ``\\ud800`` included), key order and spacing all survive. The new fields are written
  as standard JSON (never ``NaN`` or ``Infinity``); a lone surrogate in a value aeronorm copies is
  written as an escape.
* Each line must be a JSON object (an error names the line otherwise). A blank line is not a
  record: it is skipped (not written) and counted in the summary.
* A record without the column is a missing value: its new fields are ``null`` and the summary
  counts it as absent. When no record at all has the column, the command fails (a misspelt
  column), naming the fields of the first record, and writes nothing: the records before the
  first one with the column are held back (in memory, then a temporary file) until it comes.
* A value that is not a string (a number, a list, ``true``) is not a name: its new fields are
  ``null``, the summary counts it.
* A record that already has a field aeronorm would write is an error naming the line and the
  fields, unless ``--prefix`` or ``--overwrite-columns``; with the latter, that record's other
  members are kept byte-identical and joined with ``", "``, its old fields left out.
"""

from __future__ import annotations

import io
import json
import json.decoder
import shutil
import tempfile
from typing import IO, Any

from ..columns import missing_field, placement
from ..errors import CLIError
from ..files import Lines
from ..resolve import ABSENT
from .job import Job, chunks, split_eol

__all__ = ["dumps", "members", "run"]

_DECODER = json.JSONDecoder()
_HOLD_BYTES = 1 << 24  # records held back in memory before the first with the column; then on disk
_WS = " \t\n\r"


def dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: write it as an escape
        text = json.dumps(value, ensure_ascii=True, allow_nan=False)
    return text


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def members(body: str) -> tuple[int, list[tuple[str, int, int]]]:
    """The position of the opening brace of the JSON object ``body`` (already known to be valid)
    and each top-level member as (key, start, end) offsets into ``body``."""
    brace = _skip(body, 0)
    i = _skip(body, brace + 1)
    found: list[tuple[str, int, int]] = []
    if body[i] == "}":
        return brace, found
    while True:
        start = i
        key, i = json.decoder.scanstring(body, i + 1)
        i = _skip(body, _skip(body, i) + 1)  # past the colon
        _, i = _DECODER.scan_once(body, i)
        found.append((key, start, i))
        i = _skip(body, i)
        if body[i] == "}":
            return brace, found
        i = _skip(body, i + 1)  # past the comma


def run(job: Job, out: IO[bytes]) -> None:
    source = job.source
    name = source.name
    lines = Lines(source, universal=False)
    stats = job.resolver.stats
    stats.blank_lines_kept = False
    column, new = job.column, job.names
    keys = [dumps(k) for k in new]
    first_fields: list[str] | None = None
    has_column = False

    def parsed() -> Any:
        for line in lines:
            body, eol = split_eol(line)
            if not body.strip():
                yield lines.number, None, body, eol
                continue
            try:
                obj = json.loads(body)
            except json.JSONDecodeError as exc:
                raise CLIError(f"{name} line {lines.number}: not valid JSON ({exc.msg}, column "
                               f"{exc.colno})") from None
            except RecursionError:
                raise CLIError(f"{name} line {lines.number}: not readable: JSON nested too deeply") from None
            if not isinstance(obj, dict):
                raise CLIError(f"{name} line {lines.number}: expected a JSON object, got "
                               f"{type(obj).__name__}")
            yield lines.number, obj, body, eol

    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    # Until a record has the column, nothing is written: a misspelt column writes nothing.
    held: IO[str] | None = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed in the finally below)
        max_size=_HOLD_BYTES, mode="w+", encoding="utf-8", newline="")
    sink: IO[str] = held

    def release() -> None:
        nonlocal held, sink
        if held is not None:
            held.seek(0)
            shutil.copyfileobj(held, text)
            held.close()
            held, sink = None, text

    try:
        first = True
        for chunk in chunks(parsed(), rows=job.chunk_rows, chars=job.chunk_chars, text=2):
            if first and lines.bom:
                sink.write("\ufeff")
            first = False
            values = [obj.get(column, ABSENT) for _, obj, _, _ in chunk if obj is not None]
            results = iter(job.resolver.rows(values))
            for number, obj, body, eol in chunk:
                if obj is None:
                    stats.blank_lines += 1
                    continue
                if first_fields is None:
                    first_fields = list(obj)
                if not has_column and column in obj:
                    has_column = True
                    release()
                res = next(results)
                cells = [res[0] if isinstance(res[0], str) else None, res[1], res[2], res[3]]
                if job.evidence:
                    cells.append(res[4])
                added = ", ".join(f"{k}: {dumps(v)}" for k, v in zip(keys, cells, strict=True))
                if any(k in obj for k in new):
                    placement(list(obj), new, column=column, overwrite=job.overwrite,
                              source=f"{name} line {number}", noun="field")
                    brace, spans = members(body)
                    kept = [body[s:e] for k, s, e in spans if k not in new]
                    body = body[:brace] + "{" + ", ".join([*kept, added]) + "}"
                else:
                    end = len(body.rstrip(_WS)) - 1  # the closing brace
                    body = body[:end] + (", " if obj else "") + added + body[end:]
                try:
                    sink.write(body + eol)
                except UnicodeEncodeError as exc:
                    raise CLIError(f"{name} line {number}: cannot write the record as UTF-8: {exc.reason}") \
                        from None
        if first_fields is not None and not has_column:
            raise CLIError(missing_field(column, name, first_fields))
        release()  # no record at all (blank lines only): the BOM, if any
        text.flush()
    finally:
        if held is not None:
            held.close()
        text.detach()
