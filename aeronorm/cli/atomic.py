"""OUTPUT written all at once or not at all.

A regular file (or a new one) is written to a temporary file beside it (same directory, hence
same file system), flushed and fsynced, then renamed over OUTPUT with ``os.replace``, which is
atomic: a reader sees the previous file or the complete new one, never a part. A failure, Ctrl-C,
SIGTERM or SIGHUP (see :func:`~aeronorm.cli.errors.signals_interrupt`) removes the temporary file
and leaves the previous OUTPUT, or none, in place. A symbolic link as OUTPUT is followed: its
target is replaced and the link kept. The new file gets the previous file's permission bits, or
those ``open`` would give (0666 less the umask). :meth:`Output.check` tells, before any work, that
OUTPUT's folder is there and takes a new file.

stdout and streams (a FIFO, ``/dev/null``, a terminal) are written as the rows come: they have no
previous content to protect, and a reader may be waiting. Only SIGKILL or a power cut can leave
the temporary file behind (``.NAME.*.aeronorm-tmp``, safe to delete); never a partial OUTPUT.

A write that fails (a full disk, ``/dev/full``) is an error naming OUTPUT (or ``stdout``), never
a bare "No space left on device"; a reader that went away (``| head``) stays a
``BrokenPipeError``, which the command treats as a quiet end.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import stat
import sys
import tempfile
from types import TracebackType
from typing import IO

from .errors import CLIError
from .files import file_kind, os_reason

__all__ = ["TEMP_SUFFIX", "Output", "write_together"]

TEMP_SUFFIX = ".aeronorm-tmp"


class Output:
    """OUTPUT as a context manager giving a binary stream (gzip-compressed for ``.gz``).

    On a normal exit the data is committed (renamed into place); on an exception it is dropped.
    """

    def __init__(self, path: str, *, st: os.stat_result | None, compress: bool | None = None):
        self.path = path
        self.name = "stdout" if path == "-" else path
        self.compress = path.lower().endswith(".gz") if compress is None else compress
        self.atomic = path != "-" and (st is None or stat.S_ISREG(st.st_mode))
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise CLIError(f"cannot write {path}: is a directory")
        self._st = st
        self._file: IO[bytes] | None = None
        self._stream: IO[bytes] | None = None
        self._temp: str | None = None
        self.target = os.path.realpath(path) if self.atomic else path

    def check(self) -> None:
        """A :class:`CLIError` now, before any work, when OUTPUT cannot be written: its folder is
        missing, is no folder or takes no new file (permissions, a read-only file system), or a
        stream (a FIFO, a device) is not writable. stdout is not checked."""
        if self.path == "-":
            return
        if not self.atomic:
            if not os.access(self.path, os.W_OK):
                kind = file_kind(self._st) if self._st else "file"
                raise CLIError(f"cannot write {self.path} ({kind}): permission denied")
            return
        folder = os.path.dirname(self.target) or "."
        try:
            st = os.stat(folder)
        except OSError as exc:
            what = "no such directory" if isinstance(exc, FileNotFoundError) else os_reason(exc)
            raise CLIError(f"cannot write {self.path}: {what}: {folder}") from None
        if not stat.S_ISDIR(st.st_mode):
            raise CLIError(f"cannot write {self.path}: {folder} is not a directory")
        if not os.access(folder, os.W_OK | os.X_OK):
            reason = "a read-only file system" if _read_only(folder) else "permission denied"
            raise CLIError(f"cannot write {self.path}: no new file can be made in {folder} ({reason})")

    def __enter__(self) -> IO[bytes]:
        if self.path == "-":
            self._file = sys.stdout.buffer
        elif self.atomic:
            folder, base = os.path.split(self.target)
            try:
                fd, self._temp = tempfile.mkstemp(prefix=f".{base}.", suffix=TEMP_SUFFIX, dir=folder or ".")
            except OSError as exc:
                raise CLIError(f"cannot write {self.path}: cannot create a temporary file in "
                               f"{folder or '.'}: {os_reason(exc)}") from None
            self._file = os.fdopen(fd, "wb")
        else:
            try:
                self._file = open(self.path, "wb")
            except OSError as exc:
                raise CLIError(f"cannot write {self.path} ({file_kind(self._st) if self._st else 'file'}): "
                               f"{os_reason(exc)}") from None
        stream: IO[bytes] = self._file
        if self.compress:
            inner = os.path.basename(self.path)[:-3] if self.path.lower().endswith(".gz") else ""
            stream = gzip.GzipFile(filename=inner, mode="wb", fileobj=self._file, mtime=0)  # type: ignore[assignment]
        self._stream = stream
        return _Named(stream, self.name)  # type: ignore[return-value]

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self._commit()
        else:
            self._discard()

    def _commit(self) -> None:
        self._finish()
        self._install()

    def _finish(self) -> None:
        """Every byte written out: a stream flushed, a temporary file flushed, fsynced and closed
        (not yet in place). A failure drops the temporary file."""
        assert self._file is not None and self._stream is not None
        try:
            if self._stream is not self._file:
                self._stream.close()  # the gzip trailer; leaves the file open
            self._file.flush()
            if self.atomic:
                os.fsync(self._file.fileno())
                self._file.close()
                assert self._temp is not None
                os.chmod(self._temp, self._mode())
            elif self.path != "-":
                self._file.close()
        except OSError as exc:
            self._discard()
            if isinstance(exc, BrokenPipeError):
                raise
            raise CLIError(f"cannot write {self.name}: {os_reason(exc)}") from None
        except BaseException:
            self._discard()
            raise

    def _install(self) -> None:
        """The finished temporary file renamed over OUTPUT (nothing to do for a stream)."""
        if self._temp is None:
            return
        try:
            os.replace(self._temp, self.target)
        except OSError as exc:
            self._discard()
            raise CLIError(f"cannot write {self.name}: {os_reason(exc)}") from None
        self._temp = None
        _fsync_folder(os.path.dirname(self.target) or ".")

    def _discard(self) -> None:
        if self._file is not None and self.path != "-":
            with contextlib.suppress(OSError):
                self._file.close()
        if self._temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._temp)
            self._temp = None

    def _mode(self) -> int:
        if self._st is not None:
            return stat.S_IMODE(self._st.st_mode)
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_together(contents: list[tuple[Output, bytes]]) -> None:
    """Write several OUTPUTs all or none: every file into its temporary file first, then the
    streams (stdout, a FIFO, a device), each flushed, and only then every temporary file renamed
    into place. A failure before the renames (a full disk, a stream that cannot be written:
    ``/dev/full``, stdout to a full disk) drops every temporary file and leaves every previous
    file as it was."""
    files = [(o, d) for o, d in contents if o.atomic]
    streams = [(o, d) for o, d in contents if not o.atomic]
    entered: list[Output] = []
    try:
        for output, data in files + streams:
            stream = output.__enter__()
            entered.append(output)
            stream.write(data)
            output._finish()
    except BaseException:
        for output in entered:
            output._discard()
        raise
    for i, (output, _) in enumerate(files):
        try:
            output._install()
        except BaseException:
            for later, _ in files[i + 1:]:
                later._discard()
            raise


class _Named(io.BufferedIOBase):
    """A binary stream whose write errors name the file: a :class:`CLIError` ``cannot write
    NAME: reason`` (a ``BrokenPipeError`` passes as it is)."""

    def __init__(self, stream: IO[bytes], name: str):
        super().__init__()
        self._inner = stream
        self._name = name

    def _fail(self, exc: OSError) -> CLIError:
        return CLIError(f"cannot write {self._name}: {os_reason(exc)}")

    def write(self, data: bytes) -> int:  # type: ignore[override]
        try:
            return self._inner.write(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from None

    def flush(self) -> None:
        try:
            self._inner.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from None

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        try:
            return bool(self._inner.seekable())
        except (OSError, ValueError):
            return False

    def tell(self) -> int:
        return self._inner.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._inner.seek(offset, whence)

    def close(self) -> None:  # the stream is the Output's to close
        pass

    @property
    def closed(self) -> bool:
        return False


def _read_only(folder: str) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows)
        return False


def _fsync_folder(folder: str) -> None:
    """Make the rename durable (POSIX); not possible or needed everywhere."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
