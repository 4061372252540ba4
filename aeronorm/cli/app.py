"""The argument parser of the ``aeronorm`` command and its entry point."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn

from .errors import CLIError, signals_interrupt
from .files import os_reason
from .formats import FORMATS

__all__ = ["build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    #: the words given to this (sub)command, when main() knows them: for the hints of :meth:`error`
    words: tuple[str, ...] = ()

    def error(self, message: str) -> NoReturn:
        glossary = any(w == "-g" or (w.startswith("--g") and "--glossary".startswith(w.split("=")[0]))
                       for w in self.words)
        if message.endswith("required: NAME") and glossary:
            # explain -g my.yaml CASC: -g took every word after it
            message += (" (--glossary/-g takes every word after it: give NAME first, "
                        "aeronorm explain NAME -g FILE, or end the files with --)")
        # one line, not argparse's usage block
        self.exit(2, f"aeronorm: error: {message} (see '{self.prog} --help')\n")


def _glossary_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--glossary", "-g", action="extend", nargs="+", default=[], metavar="FILE",
                   help="extra glossary files or directories (YAML, CSV/TSV, JSON), "
                        "added to the shipped glossary")
    p.add_argument("--no-default-glossary", action="store_true",
                   help="use only the --glossary files, not the shipped glossary")
    p.add_argument("--type", "-t", default=None, help="only entities of this type (org, person, ...)")
    p.add_argument("--threshold", type=float, default=None, help="acceptance threshold (0..1)")
    p.add_argument("--index", metavar="FILE", default=None,
                   help="load this saved index (aeronorm index build) instead of building the glossaries")
    mt = p.add_argument_group("retranslation (needs the mt extra: pip install \"aeronorm[mt]\")")
    mt.add_argument("--en-zh", metavar="MODEL", default=None,
                    help="English->Chinese MarianMT model: a local folder, or a hub id already in "
                         "the Hugging Face cache (e.g. Helsinki-NLP/opus-mt-en-zh); never downloaded")
    mt.add_argument("--zh-en", metavar="MODEL", default=None,
                    help="Chinese->English MarianMT model, likewise")
    mt.add_argument("--mt-cache", metavar="FILE", default=None,
                    help="sqlite file caching translations across runs")
    mt.add_argument("--device", default="cpu", help="torch device for the models (default: cpu)")


def _normalize_parser(sub: argparse._SubParsersAction) -> None:
    from .normalize import cmd_normalize

    p = sub.add_parser("normalize", help="normalise a column of a CSV, TSV, JSONL or Parquet file",
                       description="Add COL_canonical, COL_id, COL_score and COL_method to a table, keeping "
                                   "every row and every other column; print a summary on stderr.")
    p.add_argument("input", metavar="INPUT", help="input file, or - for stdin")
    p.add_argument("--column", "-c", required=True, metavar="COL", help="the column of names")
    p.add_argument("--output", "-o", default="-", metavar="OUTPUT",
                   help="output file, written atomically (default: stdout)")
    p.add_argument("--format", "-f", choices=sorted(FORMATS), default=None,
                   help="format of INPUT when it is - or has no known extension (default: csv for stdin)")
    p.add_argument("--output-format", choices=sorted(FORMATS), default=None,
                   help="format of OUTPUT (default: from OUTPUT's extension, else INPUT's format)")
    p.add_argument("--on-unknown", choices=("keep", "empty"), default="keep",
                   help="COL_canonical of an unknown name: the name itself (keep) or empty")
    cols = p.add_argument_group("new columns")
    cols.add_argument("--prefix", metavar="NAME", default=None,
                      help="name the new columns NAME_canonical, NAME_id, ... (default: COL_...)")
    cols.add_argument("--overwrite-columns", action="store_true",
                      help="replace existing columns of those names in place (refused by default)")
    cols.add_argument("--evidence", action="store_true", help="add COL_evidence: why each name matched")
    cols.add_argument("--no-formula-guard", action="store_true",
                      help="do not prefix ' to new CSV/TSV cells starting with = + - @ "
                           "(spreadsheet formulas)")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true",
                       help="show progress even when stderr is not a terminal")
    shown.add_argument("--no-progress", action="store_true", help="never show progress")
    p.add_argument("--no-summary", action="store_true", help="do not print the summary")
    _glossary_options(p)
    p.set_defaults(func=cmd_normalize)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``aeronorm`` command."""
    from .. import __version__
    from .cluster import add_cluster_parser
    from .explain import cmd_explain
    from .glossary import cmd_lint, cmd_stats
    from .index import add_index_parser
    from .text import cmd_text

    parser = _Parser(prog="aeronorm", description="Normalise English renderings of Chinese entity names.")
    parser.add_argument("--version", action="version", version=f"aeronorm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    _normalize_parser(sub)

    p = sub.add_parser("text", help="normalise documents: every known name replaced by its canonical name",
                       description="Print each document normalised, and a summary of what changed (stderr).")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files (UTF-8), or - for stdin")
    style = p.add_mutually_exclusive_group()
    style.add_argument("--annotate", action="store_true", help="write 'canonical [id]' for each mention")
    style.add_argument("--style", choices=("canonical", "abbreviation", "annotate"), default=None,
                       help="what is written for a mention: its canonical name (default), the entity's "
                            "abbreviation, or 'canonical [id]' (as --annotate)")
    p.add_argument("--html", metavar="REPORT", default=None,
                   help="also write an HTML report with highlights (never over a FILE)")
    p.add_argument("--no-summary", action="store_true", help="do not print the summary")
    _glossary_options(p)
    p.set_defaults(func=cmd_text)

    add_cluster_parser(sub)

    p = sub.add_parser("explain", help="why a name matches what it matches (or nothing)",
                       description="Print how NAME is read, what it matches and why, or the nearest "
                                   "names and why each falls short. Exit status 0 when it matches, "
                                   "1 when it does not.")
    p.add_argument("name", nargs="+", metavar="NAME",
                   help="the name; its words may be given unquoted (they are joined by single spaces)")
    _glossary_options(p)
    p.set_defaults(func=cmd_explain)

    g = sub.add_parser("glossary", help="check or count glossary files")
    gsub = g.add_subparsers(dest="glossary_command", required=True, metavar="ACTION", parser_class=_Parser)
    p = gsub.add_parser("lint", help="report clashing aliases, broken parents, malformed entries")
    p.add_argument("files", nargs="*", metavar="FILE", help="glossary files (default: the shipped glossary)")
    p.add_argument("--standalone", action="store_true",
                   help="lint the files on their own, not as extensions of the shipped glossary")
    p.add_argument("--severity", choices=("error", "warning", "info"), default="warning",
                   help="least severe issue to print (default: warning)")
    p.set_defaults(func=cmd_lint)
    p = gsub.add_parser("stats", help="count entities, aliases and terms")
    p.add_argument("files", nargs="*", metavar="FILE", help="glossary files (default: the shipped glossary)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_stats)

    add_index_parser(sub)
    return parser


def _explain_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices.get("explain")
    return None


def _refuse_dash_name(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """``explain -CASC``: argparse takes a word starting with '-' for an option, and then says
    "the following arguments are required: NAME". Say what happened and how to give such a name.

    A word is left to argparse when it is one of explain's options (``-g``, ``--glossary``, an
    abbreviation ``--glos``, a short option with its value attached ``-torg``) or a negative number.
    """
    if not argv or argv[0] != "explain":
        return
    explain = _explain_parser(parser)
    if not isinstance(explain, _Parser):
        return
    explain.words = tuple(argv[1:])
    options = list(explain._option_string_actions)
    long_options = [o for o in options if o.startswith("--")]
    for word in argv[1:]:
        if word == "--":
            return
        if not word.startswith("-") or word == "-" or _NEGATIVE.match(word):
            continue
        if word.startswith("--"):
            head = word.split("=", 1)[0]
            if any(o.startswith(head) for o in long_options):
                continue
        elif word[:2] in options:
            continue
        explain.error(f"{word!r} is read as an option, and explain has no such option: to explain a "
                      f"name that starts with '-', put -- before it, after any options "
                      f"(aeronorm explain -- {word})")


_NEGATIVE = re.compile(r"^-\d+$|^-\d*\.\d+$")  # argparse's own test: a negative number is no option


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    _refuse_dash_name(parser, list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    try:
        with signals_interrupt(), warnings.catch_warnings():
            warnings.showwarning = _warn  # (restored on the way out)
            return int(args.func(args) or 0)
    except CLIError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        return _fail(f"interrupted ({signal.Signals(signum).name})", 128 + signum)
    except BrokenPipeError:
        # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        from ..errors import GlossaryError

        if isinstance(exc, GlossaryError):
            return _fail(f"malformed glossary: {exc}")
        if isinstance(exc, OSError):
            where = f"{exc.filename}: " if exc.filename is not None else ""
            return _fail(f"{where}{os_reason(exc)}")
        return _fail(f"{type(exc).__name__}: {exc}")


def _warn(message: Warning | str, category: type[Warning], filename: str, lineno: int,
          file: Any = None, line: str | None = None) -> None:
    """A warning as one line of the command's own (a cache that cannot be written), not Python's
    with its source line."""
    print(f"aeronorm: warning: {' '.join(str(message).split())}", file=sys.stderr)


def _fail(message: str, status: int = 2) -> int:
    message = " ".join(str(message).split())  # one line
    print(f"aeronorm: error: {message}", file=sys.stderr)
    return status
