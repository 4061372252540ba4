"""Saved indexes: a normalizer's tables written once, loaded later without building them.

* :mod:`~aeronorm.store.container`: the file (a versioned header, named sections, checksums);
* :mod:`~aeronorm.store.graph`: the tables as flat arrays, and back, creating only allowed classes;
* :mod:`~aeronorm.store.digests`: what an index was built from (code, glossary, calibration,
  library versions);
* :mod:`~aeronorm.store.cache`: where the shipped glossary's index is kept per installation.

:meth:`Normalizer.save <aeronorm.Normalizer.save>` and :meth:`Normalizer.load
<aeronorm.Normalizer.load>` are the way in; this package knows nothing of normalizers. A saved
index is data, never code: loading one runs no code the file names and imports nothing (see
:mod:`~aeronorm.store.graph`), so an index from elsewhere can at worst give wrong answers, like a
glossary from elsewhere. It is loaded only by the aeronorm that wrote it (same version and same
sources), with the same jieba, pypinyin and OpenCC; anything else is an
:class:`~aeronorm.errors.IndexVersionError`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, BinaryIO

from ..errors import IndexVersionError, SavedIndexError
from .container import FORMAT_VERSION, IndexFile, write_index_file
from .digests import aeronorm_version, code_digest, library_versions
from .graph import Encoded, decode, encode

__all__ = ["ALLOWED_PACKAGES", "FORMAT_VERSION", "allowed_module", "check_index", "read_index",
           "read_index_header", "write_index"]

#: The packages whose classes a saved index may hold (and loading may create): the tables and
#: what they are made of. Translators (aeronorm.mt), adapters and the command line are not.
ALLOWED_PACKAGES = (
    "aeronorm.caching", "aeronorm.text", "aeronorm.glossary", "aeronorm.results", "aeronorm.lexicon",
    "aeronorm.index", "aeronorm.pipeline", "aeronorm.scan", "aeronorm.batch", "aeronorm.normalizer",
)


def allowed_module(module: str) -> bool:
    """Whether the classes of ``module`` may be saved and created (see :data:`ALLOWED_PACKAGES`)."""
    return any(module == p or module.startswith(p + ".") for p in ALLOWED_PACKAGES)


def write_index(root: Any, target: str | os.PathLike[str] | BinaryIO, *, header: Mapping[str, Any],
                names: Mapping[str, Any] | None = None, omit: Iterable[Any] = (), compress: bool = True
                ) -> int:
    """Write everything reachable from ``root`` to ``target`` (a path, written atomically, or a
    binary file); returns the bytes written.

    ``header`` adds facts to the file's header (digests of the glossary, counts); the format,
    aeronorm's version, the digest of its sources and the library versions are always there.
    ``names`` are objects :func:`read_index` may replace; ``omit`` objects are written as
    ``None`` wherever they are held.
    """
    encoded = encode(root, allowed=allowed_module, names=dict(names or {}), omit=omit)
    full = {"format": FORMAT_VERSION, "aeronorm": aeronorm_version(), "code": code_digest(),
            "libraries": library_versions(), "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "nodes": len(encoded.refs), **header}
    return write_index_file(target, full, encoded.sections(), compress=compress)


def read_index_header(source: str | os.PathLike[str] | bytes) -> dict[str, Any]:
    """The header of a saved index (format, versions, digests, sections), without loading it."""
    with IndexFile(source) as f:
        return f.header


def check_index(source: str | os.PathLike[str] | bytes, *, expect: Mapping[str, Any] | None = None,
                name: str | None = None) -> dict[str, Any]:
    """The header of a saved index, after every check :func:`read_index` makes before it decodes:
    the format, the aeronorm and library versions, ``expect``, and each section's checksum.

    For a caller that must know an index will load before it hands it on (Spark's driver,
    before the executors read it). ``name`` is what messages call ``source``. Raises as
    :func:`read_index`.
    """
    with IndexFile(source, name=name) as f:
        _check_header(f, expect)
        for entry in f.header["sections"]:
            f.section(entry["name"])  # one at a time: never every decompressed section at once
        return f.header


def read_index(source: str | os.PathLike[str] | bytes, *, expect: Mapping[str, Any] | None = None,
               substitute: Mapping[str, Callable[[Any], Any]] | None = None,
               into: Mapping[str, Any] | None = None
               ) -> tuple[dict[str, Any], Any]:
    """The header and the root object of a saved index.

    Parameters
    ----------
    source : path or bytes
    expect : mapping, optional
        Header values the index must have (the digest of a glossary): a different one is a
        :class:`~aeronorm.errors.SavedIndexError` naming it.
    substitute : mapping, optional
        For objects :func:`write_index` named: a function of the object as saved that returns
        its replacement (a calibration with another threshold).
    into : mapping, optional
        Objects of the named ones' classes to load them into (``{"root": obj}``).

    Raises
    ------
    IndexVersionError
        Written by another format, another aeronorm (version or sources) or other versions of
        jieba, pypinyin or OpenCC.
    CorruptIndexError
        Truncated, or its bytes changed.
    SavedIndexError
        Not the index expected, or its contents do not hold together.
    """
    with IndexFile(source) as f:
        header = f.header
        _check_header(f, expect)
        encoded = Encoded.of(f.sections())
    root = decode(encoded, allowed=allowed_module, substitute=dict(substitute or {}), into=dict(into or {}),
                  consume=True)
    return header, root


def _check_header(f: IndexFile, expect: Mapping[str, Any] | None) -> None:
    _check_versions(f.name, f.header, aeronorm_version())
    for key, value in (expect or {}).items():
        if f.header.get(key) != value:
            raise SavedIndexError(f"{f.name}: the index has {key} {str(f.header.get(key))[:16]!r}, "
                                  f"not {str(value)[:16]!r}: it was built from something else")


def _check_versions(name: str, header: Mapping[str, Any], version: str) -> None:
    again = "build it again (aeronorm index build, or Normalizer.save)"
    if header.get("aeronorm") != version:
        raise IndexVersionError(f"{name}: saved by aeronorm {header.get('aeronorm')}, this is {version}: "
                                + again)
    if header.get("code") != code_digest():
        raise IndexVersionError(f"{name}: saved by other sources of aeronorm {version} (a changed or other "
                                f"installation): {again}")
    theirs, ours = header.get("libraries") or {}, library_versions()
    for lib, have in ours.items():
        if theirs.get(lib) != have:
            raise IndexVersionError(f"{name}: saved with {lib} {theirs.get(lib)}, this has {have}: {again}")
