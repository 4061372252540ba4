"""Where saved indexes of the shipped glossary are kept: one per installation and version.

The directory is ``$AERONORM_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/aeronorm``, else
``~/.cache/aeronorm`` (``%LOCALAPPDATA%\\aeronorm`` on Windows). ``AERONORM_NO_INDEX_CACHE=1``
turns the cache off: every ``Normalizer()`` then builds its tables. A file's name holds its key
(the digests of the code, the glossary and the calibration), so another version or another
glossary never reads it; files of other keys are removed once they are a few versions old.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path

__all__ = ["CACHE_DIR_ENV", "NO_CACHE_ENV", "cache_dir", "cached_index_path", "prune"]

CACHE_DIR_ENV = "AERONORM_CACHE_DIR"
NO_CACHE_ENV = "AERONORM_NO_INDEX_CACHE"
_SUFFIX = ".aeronorm-index"
_KEEP = 4  # saved indexes kept in the directory (the newest)


def cache_dir() -> Path | None:
    """The directory of cached indexes, or ``None`` when the cache is turned off."""
    if os.environ.get(NO_CACHE_ENV, "").strip().lower() not in ("", "0", "false", "no"):
        return None
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "aeronorm"
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if base.strip() else Path.home() / ".cache") / "aeronorm"


def cached_index_path(directory: Path, *key: str) -> Path:
    """The file of the index whose key is ``key`` (digests and versions) in ``directory``."""
    digest = hashlib.sha256("\x00".join(key).encode("utf-8")).hexdigest()[:32]
    return directory / f"shipped-{digest}{_SUFFIX}"


def prune(directory: Path, *, keep: Path) -> None:
    """Remove cached indexes but the newest few (and ``keep``); what cannot be removed stays."""
    try:
        found = sorted(directory.glob(f"shipped-*{_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for path in found[_KEEP:]:
        if path != keep:
            with contextlib.suppress(OSError):
                path.unlink()
