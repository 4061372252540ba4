"""The sqlite file behind :class:`~aeronorm.mt.CachedTranslator`.

Opening the file checks, once, everything that would otherwise fail in the middle of a run: what
the path is, whether it is an sqlite file, whether it holds a translation cache (and nothing
else), and whether it can be written. Every Python string round-trips, lone surrogates included.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

__all__ = ["CacheFileError", "SqliteStore", "from_sql", "to_sql"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    text TEXT NOT NULL,
    translation TEXT NOT NULL,
    PRIMARY KEY (model, source, target, text)
) WITHOUT ROWID
"""
_COLUMNS = ["model", "source", "target", "text", "translation"]
# Placeholders per SELECT; well under SQLite's smallest limit on bound variables (999).
_CHUNK = 500


class CacheFileError(Exception):
    """A cache file cannot be used. The message names the path and says why."""


def to_sql(text: str) -> str | bytes:
    """Return ``text`` in a form sqlite stores: itself, or its ``surrogatepass`` bytes.

    sqlite3 encodes str as strict UTF-8, which a lone surrogate (``"\\ud800"``) cannot pass.
    Such texts are stored as BLOBs instead. A BLOB never equals a TEXT in sqlite, and these bytes
    are never valid UTF-8, so the two forms cannot collide.

    Examples
    --------
    >>> to_sql("星河"), to_sql("a\\ud800")
    ('星河', b'a\\xed\\xa0\\x80')
    >>> from_sql(to_sql("a\\ud800")) == "a\\ud800"
    True
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
    return text


def from_sql(value: str | bytes) -> str:
    """Invert :func:`to_sql`."""
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


# sqlite's primary result codes (sqlite3 names them only from Python 3.11), and the messages
# that stand for them on Python 3.10, whose exceptions carry no code.
_READONLY, _CORRUPT, _NOTADB = 8, 11, 26
_MESSAGES = {
    "attempt to write a readonly database": _READONLY,
    "database disk image is malformed": _CORRUPT,
    "file is not a database": _NOTADB,
}


def _code(exc: sqlite3.Error) -> int:
    """The primary sqlite result code of ``exc`` (extended codes keep it in the low byte)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return _MESSAGES.get(str(exc), 0)
    return int(code) & 0xFF


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back the open transaction, if any, keeping the error that led here."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):  # the error being handled says more
            db.execute("ROLLBACK")


class SqliteStore:
    """One translation-cache file, checked when opened.

    Parameters
    ----------
    path : Path
        The sqlite file; created, with its folder, when missing.
    timeout : float, default 30.0
        Seconds to wait for another process's lock on the file.

    Attributes
    ----------
    writable : bool
        False when the file can be read but not written (a read-only file or folder).
    readonly_reason : str
        Why it cannot be written, when ``writable`` is False.

    Raises
    ------
    CacheFileError
        From the constructor, when the file cannot be used at all: the path is a folder or not a
        regular file, cannot be created or read, is not an sqlite database, is corrupt, or is
        another program's database. A file that is not a translation cache is never modified.

    Notes
    -----
    Not thread-safe by itself (the caller holds a lock). A connection is never used across
    ``fork()``: a child process opens its own at its first read or write.
    """

    def __init__(self, path: Path, *, timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout
        self.writable = False
        self.readonly_reason = ""
        self._inherited: list[sqlite3.Connection] = []
        self._db: sqlite3.Connection | None = self._open()
        self._pid = os.getpid()

    # -- opening ------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        path = self.path
        try:
            existed = path.exists()
            if existed and not path.is_file():
                kind = "a directory" if path.is_dir() else "not a regular file"
                raise CacheFileError(f"{path} is {kind}, not a cache file")
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheFileError(f"cannot use {path}: {exc.strerror or exc}") from exc
        try:
            # autocommit: every transaction below is explicit. One connection, used under the
            # caller's lock, may serve several threads.
            db = sqlite3.connect(path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            if existed:
                raise CacheFileError(f"cannot open {path}: {exc}") from exc
            raise CacheFileError(f"cannot create {path} ({exc}; is its folder writable?)") from exc
        try:
            self._check(db)
        except BaseException:
            db.close()
            raise
        return db

    def _check(self, db: sqlite3.Connection) -> None:
        path = self.path
        try:
            listed = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = sorted(name for (name,) in listed)
            if "translations" in tables:
                columns = [row[1] for row in db.execute("PRAGMA table_info(translations)")]
                if columns != _COLUMNS:
                    raise CacheFileError(
                        f"{path} has a 'translations' table with columns {columns}, not those of a "
                        f"translation cache {_COLUMNS}; it is left untouched"
                    )
                db.execute("SELECT text FROM translations LIMIT 1").fetchall()
            elif tables:
                raise CacheFileError(
                    f"{path} is an sqlite database of something else (tables: {', '.join(tables)}), "
                    "not a translation cache; it is left untouched"
                )
        except sqlite3.Error as exc:
            if _code(exc) in (_NOTADB, _CORRUPT):
                raise CacheFileError(
                    f"{path} is not an sqlite database, or is corrupt ({exc}); "
                    "move or delete it to start a new cache"
                ) from exc
            raise CacheFileError(f"cannot read {path}: {exc}") from exc

        if "translations" not in tables:
            try:
                self._write(db, _SCHEMA)
            except sqlite3.Error as exc:
                raise CacheFileError(f"cannot create a translation cache in {path}: {exc}") from exc
            self.writable = True
            return
        # Write a row and roll it back: this is where a read-only file, or a read-only folder that
        # cannot hold the journal, shows, rather than at the first write after a translation.
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("INSERT OR REPLACE INTO translations VALUES ('', '', '', '', '')")
            finally:
                _rollback(db)
        except sqlite3.Error as exc:
            if _code(exc) != _READONLY:
                raise CacheFileError(f"cannot write {path}: {exc}") from exc
            self.readonly_reason = str(exc)
            return
        self.writable = True

    @staticmethod
    def _write(db: sqlite3.Connection, sql: str, rows: list[tuple[object, ...]] | None = None) -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            if rows is None:
                db.execute(sql)
            else:
                db.executemany(sql, rows)
            db.execute("COMMIT")
        except BaseException:
            _rollback(db)
            raise

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            raise sqlite3.ProgrammingError(f"the cache file {self.path} is closed")
        if self._pid != os.getpid():
            # Forked: the parent's connection must not be used, nor closed, here (sqlite's rule);
            # keep it referenced so that it is never finalised in this process.
            self._inherited.append(self._db)
            self._db = None
            self._db = self._open()
            self._pid = os.getpid()
        return self._db

    # -- reading and writing ------------------------------------------------------------------

    def get(self, model: str, source: str, target: str, texts: list[str]) -> dict[str, str]:
        """Return ``{text: translation}`` for those of ``texts`` in the file."""
        db = self._connection()
        key = (to_sql(model), to_sql(source), to_sql(target))
        found: dict[str, str] = {}
        for start in range(0, len(texts), _CHUNK):
            chunk = [to_sql(t) for t in texts[start : start + _CHUNK]]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                "SELECT text, translation FROM translations "
                f"WHERE model = ? AND source = ? AND target = ? AND text IN ({marks})",
                (*key, *chunk),
            )
            for text, translation in rows:
                found[from_sql(text)] = from_sql(translation)
        return found

    def put(self, model: str, source: str, target: str, pairs: dict[str, str]) -> None:
        """Store ``{text: translation}`` in one transaction (nothing when not ``writable``)."""
        if not self.writable or not pairs:
            return
        db = self._connection()
        key = (to_sql(model), to_sql(source), to_sql(target))
        rows = [(*key, to_sql(t), to_sql(tr)) for t, tr in pairs.items()]
        self._write(
            db,
            "INSERT OR REPLACE INTO translations (model, source, target, text, translation) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )

    def close(self) -> None:
        """Close the file (idempotent)."""
        db, self._db = self._db, None
        if db is None:
            return
        if self._pid == os.getpid():
            db.close()
        else:
            self._inherited.append(db)
