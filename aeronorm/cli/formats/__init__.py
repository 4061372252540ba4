"""The table formats of ``aeronorm normalize``: which one a file is, and what their writers share.

Each format module has ``run(job, out)``: read ``job.source``, resolve the column through
``job.resolver`` chunk by chunk, write to the binary stream ``out``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from ..errors import CLIError
from .job import Job, chunks, split_eol

__all__ = ["FORMATS", "SPREADSHEETS", "Job", "chunks", "input_format", "output_format", "runner", "split_eol"]

#: File formats and the extensions that select them (each text format optionally ``.gz``).
FORMATS: dict[str, tuple[str, ...]] = {
    "csv": (".csv",),
    "tsv": (".tsv", ".tab"),
    "jsonl": (".jsonl", ".ndjson"),
    "parquet": (".parquet", ".pq"),
}
_TABULAR = ("csv", "tsv")
#: Spreadsheet files, which are not read: the sheet is to be saved as CSV.
SPREADSHEETS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".numbers")


def _format_by_name(path: str) -> str | None:
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for fmt, exts in FORMATS.items():
        if name.endswith(exts):
            return fmt
    return None


def input_format(path: str, given: str | None) -> str:
    """``--format``, else INPUT's extension, else csv for stdin."""
    if given is not None:
        return given
    fmt = _format_by_name(path) if path != "-" else "csv"
    if fmt is None and path.lower().endswith(SPREADSHEETS):
        raise CLIError(f"INPUT {path!r} is a spreadsheet workbook, which aeronorm does not read: save the "
                       "sheet as CSV (UTF-8) and give that file")
    if fmt is None:
        known = ", ".join(e for exts in FORMATS.values() for e in exts)
        raise CLIError(f"cannot tell the format of INPUT {path!r} from its extension ({known}, each also "
                       ".gz): give it with --format")
    return fmt


def output_format(path: str, given: str | None, fmt_in: str) -> str:
    """``--output-format``, else OUTPUT's extension when it is a known one, else INPUT's format;
    only CSV and TSV convert into each other."""
    fmt = given or (_format_by_name(path) if path != "-" else None) or fmt_in
    if fmt != fmt_in and not (fmt in _TABULAR and fmt_in in _TABULAR):
        how = "--output-format" if given else f"the extension of OUTPUT {path!r}"
        raise CLIError(f"cannot write {fmt_in} INPUT as {fmt} ({how}): only CSV and TSV convert into each "
                       f"other; give OUTPUT a {FORMATS[fmt_in][0]} name or --output-format {fmt_in}")
    return fmt


def runner(fmt: str) -> Callable[[Job, IO[bytes]], None]:
    """The ``run`` function of a format."""
    if fmt in _TABULAR:
        from .delimited import run
    elif fmt == "jsonl":
        from .jsonl import run
    else:
        from .parquet import run
    return run
