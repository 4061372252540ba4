"""What a saved index was built from, as digests: the code, the glossary, the calibration, and
the versions of the libraries whose data its tables hold.

A saved index is only as good as the code and the data that built it: it is loaded only by the
code that wrote it (same aeronorm version, same sources: :func:`code_digest`), with the same
jieba, pypinyin and OpenCC (their dictionaries are in the tables: :func:`library_versions`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "LIBRARIES", "aeronorm_version", "code_digest", "files_digest", "library_versions", "records_digest",
    "value_digest",
]

#: Libraries whose data ends up in the tables (jieba's dictionary, pypinyin's readings, OpenCC's
#: conversions): another version of one may build other tables.
LIBRARIES = ("jieba", "pypinyin", "opencc")
_PACKAGE = Path(__file__).resolve().parents[1]


def aeronorm_version() -> str:
    """``aeronorm.__version__``, read from the package this module belongs to (already imported:
    importing it here would make this low layer depend on every module the package exports)."""
    return sys.modules[__name__.partition(".")[0]].__version__


@cache
def code_digest() -> str:
    """SHA-256 of aeronorm's own files (its modules and its data), read once per process."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            h.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\x00")
            h.update(path.read_bytes())
            h.update(b"\x00")
    return h.hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """SHA-256 of files' names and bytes, in the order given."""
    h = hashlib.sha256()
    for path in paths:
        h.update(Path(path).name.encode("utf-8") + b"\x00")
        h.update(Path(path).read_bytes())
        h.update(b"\x00")
    return h.hexdigest()


def records_digest(*groups: Iterable[Any]) -> str:
    """SHA-256 of dataclass records (a glossary's entities, its terms), field by field in order.

    Fields that take no part in equality (an entity's ``origin``: where it was read) are left
    out, so the same glossary read from another place has the same digest.
    """
    h = hashlib.sha256()
    for group in groups:
        for record in group:
            fields = [getattr(record, f.name) for f in dataclasses.fields(record) if f.compare]
            h.update(json.dumps([type(record).__name__, *fields], ensure_ascii=False).encode("utf-8"))
            h.update(b"\n")
        h.update(b"\x00")
    return h.hexdigest()


def value_digest(value: Any, *, leave_out: Iterable[str] = ()) -> str:
    """SHA-256 of a dataclass's fields (``repr`` of each, in order), some left out."""
    skip = set(leave_out)
    h = hashlib.sha256()
    for f in dataclasses.fields(value):
        if f.name not in skip:
            h.update(f"{f.name}={getattr(value, f.name)!r}\n".encode())
    return h.hexdigest()


@cache
def library_versions() -> dict[str, str]:
    """Installed versions of :data:`LIBRARIES` (``"?"`` when one does not say)."""
    from importlib import metadata

    out = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "?"
    return out
