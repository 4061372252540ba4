"""``aeronorm normalize``: add the resolved columns to a table, safely.

Order of work: every check that needs no matcher first (formats, options, files, OUTPUT not one
of the files read; when OUTPUT is a stream such as stdout, which cannot be taken back, a text
INPUT file is read through once so that a byte that is not UTF-8 fails before anything is
written), then the Normalizer, then the stream through an atomic OUTPUT, then the summary on
stderr.
"""

from __future__ import annotations

import argparse
import os
import sys

from .atomic import Output
from .build import check_options, normalizer_from
from .errors import CLIError
from .files import Source, check_decodable, check_glossary_paths, refuse_alias, stat_path
from .formats import Job, input_format, output_format, runner
from .progress import Progress
from .resolve import Resolver, Stats
from .summary import summary

__all__ = ["CHUNK_ROWS", "cmd_normalize"]

#: Rows read, resolved and written at a time (each distinct value of a chunk resolved once).
CHUNK_ROWS = 20_000


def cmd_normalize(args: argparse.Namespace) -> int:
    from .columns import new_names

    fmt_in = input_format(args.input, args.format)
    fmt_out = output_format(args.output, args.output_format, fmt_in)
    check_options(args)
    if args.prefix is not None and not args.prefix.strip():
        raise CLIError("--prefix needs a non-empty NAME")
    names = new_names(args.column, prefix=args.prefix, evidence=args.evidence)
    if args.column in names:
        raise CLIError(f"the new column {args.column!r} would replace the input column itself: choose "
                       "another --prefix")

    source = Source(args.input)
    reads = [(f"INPUT {source.name}", source.stat)] if source.stat is not None else []
    reads += check_glossary_paths(args.glossary)
    if args.mt_cache:
        cache_st = stat_path(args.mt_cache, what="--mt-cache ")
        if cache_st is not None:
            reads.append((f"--mt-cache {args.mt_cache}", cache_st))
    out_st = _stdout_stat() if args.output == "-" else stat_path(args.output, what="OUTPUT ", verb="write")
    refuse_alias("OUTPUT " + ("stdout" if args.output == "-" else args.output), out_st, reads)
    output = Output(args.output, st=out_st if args.output != "-" else None)
    if not output.atomic and source.regular and fmt_in != "parquet":
        check_decodable(args.input, universal=fmt_in != "jsonl")

    normalizer = normalizer_from(args)
    show = not args.no_progress and (args.progress or _isatty(sys.stderr))
    progress = Progress(enabled=show, position=source.position, size=source.size)
    if fmt_in == "parquet" and source.regular:
        from .formats.parquet import num_rows

        progress = Progress(enabled=show, position=lambda: progress.rows, size=num_rows(args.input))
    stats = Stats()
    resolver = Resolver(normalizer, type=args.type, on_unknown=args.on_unknown, evidence=args.evidence,
                        progress=progress, stats=stats)
    job = Job(source=source, column=args.column, names=names, fmt_in=fmt_in, fmt_out=fmt_out,
              resolver=resolver, overwrite=args.overwrite_columns, evidence=args.evidence,
              guard=not args.no_formula_guard, chunk_rows=CHUNK_ROWS)
    with progress, output as out:
        runner(fmt_in)(job, out)
    if not args.no_summary:
        sys.stderr.write(summary(stats, column=args.column, source=source.name, output=output.name))
    return 0


def _stdout_stat() -> os.stat_result | None:
    try:
        return os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # replaced by a test harness, or closed
        return None


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False
