"""``aeronorm text``: documents with every known name replaced, a summary, an optional HTML report.

The documents are all read before anything is written (stdin, ``-``, at most once). The report
(``--html``) is written atomically and may not be one of the documents or glossaries read, however
it is reached; its folder is checked before the work, and it is made and written to its temporary
file before stdout, so a report that cannot be written leaves stdout empty. A failed write names
where (``stdout`` or the report). A document's bytes other than the names rewritten are kept, a
UTF-8 byte order mark included.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from .atomic import Output
from .build import check_options, normalizer_from
from .errors import CLIError
from .files import check_glossary_paths, os_reason, refuse_alias, stat_path

__all__ = ["cmd_text"]


def _stat_document(path: str) -> os.stat_result | None:
    if path != "-":
        return stat_path(path)
    try:
        return os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):
        return None


def _read_document(path: str) -> tuple[str, bool]:
    """A document (a file, a FIFO or stdin, read to its end) as text, and whether it starts with
    a UTF-8 byte order mark (taken off the text, written back before it)."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            if os.path.isdir(path):
                raise CLIError(f"cannot read {path}: is a directory")
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        raise CLIError(f"cannot read {'stdin' if path == '-' else path}: {os_reason(exc)}") from None
    name = "stdin" if path == "-" else path
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CLIError(f"{name}: the file is UTF-16, not UTF-8 (it starts with a UTF-16 byte order mark); "
                       "re-save it as UTF-8")
    if _looks_utf16(data):
        raise CLIError(f"{name}: the file looks like UTF-16 without a byte order mark (a NUL byte "
                       "beside each Latin letter), not UTF-8; re-save it as UTF-8")
    try:
        return data.decode("utf-8-sig"), data.startswith(codecs.BOM_UTF8)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CLIError(f"{name} line {line}: not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded (a "
                       "legacy encoding such as GBK or Latin-1?); re-save the file as UTF-8") from None


def _looks_utf16(data: bytes) -> bool:
    """Whether ``data`` reads as UTF-16 without a byte order mark: in its first 4 KB, every
    other byte (the high byte of an ASCII character) is NUL in at least a third of the pairs. It
    is valid UTF-8 (NUL is a character), so it would be printed back with its NULs, found empty."""
    head = data[:4096]
    if b"\x00" not in head or len(head) < 4:
        return False
    pairs = len(head) // 2
    return max(head[0::2].count(0), head[1::2].count(0)) * 3 >= pairs


def cmd_text(args: argparse.Namespace) -> int:
    from ..render import render_report

    given = [o for o, v in (("--en-zh", args.en_zh), ("--zh-en", args.zh_en), ("--mt-cache", args.mt_cache))
             if v]
    if given:
        # (said before a model is loaded: the scan of running text never retranslates, and an
        # option that does nothing would let a user believe it did)
        raise CLIError(f"{', '.join(given)}: running text is scanned without retranslation; "
                       "the translation options apply to normalize and explain")
    check_options(args)
    if args.files.count("-") > 1:
        raise CLIError("stdin (-) is given more than once: it can be read only once")
    style = "annotate" if args.annotate else (args.style or "canonical")
    reads = check_glossary_paths(args.glossary)
    html = None
    if args.html:
        html_st = stat_path(args.html, what="--html ", verb="write")
        documents = [(f"FILE {'stdin' if p == '-' else p}", st) for p in args.files
                     if (st := _stat_document(p)) is not None]
        refuse_alias(f"--html {args.html}", html_st, reads + documents)
        html = Output(args.html, st=html_st)  # compressed when the name ends in .gz
        html.check()  # a missing folder fails now, before the work and before stdout
    texts = [(path, *_read_document(path)) for path in args.files]  # every file readable before output
    normalizer = normalizer_from(args)
    docs = [(path, normalizer.normalize_text(text, style=style, type=args.type)) for path, text, _ in texts]
    report = render_report(docs).encode("utf-8") if html is not None else b""
    # The report goes into its temporary file before stdout is written, and is renamed into place
    # after: a report that cannot be written leaves stdout empty.
    with html if html is not None else contextlib.nullcontext() as stream:
        if stream is not None:
            stream.write(report)
        _print(docs, [bom for _, _, bom in texts])
    if not args.no_summary:
        sys.stderr.write(_summary([d for _, d in docs], html=args.html))
    return 0


def _print(docs: Sequence[tuple[str, Any]], boms: Sequence[bool]) -> None:
    """The documents on stdout, each after its byte order mark if it had one."""
    out = sys.stdout
    if out is None:  # (started with stdout closed: ">&-")
        raise CLIError("cannot write stdout: it is closed")
    try:
        for i, ((path, doc), bom) in enumerate(zip(docs, boms, strict=True)):
            if len(docs) > 1:
                out.write(("\n" if i else "") + f"==> {path} <==\n")
            out.write(("\ufeff" if bom else "") + doc)
            if doc and not doc.endswith("\n"):
                out.write("\n")
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise CLIError(f"cannot write stdout: {os_reason(exc)}") from None
    except UnicodeEncodeError as exc:
        raise CLIError(f"cannot write stdout: its encoding ({exc.encoding}) cannot write "
                       f"{exc.object[exc.start:exc.end]!a}; set PYTHONIOENCODING=utf-8") from None


def _summary(docs: Sequence[Any], *, html: str | None) -> str:
    from ..render import summarize

    entities = summarize(docs)
    mentions = sum(len(d.replacements) for d in docs)
    changed = sum(len(d.changes) for d in docs)
    lines = [f"\naeronorm: {len(docs)} document(s), {mentions} mention(s) of {len(entities)} "
             f"entit{'y' if len(entities) == 1 else 'ies'}, {changed} rewritten"]
    for eid, canonical, etype, n, spellings, description in entities:
        lines.append(f"  {canonical} [{eid}, {etype}]: {n} mention(s)")
        if description:
            lines.append(f"      ({description})")
        for (spelling, written), count in spellings.most_common():
            # what the text now says, not the canonical name: the style, an article, a kept
            # qualifier may make them differ
            lines.append(f"      {spelling!r} x{count} -> {written!r}" if count > 1
                         else f"      {spelling!r} -> {written!r}")
    if html:
        lines.append(f"  highlighted report: {html}")
    return "\n".join(lines) + "\n"
