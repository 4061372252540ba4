"""Files the command reads: what each one is, and never writing over one of them.

* A file is known by its identity (device, inode), not its name: a hard link, a symbolic link, a
  relative path or stdin redirected from a file all reach the same file, and OUTPUT may be none
  of the files read.
* INPUT is read as a byte stream, decompressed when it starts with gzip's magic bytes (whatever
  its name), decoded as UTF-8 line by line: an undecodable byte, a truncated or corrupt gzip
  stream, a read error each name the file and the line.
* A pipe or FIFO given as INPUT is read as a stream (it waits for a writer, as ``cat`` does);
  glossaries must be regular files or directories, so a FIFO given as a glossary is an error,
  never a wait.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from typing import IO, NamedTuple

from .errors import CLIError

__all__ = ["GZIP_MAGIC", "FileId", "Lines", "Source", "check_decodable", "check_glossary_paths", "file_kind",
           "os_reason", "refuse_alias", "stat_path"]

GZIP_MAGIC = b"\x1f\x8b"
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes surrogateescape could not decode
# The first bytes of a ZIP file (.xlsx, .ods) and of an OLE file (.xls), as surrogateescape reads them.
_BINARY_SHEETS = ("PK\x03\x04", "\udcd0\udccf\x11")


class FileId(NamedTuple):
    """What makes two paths one file."""

    dev: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileId:
        return cls(st.st_dev, st.st_ino)


def os_reason(exc: OSError) -> str:
    """The reason of an ``OSError`` in words, a symbolic link loop called so."""
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links (too many levels of symbolic links)"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return exc.strerror or str(exc)


def stat_path(path: str, *, what: str = "", verb: str = "read") -> os.stat_result | None:
    """``os.stat`` (following links) of ``path``, ``None`` when it does not exist; other failures
    (a symbolic link loop, no permission) are a :class:`CLIError` naming the path."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CLIError(f"cannot {verb} {what}{path}: {os_reason(exc)}") from None


def file_kind(st: os.stat_result) -> str:
    """'file', 'directory', 'FIFO', 'socket', 'character device', 'block device' or 'special file'."""
    mode = st.st_mode
    for test, name in ((stat.S_ISREG, "file"), (stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "FIFO"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device")):
        if test(mode):
            return name
    return "special file"


def check_glossary_paths(paths: list[str]) -> list[tuple[str, os.stat_result]]:
    """Each glossary path exists and is a regular file or a directory (a FIFO would block the
    reader for ever); returns the paths with their ``stat`` for :func:`refuse_alias`."""
    found = []
    for path in paths:
        st = stat_path(path, what="glossary ")
        if st is None:
            raise CLIError(f"cannot read glossary {path}: no such file or directory")
        kind = file_kind(st)
        if kind not in ("file", "directory"):
            raise CLIError(f"glossary {path} is a {kind}, not a file: glossaries are read from regular "
                           "files (or directories of them)")
        found.append((f"glossary {path}", st))
    return found


def refuse_alias(output: str, out_st: os.stat_result | None, reads: list[tuple[str, os.stat_result]]) -> None:
    """A :class:`CLIError` when OUTPUT is one of the regular files the command reads, however it
    is reached (same name, hard link, symbolic link, stdin redirected from it)."""
    if out_st is None or not stat.S_ISREG(out_st.st_mode):
        return
    target = FileId.of(out_st)
    for label, st in reads:
        if stat.S_ISREG(st.st_mode) and FileId.of(st) == target:
            raise CLIError(f"{output} is the same file as {label} (same device and inode: the same name, "
                           "a hard link, a symbolic link or a redirection); aeronorm never writes over a "
                           "file it reads: write to another file")


class Source:
    """INPUT, a path or ``-`` (stdin), opened as bytes, decompressed when it is gzip data."""

    def __init__(self, path: str):
        self.path = path
        self.name = "stdin" if path == "-" else path
        if path == "-":
            try:
                self.stat: os.stat_result | None = os.fstat(sys.stdin.fileno())
            except (OSError, ValueError, AttributeError):  # stdin closed or replaced
                self.stat = None
        else:
            self.stat = stat_path(path)
            if self.stat is None:
                raise CLIError(f"cannot read {path}: no such file or directory")
            if stat.S_ISDIR(self.stat.st_mode):
                raise CLIError(f"cannot read {path}: is a directory")
        self.regular = self.stat is not None and stat.S_ISREG(self.stat.st_mode)
        self.size = self.stat.st_size if self.regular and self.stat is not None else None
        self.compressed = False
        self._raw: IO[bytes] | None = None

    def open(self) -> IO[bytes]:
        """The bytes of INPUT (decompressed); call once."""
        try:
            raw: IO[bytes] = sys.stdin.buffer if self.path == "-" else open(self.path, "rb")  # noqa: SIM115
            head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        except OSError as exc:
            raise CLIError(f"cannot read {self.name}: {os_reason(exc)}") from None
        self._raw = raw
        if head == GZIP_MAGIC:
            self.compressed = True
            return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
        return raw

    def position(self) -> int | None:
        """Bytes of the file read so far (compressed bytes for gzip), when it can tell."""
        if self._raw is None or not self.regular:
            return None
        if self._raw.closed:
            return self.size
        try:
            return self._raw.tell()
        except (OSError, ValueError):
            return None

    def close(self) -> None:
        if self._raw is not None and self.path != "-":
            self._raw.close()


class Lines:
    """Decoded lines of a :class:`Source`, line terminators kept, a BOM noted and removed.

    ``universal``: lines end at ``\\n``, ``\\r\\n`` or a bare ``\\r`` (CSV, TSV); otherwise at
    ``\\n`` only (JSON Lines, where a bare CR is whitespace inside a record). ``number`` is the
    physical line last read (1-based); errors name the file and that line.
    """

    def __init__(self, source: Source, *, universal: bool):
        self.source = source
        self.universal = universal
        self.number = 0
        self.bom = False

    def __iter__(self) -> Iterator[str]:
        name = self.source.name
        stream = self.source.open()
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape",  # type: ignore[arg-type]
                                newline="" if self.universal else "\n")
        try:
            for line in text:
                self.number += 1
                if self.number == 1 and line.startswith("\ufeff"):
                    self.bom = True
                    line = line[1:]
                if self.number == 1 and line.startswith(_BINARY_SHEETS):
                    raise CLIError(f"{name}: a ZIP or OLE file (a spreadsheet workbook?), not text: aeronorm "
                                   "does not read workbooks; save the sheet as CSV (UTF-8)")
                if not line.isascii():
                    bad = _UNDECODABLE.search(line)
                    if bad is not None:
                        byte = ord(bad.group()) - 0xDC00
                        if self.number == 1 and line.startswith(("\udcff\udcfe", "\udcfe\udcff")):
                            raise CLIError(f"{name}: the file is UTF-16, not UTF-8 (it starts with a "
                                           "UTF-16 byte order mark); re-save it as UTF-8")
                        raise CLIError(f"{name} line {self.number}: not UTF-8: byte 0x{byte:02x} at column "
                                       f"{bad.start() + 1} cannot be decoded (a legacy encoding such as GBK "
                                       "or Latin-1?); re-save the file as UTF-8")
                yield line
        except EOFError:
            raise CLIError(f"{name}: the gzip data ends early, after line {self.number} (a truncated "
                           "file?)") from None
        except (zlib.error, gzip.BadGzipFile) as exc:
            raise CLIError(f"{name}: corrupt gzip data after line {self.number}: {exc}") from None
        except OSError as exc:
            raise CLIError(f"cannot read {name} after line {self.number}: {os_reason(exc)}") from None
        finally:
            text.detach()
            self.source.close()


def check_decodable(path: str, *, universal: bool) -> None:
    """Read the regular file ``path`` through once as :class:`Lines` do: a byte that is not UTF-8,
    UTF-16, a truncated gzip stream is a :class:`CLIError` now, before any output is streamed."""
    for _ in Lines(Source(path), universal=universal):
        pass
