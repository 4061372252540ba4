"""The ``aeronorm`` command: normalise a column, normalise documents, explain a name, check glossaries.

.. code-block:: text

    aeronorm normalize INPUT --column COL [-o OUTPUT] [--glossary FILE ...]
    aeronorm text FILE ... [--annotate] [--html report.html]
    aeronorm explain NAME
    aeronorm glossary lint [FILE ...]
    aeronorm glossary stats [FILE ...]

``normalize`` reads CSV, TSV, JSONL or Parquet (by extension, ``.gz`` allowed for the text
formats; ``-`` for stdin/stdout with ``--format``), keeps every column and the row order, and
adds ``COL_canonical``, ``COL_id``, ``COL_score`` and ``COL_method``. Text formats are streamed
in chunks, each distinct value resolved once, so memory stays bounded on millions of rows.
A progress bar (tqdm) is drawn on stderr for inputs over a megabyte when stderr is a terminal.

Every failure the user can fix (a missing column, an unreadable file, a malformed glossary, an
unknown format) is one line on stderr and exit status 2; ``glossary lint`` exits 1 when it
finds errors, ``explain`` exits 1 when the name matches nothing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from .normalizer import Normalizer

__all__ = ["FORMATS", "CLIError", "build_parser", "main"]

#: File formats of ``aeronorm normalize`` and the extensions that select them.
FORMATS: dict[str, tuple[str, ...]] = {
    "csv": (".csv",),
    "tsv": (".tsv", ".tab"),
    "jsonl": (".jsonl", ".ndjson"),
    "parquet": (".parquet", ".pq"),
}
_CHUNK_ROWS = 20_000
_MEMO_LIMIT = 200_000
_PROGRESS_BYTES = 1 << 20  # draw a progress bar above a megabyte of input
_SUFFIXES = ("canonical", "id", "score", "method")


class CLIError(Exception):
    """A failure to report as one line on stderr (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # one line, not argparse's usage block
        self.exit(2, f"aeronorm: error: {message} (see '{self.prog} --help')\n")


# ---------------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``aeronorm`` command."""
    from . import __version__

    parser = _Parser(prog="aeronorm", description="Normalise English renderings of Chinese entity names.")
    parser.add_argument("--version", action="version", version=f"aeronorm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def glossary_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--glossary", "-g", action="extend", nargs="+", default=[], metavar="FILE",
                       help="extra glossary files or directories (YAML, CSV/TSV, JSON), "
                            "added to the shipped glossary")
        p.add_argument("--no-default-glossary", action="store_true",
                       help="use only the --glossary files, not the shipped glossary")
        p.add_argument("--type", "-t", default=None, help="only entities of this type (org, person, ...)")
        p.add_argument("--threshold", type=float, default=None, help="acceptance threshold (0..1)")
        mt = p.add_argument_group("retranslation (needs the mt extra: pip install \"aeronorm[mt]\")")
        mt.add_argument("--en-zh", metavar="MODEL", default=None,
                        help="English->Chinese MarianMT model: a local folder, or a hub id already in "
                             "the Hugging Face cache (e.g. Helsinki-NLP/opus-mt-en-zh); never downloaded")
        mt.add_argument("--zh-en", metavar="MODEL", default=None,
                        help="Chinese->English MarianMT model, likewise")
        mt.add_argument("--mt-cache", metavar="FILE", default=None,
                        help="sqlite file caching translations across runs")
        mt.add_argument("--device", default="cpu", help="torch device for the models (default: cpu)")

    p = sub.add_parser("normalize", help="normalise a column of a CSV, TSV, JSONL or Parquet file",
                       description="Add COL_canonical, COL_id, COL_score and COL_method to a table.")
    p.add_argument("input", metavar="INPUT", help="input file, or - for stdin")
    p.add_argument("--column", "-c", required=True, metavar="COL", help="the column of names")
    p.add_argument("--output", "-o", default="-", metavar="OUTPUT", help="output file (default: stdout)")
    p.add_argument("--format", "-f", choices=sorted(FORMATS), default=None,
                   help="format of INPUT when it is - or has no known extension (default: csv for stdin)")
    p.add_argument("--output-format", choices=sorted(FORMATS), default=None,
                   help="format of OUTPUT when it is - (default: the input format)")
    p.add_argument("--on-unknown", choices=("keep", "empty"), default="keep",
                   help="COL_canonical of an unknown name: the name itself (keep) or empty")
    p.add_argument("--no-progress", action="store_true", help="never draw a progress bar")
    glossary_options(p)
    p.set_defaults(func=_cmd_normalize)

    p = sub.add_parser("text", help="normalise documents: every known name replaced by its canonical name",
                       description="Print each document normalised, and a summary of what changed (stderr).")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files (UTF-8), or - for stdin")
    style = p.add_mutually_exclusive_group()
    style.add_argument("--annotate", action="store_true", help="write 'canonical [id]' for each mention")
    style.add_argument("--style", choices=("canonical", "abbreviation", "annotate"), default=None)
    p.add_argument("--html", metavar="REPORT", default=None, help="also write an HTML report with highlights")
    p.add_argument("--no-summary", action="store_true", help="do not print the summary")
    glossary_options(p)
    p.set_defaults(func=_cmd_text)

    p = sub.add_parser("explain", help="why a name matches what it matches (or nothing)")
    p.add_argument("name", metavar="NAME")
    glossary_options(p)
    p.set_defaults(func=_cmd_explain)

    g = sub.add_parser("glossary", help="check or count glossary files")
    gsub = g.add_subparsers(dest="glossary_command", required=True, metavar="ACTION", parser_class=_Parser)
    p = gsub.add_parser("lint", help="report clashing aliases, broken parents, malformed entries")
    p.add_argument("files", nargs="*", metavar="FILE", help="glossary files (default: the shipped glossary)")
    p.add_argument("--standalone", action="store_true",
                   help="lint the files on their own, not as extensions of the shipped glossary")
    p.add_argument("--severity", choices=("error", "warning", "info"), default="warning",
                   help="least severe issue to print (default: warning)")
    p.set_defaults(func=_cmd_lint)
    p = gsub.add_parser("stats", help="count entities, aliases and terms")
    p.add_argument("files", nargs="*", metavar="FILE", help="glossary files (default: the shipped glossary)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CLIError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        from .errors import GlossaryError

        if isinstance(exc, GlossaryError):
            return _fail(f"malformed glossary: {exc}")
        if isinstance(exc, OSError):
            return _fail(_os_message(exc))
        return _fail(f"{type(exc).__name__}: {exc}")


def _fail(message: str, status: int = 2) -> int:
    message = " ".join(str(message).split())  # one line
    print(f"aeronorm: error: {message}", file=sys.stderr)
    return status


def _os_message(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    return f"cannot read {name}: {reason}" if name else reason


# ---------------------------------------------------------------------------------- helpers
def _normalizer(args: argparse.Namespace) -> Normalizer:
    from .glossary import ENTITY_TYPES, Glossary
    from .normalizer import DEFAULT_THRESHOLD, Normalizer

    if args.type is not None and args.type not in ENTITY_TYPES:
        raise CLIError(f"unknown type {args.type!r}; expected one of {', '.join(ENTITY_TYPES)}")
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise CLIError(f"--threshold must be within 0..1, got {args.threshold}")
    files = list(args.glossary)
    for f in files:
        if not Path(f).exists():
            raise CLIError(f"cannot read glossary {f}: no such file or directory")
    if args.no_default_glossary and not files:
        raise CLIError("--no-default-glossary needs at least one --glossary FILE")
    en_zh, zh_en = _translator(args, "en_zh"), _translator(args, "zh_en")
    if not files and args.threshold is None and en_zh is None and zh_en is None:
        from .normalizer import default_normalizer

        return default_normalizer()
    glossary = Glossary.load(*files) if files else Glossary()
    if not args.no_default_glossary:
        glossary = Glossary.default() + glossary
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    return Normalizer(glossary, threshold=threshold, en_zh=en_zh, zh_en=zh_en)


def _translator(args: argparse.Namespace, role: str) -> Any:
    """The MarianMT translator an ``--en-zh``/``--zh-en`` option names, or ``None``."""
    model = getattr(args, role, None)
    if model is None:
        return None
    from .errors import AeronormError
    from .mt import CachedTranslator, MarianTranslator

    source, target = role.split("_")
    try:
        translator = MarianTranslator(
            model, source=source, target=target, device=args.device, cache=args.mt_cache is None
        )
    except (AeronormError, ImportError, OSError, ValueError) as exc:
        raise CLIError(f"--{role.replace('_', '-')} {model}: {str(exc).splitlines()[0]}") from None
    return CachedTranslator(translator, path=args.mt_cache) if args.mt_cache else translator


def _format_of(path: str, given: str | None, *, default: str | None = None) -> str:
    if given is not None:
        return given
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for fmt, exts in FORMATS.items():
        if name.endswith(exts):
            return fmt
    if path == "-" and default is not None:
        return default
    known = ", ".join(e for exts in FORMATS.values() for e in exts)
    raise CLIError(f"cannot tell the format of {path!r} from its extension ({known}); use --format")


def _open_text_in(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
    p = Path(path)
    if p.is_dir():
        raise CLIError(f"cannot read {path}: is a directory")
    raw = gzip.open(p, "rb") if path.lower().endswith(".gz") else open(p, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _open_text_out(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        raw = gzip.open(path, "wb") if path.lower().endswith(".gz") else open(path, "wb")  # noqa: SIM115
    except OSError as exc:
        raise CLIError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


class _Progress:
    """A tqdm bar over bytes (or rows) read, only on a terminal and for long inputs."""

    def __init__(self, total: int | None, *, unit: str, enabled: bool):
        self._bar = None
        if enabled and total and sys.stderr.isatty():
            try:
                from tqdm import tqdm
            except ImportError:  # the cli extra is optional: no bar then
                return
            self._bar = tqdm(total=total, unit=unit, unit_scale=True, file=sys.stderr, leave=False,
                             desc="aeronorm")

    def update(self, n: int) -> None:
        if self._bar is not None and n > 0:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


class _Resolver:
    """Column values -> (canonical, id, score, method), each distinct value resolved once."""

    def __init__(self, normalizer: Normalizer, *, type: str | None, on_unknown: str):
        self.normalizer = normalizer
        self.type = type
        self.on_unknown = on_unknown
        self.memo: dict[str, tuple[Any, Any, Any, Any]] = {}

    def resolve(self, values: Sequence[Any]) -> list[tuple[Any, Any, Any, Any]]:
        from .batch import is_missing

        todo = list(dict.fromkeys(v for v in values if isinstance(v, str) and not is_missing(v)
                                  and v not in self.memo))
        if todo:
            if len(self.memo) + len(todo) > _MEMO_LIMIT:
                self.memo.clear()  # bounded memory on millions of distinct names
            for v, m in zip(todo, self.normalizer.match_many(todo, type=self.type), strict=True):
                if m is None:
                    self.memo[v] = (v if self.on_unknown == "keep" else None, None, None, None)
                else:
                    self.memo[v] = (m.canonical, m.entity_id, m.score, m.method)
        out = []
        for v in values:
            got = self.memo.get(v) if isinstance(v, str) else None
            if got is None:
                got = (v, None, None, None)  # missing, non-string, or evicted-then-missing
                if isinstance(v, str) and not is_missing(v):
                    got = self._one(v)
            out.append(got)
        return out

    def _one(self, v: str) -> tuple[Any, Any, Any, Any]:
        m = self.normalizer.match(v, type=self.type)
        if m is None:
            return (v if self.on_unknown == "keep" else None, None, None, None)
        return (m.canonical, m.entity_id, m.score, m.method)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _score_text(score: Any) -> str:
    return "" if score is None else repr(round(float(score), 4))


# ---------------------------------------------------------------------------------- normalize
def _cmd_normalize(args: argparse.Namespace) -> int:
    fmt_in = _format_of(args.input, args.format, default="csv")
    fmt_out = _format_of(args.output, args.output_format, default=fmt_in) if args.output != "-" else (
        args.output_format or fmt_in)
    if args.input != "-" and not Path(args.input).exists():
        raise CLIError(f"cannot read {args.input}: no such file")
    if args.input != "-" and args.output != "-" and Path(args.output).exists() \
            and Path(args.output).resolve() == Path(args.input).resolve():
        raise CLIError("OUTPUT is the INPUT file: write to another file")
    tabular = {"csv", "tsv"}
    if fmt_in != fmt_out and not (fmt_in in tabular and fmt_out in tabular):
        raise CLIError(f"cannot convert {fmt_in} to {fmt_out}: OUTPUT must have the input's format")
    normalizer = _normalizer(args)
    resolver = _Resolver(normalizer, type=args.type, on_unknown=args.on_unknown)
    size = None if args.input == "-" else os.path.getsize(args.input)
    show = not args.no_progress and (size or 0) >= _PROGRESS_BYTES
    if fmt_in in tabular:
        _normalize_delimited(args, fmt_in, fmt_out, resolver, size, show)
    elif fmt_in == "jsonl":
        _normalize_jsonl(args, resolver, size, show)
    else:
        _normalize_parquet(args, resolver, show)
    return 0


def _normalize_delimited(args: argparse.Namespace, fmt_in: str, fmt_out: str, resolver: _Resolver,
                         size: int | None, show: bool) -> None:
    src = _input_or_error(args.input, _open_text_in)
    with src:
        reader = csv.reader(src, delimiter="\t" if fmt_in == "tsv" else ",")
        try:
            header = next(reader)
        except StopIteration:
            raise CLIError(f"{args.input}: empty file, no header row") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CLIError(f"{args.input}: not readable as {fmt_in.upper()}: {exc}") from None
        col = _column_index(header, args.column, args.input)
        new = [f"{args.column}_{s}" for s in _SUFFIXES]
        raw = getattr(src, "buffer", None)
        progress = _Progress(size, unit="B", enabled=show)
        done = 0
        out = _open_text_out(args.output)
        try:
            writer = csv.writer(out, delimiter="\t" if fmt_out == "tsv" else ",", lineterminator="\n")
            writer.writerow([*header, *new])
            line = 1
            width = len(header)
            try:
                for chunk in _chunks(reader, _CHUNK_ROWS):
                    values = [row[col] if col < len(row) else "" for row in chunk]
                    for row, res in zip(chunk, resolver.resolve(values), strict=True):
                        canonical, eid, score, method = res
                        # The new cells go under their headers whatever the row's length: a short
                        # row is padded, cells beyond the header are kept after the new ones.
                        writer.writerow([*row[:width], *[""] * (width - len(row)), canonical or "", eid or "",
                                         _score_text(score), method or "", *row[width:]])
                    line += len(chunk)
                    pos = _tell(raw)
                    if pos is not None:
                        progress.update(pos - done)
                        done = pos
            except (csv.Error, UnicodeDecodeError) as exc:
                raise CLIError(f"{args.input} near row {line}: not readable as {fmt_in.upper()}: "
                               f"{exc}") from None
        finally:
            progress.close()
            out.flush()
            if args.output != "-":
                out.close()
            else:
                out.detach()


def _tell(raw: Any) -> int | None:
    try:
        return raw.tell() if raw is not None else None
    except (OSError, ValueError):
        return None


def _input_or_error(path: str, opener: Callable[[str], Any]) -> Any:
    try:
        return opener(path)
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror or exc}") from None


def _column_index(header: list[str], column: str, source: str) -> int:
    if column in header:
        return header.index(column)
    shown = ", ".join(header[:20]) + (", ..." if len(header) > 20 else "")
    raise CLIError(f"no column {column!r} in {source} (columns: {shown})")


def _normalize_jsonl(args: argparse.Namespace, resolver: _Resolver, size: int | None, show: bool) -> None:
    src = _input_or_error(args.input, _open_text_in)
    new = [f"{args.column}_{s}" for s in _SUFFIXES]
    progress = _Progress(size, unit="B", enabled=show)
    out = _open_text_out(args.output)
    raw = getattr(src, "buffer", None)
    done = 0
    line_no = 0
    seen_column = False

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        nonlocal line_no
        for line in src:
            line_no += 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CLIError(f"{args.input} line {line_no}: not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise CLIError(f"{args.input} line {line_no}: expected a JSON object, "
                               f"got {type(obj).__name__}")
            yield line_no, obj

    try:
        with src:
            for chunk in _chunks(records(), _CHUNK_ROWS):
                if not seen_column:
                    if args.column not in chunk[0][1]:
                        keys = ", ".join(list(chunk[0][1])[:20])
                        raise CLIError(f"no column {args.column!r} in {args.input} (keys of line "
                                       f"{chunk[0][0]}: {keys})")
                    seen_column = True
                values = [obj.get(args.column) for _, obj in chunk]
                for (_, obj), res in zip(chunk, resolver.resolve(values), strict=True):
                    for key, value in zip(new, res, strict=True):
                        obj[key] = value
                    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
                pos = _tell(raw)
                if pos is not None:
                    progress.update(pos - done)
                    done = pos
    except UnicodeDecodeError as exc:
        raise CLIError(f"{args.input}: not UTF-8 text ({exc.reason})") from None
    finally:
        progress.close()
        out.flush()
        if args.output != "-":
            out.close()
        else:
            out.detach()


def _normalize_parquet(args: argparse.Namespace, resolver: _Resolver, show: bool) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CLIError("Parquet needs pyarrow: pip install 'aeronorm[pandas]'") from None
    source: Any = args.input
    if args.input == "-":
        source = pa.BufferReader(sys.stdin.buffer.read())
    try:
        pf = pq.ParquetFile(source)
    except (pa.ArrowInvalid, pa.ArrowIOError, OSError) as exc:
        raise CLIError(f"cannot read {args.input} as Parquet: {exc}") from None
    schema = pf.schema_arrow
    if args.column not in schema.names:
        raise CLIError(f"no column {args.column!r} in {args.input} (columns: {', '.join(schema.names[:20])})")
    types = {"canonical": pa.string(), "id": pa.string(), "score": pa.float64(), "method": pa.string()}
    new_fields = [pa.field(f"{args.column}_{s}", types[s]) for s in _SUFFIXES]
    out_schema = pa.schema(list(schema) + new_fields, metadata=schema.metadata)
    sink: Any = io.BytesIO() if args.output == "-" else args.output
    progress = _Progress(pf.metadata.num_rows, unit="rows", enabled=show)
    try:
        with pq.ParquetWriter(sink, out_schema) as writer:
            for batch in pf.iter_batches(batch_size=_CHUNK_ROWS * 4):
                values = batch.column(args.column).to_pylist()
                res = resolver.resolve(values)
                canon = [c if isinstance(c, str) else None for c, _, _, _ in res]
                columns = [*batch.columns, pa.array(canon, pa.string()),
                           pa.array([r[1] for r in res], pa.string()),
                           pa.array([r[2] for r in res], pa.float64()),
                           pa.array([r[3] for r in res], pa.string())]
                writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=out_schema))
                progress.update(batch.num_rows)
    except (pa.ArrowInvalid, pa.ArrowIOError) as exc:
        raise CLIError(f"cannot read {args.input} as Parquet: {exc}") from None
    finally:
        progress.close()
    if args.output == "-":
        sys.stdout.buffer.write(sink.getvalue())
        sys.stdout.buffer.flush()


# ---------------------------------------------------------------------------------- text
def _read_document(path: str) -> str:
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            p = Path(path)
            if p.is_dir():
                raise CLIError(f"cannot read {path}: is a directory")
            data = p.read_bytes()
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _cmd_text(args: argparse.Namespace) -> int:
    from .render import render_report

    style = "annotate" if args.annotate else (args.style or "canonical")
    texts = [(path, _read_document(path)) for path in args.files]  # every file readable before output
    normalizer = _normalizer(args)
    docs = []
    out = sys.stdout
    for i, (path, text) in enumerate(texts):
        doc = normalizer.normalize_text(text, style=style, type=args.type)
        docs.append((path, doc))
        if len(texts) > 1:
            out.write(("\n" if i else "") + f"==> {path} <==\n")
        out.write(doc)
        if doc and not doc.endswith("\n"):
            out.write("\n")
    out.flush()
    if args.html:
        try:
            Path(args.html).write_text(render_report(docs), encoding="utf-8")
        except OSError as exc:
            raise CLIError(f"cannot write {args.html}: {exc.strerror or exc}") from None
    if not args.no_summary:
        sys.stderr.write(_summary([d for _, d in docs], html=args.html))
    return 0


def _summary(docs: Sequence[Any], *, html: str | None) -> str:
    from .render import summarize

    entities = summarize(docs)
    mentions = sum(len(d.replacements) for d in docs)
    changed = sum(len(d.changes) for d in docs)
    lines = [f"\naeronorm: {len(docs)} document(s), {mentions} mention(s) of {len(entities)} "
             f"entit{'y' if len(entities) == 1 else 'ies'}, {changed} rewritten"]
    for eid, canonical, etype, n, spellings in entities:
        lines.append(f"  {canonical} [{eid}, {etype}]: {n} mention(s)")
        for spelling, count in spellings.most_common():
            lines.append(f"      {spelling!r} x{count} -> {canonical!r}" if count > 1
                         else f"      {spelling!r} -> {canonical!r}")
    if html:
        lines.append(f"  highlighted report: {html}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------- explain
def _cmd_explain(args: argparse.Namespace) -> int:
    normalizer = _normalizer(args)
    print(normalizer.explain(args.name, type=args.type))
    return 0 if normalizer.match(args.name, type=args.type) is not None else 1


# ---------------------------------------------------------------------------------- glossary
def _check_files(files: Sequence[str]) -> None:
    for f in files:
        if not Path(f).exists():
            raise CLIError(f"cannot read {f}: no such file or directory")


def _cmd_lint(args: argparse.Namespace) -> int:
    from .glossary import Glossary, lint_files
    from .glossary.lint import SEVERITIES

    _check_files(args.files)
    if args.files:
        issues = lint_files(*args.files, base=None if args.standalone else Glossary.default())
    else:
        issues = Glossary.default().lint()
    shown_levels = SEVERITIES[: SEVERITIES.index(args.severity) + 1]
    counts = {s: 0 for s in SEVERITIES}
    for issue in issues:
        counts[issue.severity] += 1
        if issue.severity in shown_levels:
            print(issue)
    what = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    target = " ".join(args.files) if args.files else "the shipped glossary"
    print(f"aeronorm glossary lint: {target}: {what}", file=sys.stderr)
    return 1 if counts["error"] else 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from .glossary import Glossary

    _check_files(args.files)
    glossary = Glossary.load(*args.files) if args.files else Glossary.default()
    stats = glossary.stats()
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    print(f"entities          {stats['entities']}")
    for t, n in stats["types"].items():
        if n:
            print(f"  {t:<16}{n}")
    for key in ("aliases", "abbreviations", "chinese_names", "context_aliases", "terms", "term_renderings"):
        if key in stats:
            print(f"{key.replace('_', ' '):<18}{stats[key]}")
    return 0
