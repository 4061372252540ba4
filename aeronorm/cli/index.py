"""``aeronorm index build|info``: save a glossary's tables once, load them in every later run.

``build`` makes the normalizer of the shipped glossary plus the GLOSSARY files (or the files
alone with ``--no-default-glossary``), builds every table and writes them to FILE
(:meth:`Normalizer.save <aeronorm.Normalizer.save>`); ``--index FILE`` then gives it to
``normalize``, ``text`` and ``explain``, which load it instead of building. ``info`` prints what
a saved index was built from, and whether this aeronorm can load it.

``build`` refuses GLOSSARY files with lint errors (an unknown parent, a parent cycle, a malformed
entry): an index is built to be used many times, and ``aeronorm glossary lint`` lists what to fix.
Warnings do not stop it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from .errors import CLIError
from .files import check_glossary_paths, os_reason, refuse_alias, stat_path

__all__ = ["add_index_parser", "cmd_index_build", "cmd_index_info"]


def add_index_parser(sub: argparse._SubParsersAction) -> None:
    """``aeronorm index`` and its actions."""
    p = sub.add_parser("index", help="save a glossary's tables to a file, or describe a saved one",
                       description="Build every table of a glossary once and save it; later runs load it "
                                   "(--index FILE) instead of building.")
    isub = p.add_subparsers(dest="index_command", required=True, metavar="ACTION", parser_class=type(p))
    b = isub.add_parser("build", help="build every table and save them to FILE",
                        description="Build the normalizer of the shipped glossary plus GLOSSARY files and "
                                    "save every table to FILE (written atomically).")
    b.add_argument("glossary", nargs="*", metavar="GLOSSARY",
                   help="glossary files or directories (YAML, CSV/TSV, JSON), added to the shipped glossary")
    b.add_argument("--output", "-o", required=True, metavar="FILE", help="the index file to write")
    b.add_argument("--no-default-glossary", action="store_true",
                   help="only the GLOSSARY files, not the shipped glossary")
    b.add_argument("--threshold", type=float, default=None, help="acceptance threshold saved with the index")
    b.set_defaults(func=cmd_index_build)
    i = isub.add_parser("info", help="what a saved index was built from, and whether it loads here")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--json", action="store_true", help="print the header as JSON")
    i.set_defaults(func=cmd_index_info)


def cmd_index_build(args: argparse.Namespace) -> int:
    from ..glossary import Glossary
    from ..normalizer import Normalizer

    if args.no_default_glossary and not args.glossary:
        raise CLIError("--no-default-glossary needs at least one GLOSSARY file")
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise CLIError(f"--threshold must be within 0..1, got {args.threshold}")
    reads = check_glossary_paths(args.glossary)
    if args.output == "-":
        raise CLIError("an index is a binary file: give its path with --output (not -)")
    refuse_alias(args.output, stat_path(args.output, what="output", verb="write"), reads)
    start = time.perf_counter()
    _refuse_lint_errors(args.glossary, standalone=args.no_default_glossary)
    glossary = Glossary.load(*args.glossary) if args.glossary else Glossary()
    if not args.no_default_glossary:
        glossary = Glossary.default() + glossary
    normalizer = Normalizer(glossary, threshold=args.threshold, warm=True)
    built = time.perf_counter() - start
    start = time.perf_counter()
    try:
        size = normalizer.save(args.output)
    except OSError as exc:
        raise CLIError(f"{args.output}: {os_reason(exc)}") from None
    saved = time.perf_counter() - start
    print(f"aeronorm index build: {args.output}: {len(glossary):,} entities, {size / 1e6:.1f} MB; "
          f"built in {built:.1f} s, saved in {saved:.1f} s", file=sys.stderr)
    return 0


def _refuse_lint_errors(paths: list[str], *, standalone: bool) -> None:
    """A :class:`CLIError` when the glossary files have lint errors (checked against the shipped
    glossary unless ``standalone``)."""
    if not paths:
        return
    from ..glossary import Glossary, lint_files

    errors = [i for i in lint_files(*paths, base=None if standalone else Glossary.default())
              if i.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise CLIError(f"the glossary has {len(errors)} lint error{'s' if len(errors) > 1 else ''}, no index "
                       f"written: {errors[0]}{more}; 'aeronorm glossary lint {' '.join(paths)}' lists them")


def cmd_index_info(args: argparse.Namespace) -> int:
    from ..errors import SavedIndexError
    from ..store import read_index_header
    from ..store.digests import code_digest, library_versions

    if not os.path.isfile(args.file):
        raise CLIError(f"{args.file}: not a file")
    try:
        header = read_index_header(args.file)
    except SavedIndexError as exc:
        raise CLIError(str(exc)) from None
    if args.json:
        print(json.dumps(header, indent=2, ensure_ascii=False))
        return 0
    from ..store.digests import aeronorm_version

    sizes = sum(s["length"] for s in header.get("sections", ()))
    same = header.get("aeronorm") == aeronorm_version() and header.get("code") == code_digest()
    libraries = header.get("libraries") or {}
    print(f"entities      {header.get('entities', '?')}")
    print(f"aeronorm      {header.get('aeronorm')}{'' if same else ' (not this one: build it again)'}")
    print(f"format        {header.get('format')}")
    print(f"written       {header.get('written')}")
    print(f"glossary      {str(header.get('glossary'))[:16]}")
    print(f"calibration   {str(header.get('calibration'))[:16]}")
    if header.get("threshold") is not None:
        print(f"threshold     {header['threshold']}")
    for lib, version in libraries.items():
        here = library_versions().get(lib)
        print(f"{lib:<14}{version}{'' if version == here else f' (this has {here}: build it again)'}")
    print(f"size          {sizes / 1e6:.1f} MB")
    return 0
