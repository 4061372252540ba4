"""The file a saved index is: a header, then named sections, each checked on reading.

Layout (integers little-endian)::

    16 bytes  magic  b"AERONORM-INDEX\\n\\x00"
     4 bytes  format version (FORMAT_VERSION)
     4 bytes  header length H
     4 bytes  CRC-32 of the header
     4 bytes  zero
     H bytes  header: JSON (UTF-8), with "sections": [{name, offset, length, crc32, codec, size}]
              then the sections, each at an offset that is a multiple of 8

A section is stored as it is (``codec: "raw"``) or zlib-compressed (``"zlib"``); ``size`` is its
length once decompressed. The magic and the format version are read first: a file of another
format is a :class:`~aeronorm.errors.IndexVersionError` before anything else is parsed; a header
or a section whose CRC-32 differs, or a file shorter than its sections, is a
:class:`~aeronorm.errors.CorruptIndexError`. Nothing in the file is executed: the header is JSON,
the sections are bytes.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import stat
import struct
import tempfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import CorruptIndexError, IndexVersionError, SavedIndexError

__all__ = ["FORMAT_VERSION", "MAGIC", "IndexFile", "write_index_file"]

MAGIC = b"AERONORM-INDEX\n\x00"
#: Version of this layout and of the graph encoding inside it (aeronorm.store.graph).
FORMAT_VERSION = 2  # 2: bytes in a section of their own, not hex in the plan
_PREFIX = struct.Struct("<16sIII4x")
_ALIGN = 8
# Sections this small are not worth compressing.
_MIN_COMPRESS = 4096


def write_index_file(target: str | os.PathLike[str] | BinaryIO, header: Mapping[str, Any],
                     sections: Mapping[str, bytes], *, compress: bool = True) -> int:
    """Write ``header`` and ``sections``; returns the number of bytes written.

    A path is written atomically (a temporary file in the same directory, then renamed over
    the target): a reader never sees half a file, and a failed write leaves the old one.
    """
    stored: list[tuple[dict[str, Any], bytes]] = []
    for name, data in sections.items():
        raw = bytes(data)
        codec = "raw"
        if compress and len(raw) >= _MIN_COMPRESS:
            packed = zlib.compress(raw, 1)
            if len(packed) < 0.9 * len(raw):
                raw, codec = packed, "zlib"
        stored.append(({"name": name, "codec": codec, "size": len(data), "length": len(raw),
                        "crc32": zlib.crc32(raw)}, raw))
    # Offsets depend on the header's length, which depends on the offsets: laid out until they
    # settle. They only grow (a longer header, larger offsets), and after the first two passes
    # one changes them again only if an offset gained a digit in the pass before: a few passes.
    head = dict(header)
    offset = 0
    for _ in range(24):
        head["sections"] = [entry for entry, _ in stored]
        text = json.dumps(head, ensure_ascii=False, sort_keys=True).encode("utf-8")
        offset = _align(_PREFIX.size + len(text))
        at = offset
        changed = False
        for entry, raw in stored:
            if entry.get("offset") != at:
                entry["offset"] = at
                changed = True
            at = _align(at + len(raw))
        if not changed:
            break
    else:  # pragma: no cover - see above
        raise SavedIndexError("could not lay out the index file")
    prefix = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(text), zlib.crc32(text))

    def write(out: BinaryIO) -> int:
        written = out.write(prefix) + out.write(text)
        for entry, raw in stored:
            written += out.write(b"\x00" * (entry["offset"] - written))
            written += out.write(raw)
        return written

    if hasattr(target, "write"):
        return write(target)  # type: ignore[arg-type]
    path = Path(os.path.realpath(target))  # a link's file is written, the link kept
    if path.exists() and not path.is_file() and not path.is_dir():
        with open(path, "wb") as out:  # a device or a pipe (/dev/null): written as a stream
            return write(out)
    mode = _file_mode(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # named by the folder and the file asked for, never the temporary file
        what = "no such directory" if isinstance(exc, FileNotFoundError) else exc.strerror
        raise type(exc)(exc.errno, f"cannot write {os.fspath(target)!r}: {what}: "
                                   f"{str(path.parent)!r}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            size = write(out)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)  # as any file written there (mkstemp makes it private)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return size


def _file_mode(path: Path) -> int:
    """The permissions an index written to ``path`` gets: the file's it replaces, else those
    of a new file (read and write as the umask allows)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _align(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN


class IndexFile:
    """A saved index opened for reading: its header, and its sections on demand.

    ``source`` is a path (memory-mapped: a section is read from the page cache, never the whole
    file at once) or the bytes of a file; ``name`` is what messages call it (by default the
    path, or ``<bytes>``).

    Raises
    ------
    IndexVersionError
        Not a saved index of this format (another magic, another format version).
    CorruptIndexError
        The header's checksum differs, or the file is shorter than its sections.
    """

    def __init__(self, source: str | os.PathLike[str] | bytes | bytearray | memoryview, *,
                 name: str | None = None):
        self._map: mmap.mmap | None = None
        if isinstance(source, (bytes, bytearray, memoryview)):
            self.name = "<bytes>" if name is None else name
            self._data: Any = memoryview(source)
        else:
            path = os.fspath(source)
            self.name = path if name is None else name
            with open(path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size == 0:
                    raise CorruptIndexError(f"{self.name}: empty file, not a saved index")
                self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            self._data = memoryview(self._map)
        try:
            self.header = self._read_header()
        except BaseException:
            self.close()
            raise

    def _read_header(self) -> dict[str, Any]:
        data = self._data
        head = bytes(data[:len(MAGIC)])
        if head != MAGIC[:len(head)] or not head:
            raise IndexVersionError(f"{self.name}: not a saved aeronorm index")
        if len(data) < _PREFIX.size:
            raise CorruptIndexError(f"{self.name}: truncated ({len(data)} bytes): not a whole saved index")
        _, version, length, crc = _PREFIX.unpack_from(data, 0)
        if version != FORMAT_VERSION:
            raise IndexVersionError(
                f"{self.name}: saved index format {version}, but this aeronorm reads format "
                f"{FORMAT_VERSION}: build the index again (aeronorm index build, or Normalizer.save)")
        end = _PREFIX.size + length
        if end > len(data):
            raise CorruptIndexError(f"{self.name}: truncated in its header ({len(data)} of {end}+ bytes)")
        text = bytes(data[_PREFIX.size:end])
        if zlib.crc32(text) != crc:
            raise CorruptIndexError(f"{self.name}: the header's checksum differs: the file was changed")
        try:
            header = json.loads(text)
            sections = {s["name"]: s for s in header["sections"]}
            last = max((s["offset"] + s["length"] for s in sections.values()), default=end)
        except (ValueError, KeyError, TypeError) as exc:
            raise CorruptIndexError(f"{self.name}: unreadable header ({exc})") from None
        if last > len(data):
            raise CorruptIndexError(f"{self.name}: truncated: {len(data)} bytes, its sections need {last}")
        self._sections = sections
        return header

    def section(self, name: str) -> bytes | memoryview:
        """The bytes of one section, checked (and decompressed)."""
        entry = self._sections.get(name)
        if entry is None:
            raise CorruptIndexError(f"{self.name}: no section {name!r}")
        raw = self._data[entry["offset"]:entry["offset"] + entry["length"]]
        if zlib.crc32(raw) != entry["crc32"]:
            raise CorruptIndexError(f"{self.name}: section {name!r} was changed (its checksum differs)")
        if entry["codec"] == "zlib":
            try:
                out = zlib.decompress(raw)
            except zlib.error as exc:  # pragma: no cover - the CRC-32 catches it first
                raise CorruptIndexError(f"{self.name}: section {name!r} does not decompress: {exc}") from None
        elif entry["codec"] == "raw":
            out = raw
        else:
            raise IndexVersionError(f"{self.name}: section {name!r} is stored as {entry['codec']!r}, "
                                    "which this aeronorm does not read")
        if len(out) != entry["size"]:
            raise CorruptIndexError(f"{self.name}: section {name!r} holds {len(out)} bytes, not "
                                    f"{entry['size']}")
        return out

    def sections(self) -> dict[str, bytes | memoryview]:
        """Every section, checked."""
        return {name: self.section(name) for name in self._sections}

    def close(self) -> None:
        """Release the file (the sections read are copies or views that must be dropped first)."""
        data, self._data = getattr(self, "_data", None), memoryview(b"")
        if data is not None:
            with contextlib.suppress(BufferError):  # a section still viewed: released with it
                data.release()
        if self._map is not None:
            with contextlib.suppress(BufferError):  # a view is still alive: the map closes when it goes
                self._map.close()
            self._map = None

    def __enter__(self) -> IndexFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
