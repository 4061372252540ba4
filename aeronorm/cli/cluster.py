"""``aeronorm cluster``: a column's values grouped by entity, a draft glossary and a review table.

The column is read whole (CSV, TSV, JSON Lines or Parquet, as ``normalize`` reads them), its
distinct values clustered (:func:`aeronorm.clustering.cluster`), and up to three outputs written,
each atomically and never over a file read:

* the draft glossary (``-o``, default stdout), in the shipped format: YAML for ``.yaml``/``.yml``
  (and stdout, a pipe, a device), JSON for ``.json``; one entity per cluster of ``--min-size``
  values or more, ready for ``--glossary``. Any other name is refused (``--glossary`` could not
  read it back);
* ``--review FILE``: every distinct value with its cluster, count and the evidence that joined
  it, as CSV, TSV, JSON Lines or Parquet by the extension (the first three also ``.gz``); any
  other extension is refused, and so is a TSV review of a value holding a tab or a line break;
* ``--html FILE``: the review page, each cluster with its evidence.

Every output is checked before the column is read (its folder exists and takes a new file, it is
no directory nor a file read), all are made in memory, then the files written into temporary
files, then the stream (stdout, a device) written, and only then the files renamed into place
together: a failure leaves every previous file as it was. A value holding a lone surrogate
(``"\\ud800"`` in JSON Lines), which no output can write unchanged, is refused before any.

``--units with_parent`` rolls units and subsidiaries up into their parent's cluster
(:mod:`aeronorm.clustering.units`); by default they stay entities of their own.

Without ``--anchor`` or ``--glossary`` no known entity is used (the shipped term lexicon is the
vocabulary); with them, values the matcher resolves are anchored to their entities first.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from typing import Any

from .atomic import Output, write_together
from .columns import guard_formula, listed, missing_field, near_names
from .errors import CLIError
from .files import Lines, Source, check_glossary_paths, refuse_alias, stat_path
from .formats import FORMATS, input_format

__all__ = ["add_cluster_parser", "cmd_cluster", "read_column"]


def add_cluster_parser(sub: argparse._SubParsersAction) -> None:
    """The ``cluster`` subcommand's options."""
    p = sub.add_parser("cluster", help="group a column's values by entity; write a draft glossary to review",
                       description="Cluster the distinct values of a column that name the same entity "
                                   "(translations, acronyms, pinyin, Chinese, typos), and write a draft "
                                   "glossary (YAML) with a review table.")
    p.add_argument("input", metavar="INPUT", help="input file (CSV, TSV, JSONL, Parquet), or - for stdin")
    p.add_argument("--column", "-c", required=True, metavar="COL", help="the column of names")
    p.add_argument("--output", "-o", default=None, metavar="DRAFT",
                   help="the draft glossary: .yaml/.yml (YAML) or .json (JSON) (default: YAML on stdout)")
    p.add_argument("--review", metavar="FILE", default=None,
                   help="also write the review table: every value, its cluster and evidence "
                        "(.csv, .tsv, .jsonl, each also .gz, or .parquet)")
    p.add_argument("--html", metavar="FILE", default=None, help="also write the review page (HTML)")
    p.add_argument("--format", "-f", choices=("csv", "tsv", "jsonl", "parquet"), default=None,
                   help="format of INPUT when it is - or has no known extension (default: csv for stdin)")
    p.add_argument("--min-size", type=int, default=2, metavar="N",
                   help="clusters of fewer values stay out of the draft glossary (default: 2)")
    p.add_argument("--threshold", type=float, default=None,
                   help="lowest evidence score that joins two values (0..1; default 0.8)")
    p.add_argument("--type", "-t", default=None, help="entity type of the draft's entities (default: org)")
    p.add_argument("--units", default="apart", metavar="{apart,with_parent}",
                   help="apart (default): a unit (an institute of X, X's Shenzhen subsidiary) is an entity "
                        "of its own; with_parent: units join their parent's cluster, which keeps the "
                        "parent's name (an entity with its units and subsidiaries)")
    known = p.add_argument_group("known entities (off by default: a column no glossary covers)")
    known.add_argument("--anchor", action="store_true",
                       help="anchor values the shipped glossary resolves to its entities")
    known.add_argument("--glossary", "-g", action="extend", nargs="+", default=[], metavar="FILE",
                       help="anchor to these glossary files too (implies --anchor)")
    known.add_argument("--no-default-glossary", action="store_true",
                       help="anchor to the --glossary files only, not the shipped glossary")
    p.add_argument("--no-summary", action="store_true", help="do not print the summary")
    p.set_defaults(func=cmd_cluster)


def cmd_cluster(args: argparse.Namespace) -> int:
    from ..clustering import cluster
    from ..clustering.export import REVIEW_COLUMNS, clusters_html, glossary_json, review_rows

    fmt_in = input_format(args.input, args.format)
    draft_by_default = args.output is None
    if draft_by_default:
        args.output = "-"
    _check(args)
    source = Source(args.input)
    reads = [(f"INPUT {source.name}", source.stat)] if source.stat is not None else []
    reads += check_glossary_paths(args.glossary)
    outputs: list[tuple[str, str, Output]] = []  # (label, format, output)
    for label, path in (("OUTPUT", args.output), ("--review", args.review), ("--html", args.html)):
        if path is None:
            continue
        st = _stdout_stat() if path == "-" else stat_path(path, what=f"{label} ", verb="write")
        refuse_alias(f"{label} {'stdout' if path == '-' else path}", st, reads)
        st = None if path == "-" else st
        if label == "OUTPUT":
            fmt, compress = _draft_format(path, st), False
        elif label == "--review":
            fmt, compress = _review_format(path, st)
        else:
            fmt, compress = "html", None  # compressed when the name ends in .gz
        outputs.append((label, fmt, Output(path, st=st, compress=compress)))
    names = [p for _, _, o in outputs for p in [o.target] if p != "-"]
    if len(set(names)) != len(names):
        raise CLIError("the draft glossary, --review and --html must be three different files")
    if sum(o.path == "-" for _, _, o in outputs) > 1:
        others = [label for label, _, o in outputs if o.path == "-" and label != "OUTPUT"]
        if draft_by_default and len(others) == 1:
            raise CLIError(f"{others[0]} cannot go to stdout (-): the draft glossary (-o) goes there by "
                           "default; give -o DRAFT.yaml to write the draft to a file")
        raise CLIError("only one of the draft glossary (-o), --review and --html can go to stdout (-)"
                       + (" (the draft goes there unless -o names a file)" if draft_by_default else ""))
    for _, _, output in outputs:
        output.check()  # a missing folder fails now, not after the work

    values, stats = read_column(source, fmt_in, args.column)
    if stats.unwritable is not None:
        _refuse_surrogate(source.name, *stats.unwritable, outputs)
    anchor = _anchor_glossary(args)
    clusters = cluster(values, glossary=anchor, threshold=args.threshold, type=args.type, units=args.units)
    header = (f"Draft glossary proposed by `aeronorm cluster` from {source.name}, column {args.column!r}.\n"
              "Review it before use: merge, split or rename entities, then pass it with --glossary.")
    contents = []  # every output made before any is written
    for label, fmt, output in outputs:
        if label == "OUTPUT":
            data = (glossary_json(clusters, min_size=args.min_size) if fmt == "json"
                    else clusters.to_yaml(min_size=args.min_size, header=header)).encode("utf-8")
        elif label == "--html":
            title = f"aeronorm cluster: {source.name}, column {args.column}"
            data = clusters_html(clusters, title=title, limit=None).encode("utf-8")
        else:
            data = _review_table(REVIEW_COLUMNS, review_rows(clusters), fmt, name=output.name)
        contents.append((output, data))
    # Files first, each into its temporary file, then stdout or any stream; all files renamed
    # into place at the end: a failure before then leaves every previous file as it was.
    write_together(contents)
    if not args.no_summary:
        sys.stderr.write(_summary(clusters, stats, args))
    return 0


def _check(args: argparse.Namespace) -> None:
    from ..clustering.units import check_units
    from .build import check_options

    check_options(args)  # type, threshold and glossaries, as every command checks them
    try:
        check_units(args.units)
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    if args.min_size < 1:
        raise CLIError(f"--min-size must be 1 or more, got {args.min_size}")


def _anchor_glossary(args: argparse.Namespace) -> Any:
    if not (args.anchor or args.glossary):
        return None
    from ..glossary import Glossary

    glossary = Glossary.load(*args.glossary) if args.glossary else Glossary()
    return glossary if args.no_default_glossary else Glossary.default() + glossary


# -- reading the column -------------------------------------------------------------------------
class ColumnStats:
    """What reading the column saw."""

    def __init__(self) -> None:
        self.rows = 0
        self.absent = 0  # no cell at all (a short CSV row, a JSON record without the field)
        self.not_text = 0  # a number, a list, ... in JSON or Parquet: not a name, left out
        self.unwritable: tuple[str, str] | None = None  # (where, value): the first with a lone surrogate


def read_column(source: Source, fmt: str, column: str) -> tuple[list[Any], ColumnStats]:
    """The column's cells (strings and missing values) and what reading saw."""
    stats = ColumnStats()
    if fmt in ("csv", "tsv"):
        cells: Iterator[Any] = _delimited(source, fmt, column, stats)
    elif fmt == "jsonl":
        cells = _jsonl(source, column, stats)
    else:
        cells = _parquet(source, column)
    values = []
    for cell in cells:
        stats.rows += 1
        if cell is None or isinstance(cell, str):
            values.append(cell)
            if stats.unwritable is None and isinstance(cell, str) and _SURROGATE.search(cell):
                stats.unwritable = (f"row {stats.rows}", cell)
        elif isinstance(cell, float) and cell != cell:  # NaN
            values.append(None)
        else:
            stats.not_text += 1
    return values, stats


def _delimited(source: Source, fmt: str, column: str, stats: ColumnStats) -> Iterator[Any]:
    from .formats.delimited import check_width, records

    col = None
    header: list[str] = []
    for number, cells, _ in records(Lines(source, universal=True), fmt):
        if cells is None:
            continue  # a blank line is not a record
        if col is not None and len(cells) > len(header):
            check_width(source.name, fmt, number, cells, header)  # a value cut at a comma: refused
        if col is None:
            header = cells
            found = [i for i, name in enumerate(cells) if name == column]
            if len(found) != 1:
                how = f"appears {len(found)} times" if found else "is not"
                raise CLIError(f"the column {column!r} {how} in the header of {source.name} "
                               f"(columns: {listed(cells)}){'' if found else near_names(column, cells)}")
            col = found[0]
            continue
        if col < len(cells):
            yield cells[col]
        else:
            stats.absent += 1
    if col is None:
        raise CLIError(f"{source.name}: empty file, no header row")


def _jsonl(source: Source, column: str, stats: ColumnStats) -> Iterator[Any]:
    lines = Lines(source, universal=False)
    seen = False
    first: list[str] | None = None
    for line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CLIError(f"{source.name} line {lines.number}: not valid JSON ({exc.msg}, "
                           f"column {exc.colno})") from None
        except RecursionError:
            raise CLIError(f"{source.name} line {lines.number}: not readable: JSON nested too "
                           "deeply") from None
        if not isinstance(obj, dict):
            raise CLIError(f"{source.name} line {lines.number}: expected a JSON object, got "
                           f"{type(obj).__name__}")
        if first is None:
            first = list(obj)
        if column in obj:
            seen = True
            value = obj[column]
            if stats.unwritable is None and isinstance(value, str) and _SURROGATE.search(value):
                stats.unwritable = (f"line {lines.number}", value)
            yield value
        else:
            stats.absent += 1
    if not seen and stats.absent:
        raise CLIError(missing_field(column, source.name, first or []))


def _parquet(source: Source, column: str) -> Iterator[Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CLIError("Parquet needs pyarrow: pip install 'aeronorm[pandas]'") from None
    try:
        where: Any = source.path if source.regular else pa.BufferReader(source.open().read())
        pf = pq.ParquetFile(where)
        names = pf.schema_arrow.names
        if column not in names:
            raise CLIError(f"no column {column!r} in {source.name} (columns: {listed(names)})"
                           f"{near_names(column, names)}")
        for batch in pf.iter_batches(columns=[column]):
            yield from batch.column(0).to_pylist()
    except (pa.ArrowException, OSError) as exc:
        raise CLIError(f"cannot read {source.name} as Parquet: {exc}") from None
    finally:
        source.close()


# -- writing ------------------------------------------------------------------------------------
_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r]")


def _refuse_surrogate(source: str, where: str, value: str, outputs: list[tuple[str, str, Output]]) -> None:
    """A value holding a lone surrogate (``"\\ud800"`` in JSON, which ``normalize`` copies as it is)
    is no text UTF-8 can write: the draft would name it with U+FFFD, CSV, TSV, Parquet and HTML
    cannot hold it. Refused, naming the value and the outputs, before any is written."""
    shown = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    char = _SURROGATE.search(value).group()  # type: ignore[union-attr]
    names = {"OUTPUT": "the draft glossary", "--review": "the review table", "--html": "the review page"}
    targets = [f"{names[label]} ({'stdout' if o.path == '-' else o.path})" for label, _, o in outputs]
    listed_ = " and ".join([", ".join(targets[:-1]), targets[-1]] if len(targets) > 1 else targets)
    raise CLIError(f"{source} {where}: the value \"{shown}\" holds a lone surrogate (\\u{ord(char):04x}), "
                   f"which UTF-8 cannot write: {listed_} would have to change it; nothing was written. "
                   f"Fix the value in {source}")


_DRAFT_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def _stream(st: os.stat_result | None) -> bool:
    """An existing FIFO or device (``/dev/stdout``): no name to tell a format by."""
    return st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode)


def _draft_format(path: str, st: os.stat_result | None) -> str:
    """'yaml' or 'json', by the extension of DRAFT (YAML for stdout, a FIFO or a device); any
    other name is refused: ``--glossary`` reads a draft back from .yaml, .yml and .json only."""
    name = path.lower()
    if path == "-" or _stream(st):
        return "yaml"
    for ext, fmt in _DRAFT_FORMATS.items():
        if name.endswith(ext):
            return fmt
    ends = os.path.splitext(name)[1]
    if ends == ".gz":
        why = "it is not compressed (--glossary does not read .gz files)"
    elif ends in (".csv", ".tsv", ".tab"):
        why = ("a CSV or TSV glossary cannot hold every draft (it splits values at '|' and keeps no "
               "comments)")
    else:
        why = "cannot tell its format from " + (f"the extension {ends!r}" if ends
                                                else "a name without extension")
    raise CLIError(f"cannot write the draft glossary to {path!r}: {why}; name it .yaml or .yml (YAML) or "
                   ".json (JSON), the formats --glossary reads back")


def _review_format(path: str, st: os.stat_result | None) -> tuple[str, bool]:
    """The format of ``--review`` (csv, tsv, jsonl or parquet) by its extension, each text format
    optionally ``.gz``, and whether to compress; CSV for stdout, a FIFO or a device."""
    if path == "-" or _stream(st):
        return "csv", False
    name = path.lower()
    gz = name.endswith(".gz")
    base = name[:-3] if gz else name
    for fmt, exts in FORMATS.items():
        if base.endswith(exts):
            if fmt == "parquet" and gz:
                raise CLIError(f"cannot write --review {path!r}: Parquet is compressed within; name it .csv, "
                               ".tsv, .jsonl or .parquet (the first three also .gz)")
            if fmt == "parquet":
                try:
                    import pyarrow  # noqa: F401
                except ImportError:
                    raise CLIError("--review as Parquet needs pyarrow: pip install 'aeronorm[pandas]'"
                                   ) from None
            return fmt, gz
    raise CLIError(f"cannot tell the format of --review {path!r} from its extension: name it .csv, .tsv, "
                   ".jsonl or .parquet (the first three also .gz)")


def _review_table(columns: tuple[str, ...], rows: list[tuple[Any, ...]], fmt: str, *,
                  name: str = "") -> bytes:
    """The review table in ``fmt``: CSV and TSV as :func:`_table`, JSON Lines one object a row,
    Parquet typed columns."""
    if fmt in ("csv", "tsv"):
        return _table(columns, rows, tsv=fmt == "tsv", name=name)
    if fmt == "jsonl":
        from .formats.jsonl import dumps

        return "".join(dumps(dict(zip(columns, row, strict=True))) + "\n" for row in rows).encode("utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"size": pa.int64(), "count": pa.int64(), "confidence": pa.float64(), "score": pa.float64()}
    table = pa.table({c: pa.array([row[i] for row in rows], types.get(c, pa.string()))
                      for i, c in enumerate(columns)})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _table(columns: tuple[str, ...], rows: list[tuple[Any, ...]], *, tsv: bool, name: str = "") -> bytes:
    """The review table as CSV (or TSV): cells a spreadsheet would run as formulas get a ``'``.

    A TSV cell cannot hold a tab or a line break. In the cells aeronorm writes each becomes a
    space, as ``normalize`` writes them; a column's own value (``value``, ``via``) holding one is
    refused, as ``normalize`` refuses to convert such a CSV cell to TSV: changed, it would no
    longer join back to the column."""
    text = io.StringIO()
    if tsv:
        for row in rows:
            for column, cell in zip(columns, row, strict=True):
                if column in ("value", "via") and isinstance(cell, str) and _BREAKS.search(cell):
                    what = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}[
                        _BREAKS.search(cell).group()]  # type: ignore[union-attr]
                    shown = cell if len(cell) <= 80 else cell[:77] + "..."
                    raise CLIError(f"cannot write --review {name} as TSV: the value {shown!r} holds {what}, "
                                   "which a TSV cell cannot; name the review table .csv or .jsonl, which "
                                   "keep it")
        clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
        text.write("\t".join(columns) + "\n")
        for row in rows:
            text.write("\t".join(guard_formula(_cell(v)).translate(clean) for v in row) + "\n")
    else:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([guard_formula(_cell(v)) for v in row] for row in rows)
    return text.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 4))
    return str(value)


def _summary(clusters: Any, stats: ColumnStats, args: argparse.Namespace) -> str:
    groups = clusters.groups(min_size=args.min_size)
    values = sum(len(c.members) for c in clusters)
    grouped = sum(len(c.members) for c in groups)
    anchored = sum(1 for c in clusters if c.entity_id)
    lines = [f"\naeronorm: {stats.rows:,} rows, {values:,} distinct values, {clusters.missing:,} missing"
             + (f", {stats.absent:,} absent" if stats.absent else "")
             + (f", {stats.not_text:,} not text (left out)" if stats.not_text else "")
             + (f", {len(clusters.left_out):,} placeholders or punctuation only (left out, in the review"
                " table)" if clusters.left_out else "")]
    units = sum(1 for c in clusters for m in c.members if m.evidence and m.evidence.kind == "unit")
    lines.append(f"  {len(groups):,} clusters of {args.min_size}+ values hold {grouped:,} values"
                 + (f"; {anchored:,} anchored to known entities" if anchored else "")
                 + (f"; {units:,} units joined their parent's cluster" if units else ""))
    drafted = len(clusters.to_records(min_size=args.min_size))
    where = "stdout" if args.output == "-" else args.output
    lines.append(f"  draft glossary: {drafted:,} entities -> {where}")
    if args.review:
        lines.append(f"  review table: {'stdout' if args.review == '-' else args.review}")
    if args.html:
        lines.append(f"  review page: {'stdout' if args.html == '-' else args.html}")
    return "\n".join(lines) + "\n"


def _stdout_stat() -> os.stat_result | None:
    try:
        return os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return None
