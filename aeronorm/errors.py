"""Exceptions raised by aeronorm."""

from __future__ import annotations

__all__ = [
    "AeronormError", "CorruptIndexError", "GlossaryError", "IndexVersionError", "MissingDependencyError",
    "NoMatchError", "SavedIndexError", "TranslatorOutputError",
]


class AeronormError(Exception):
    """Base class of every error aeronorm raises on purpose."""


class GlossaryError(AeronormError, ValueError):
    """A glossary file or record is malformed.

    The message names the file (or ``<records>``), the line where known, and the entry.
    """

    def __init__(self, message: str, *, source: str = "", line: int | None = None, entry: str = ""):
        self.source = source
        self.line = line
        self.entry = entry
        where = source + (f":{line}" if line else "")
        parts = [p for p in (where, f"entry {entry!r}" if entry else "") if p]
        super().__init__(f"{', '.join(parts)}: {message}" if parts else message)


class NoMatchError(AeronormError, LookupError):
    """Raised by ``normalize(..., on_unknown="raise")`` when a name is not in the glossary."""


class MissingDependencyError(AeronormError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, feature: str, extra: str, missing: str):
        super().__init__(
            f"{feature} needs {missing!r}, which is not installed: pip install \"aeronorm[{extra}]\""
        )
        self.extra = extra


class TranslatorOutputError(AeronormError, ValueError):
    """A translator returned something other than one string per input text."""


class SavedIndexError(AeronormError, ValueError):
    """A saved index (:meth:`Normalizer.save <aeronorm.Normalizer.save>`) cannot be loaded."""


class IndexVersionError(SavedIndexError):
    """A saved index was written by another version of aeronorm (or of its format, or of a
    library whose data it holds): build it again with this one."""


class CorruptIndexError(SavedIndexError):
    """A saved index is truncated or its bytes were changed: it is not what was written."""
