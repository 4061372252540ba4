"""aeronorm in Apache Spark: Arrow pandas UDFs, one Normalizer per Python worker.

- :func:`normalize_column` adds ``{prefix}_id``, ``{prefix}_canonical``, ``{prefix}_score`` and
  ``{prefix}_method`` columns resolving a column of names;
- :func:`find_column` adds ``{prefix}_mentions``, the known names found in a column of text;
- :func:`match_udf` and :func:`find_udf` are the UDFs behind them, for ``select`` and Spark SQL.

How it runs: the driver builds a user's glossary's :class:`~aeronorm.normalizer.Normalizer`
once, saves every table (:meth:`Normalizer.save <aeronorm.Normalizer.save>`) and sends those
bytes to the executors once as a broadcast variable (on Spark Connect, which has no broadcast,
they travel inside the UDF); ``index=`` names a saved index the executors read themselves (a
path on shared storage), which the driver reads once to check it and take its digest, and
nothing is sent. Each Python worker *loads* its normalizer from
them on its first batch: no worker builds a table. The shipped glossary is not sent at all: the
executors load its index from their installation's cache (:mod:`aeronorm.store.cache`). A
worker keeps its normalizer, with a bounded memo of resolved names, in a module-level cache
keyed by the index's digest and the threshold, so later batches and later tasks on that worker
(Spark reuses Python workers by default) pay nothing; an index file written again at the same
path is a new digest, so a worker never answers from the index it read before. Each Arrow batch
is deduplicated before any look-up.

Column names are compared as Spark resolves them: case-insensitively, unless
``spark.sql.caseSensitive`` is true. Names with dots, spaces or backticks are names, not paths.

The canonical column equals :meth:`Normalizer.normalize_many` on the same values: a null stays
null, an empty or blank string stays as it is, an unknown name is kept (``on_unknown="keep"``,
the default) or nulled (``"none"``). Id, score and method are null for all three.

Needs the ``spark`` extra (``pip install "aeronorm[spark]"``: pyspark, pandas, pyarrow), and
aeronorm installed on the executors (see ``docs/spark.md``). Importing this module imports no
Spark; the functions raise :class:`~aeronorm.errors.MissingDependencyError` when pyspark is
missing.

Examples
--------
>>> from aeronorm.spark import normalize_column
>>> df = spark.createDataFrame([("NWPU",), ("Moon Bakery",), (None,)], "org string")  # doctest: +SKIP
>>> normalize_column(df, "org").select("org_id", "org_canonical").show()  # doctest: +SKIP
+------+--------------------+
|org_id|       org_canonical|
+------+--------------------+
|  nwpu|Northwestern Poly...|
|  NULL|         Moon Bakery|
|  NULL|                NULL|
+------+--------------------+
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..batch import Memo, check_on_unknown
from ..errors import AeronormError, MissingDependencyError
from .frames import MATCH_FIELDS, match_pandas, mention_record, non_strings

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..normalizer import Normalizer
    from ..results import Match

__all__ = [
    "MATCH_SCHEMA",
    "MENTION_SCHEMA",
    "decode_glossary",
    "encode_glossary",
    "find_column",
    "find_udf",
    "match_udf",
    "normalize_column",
]

#: Spark type (DDL) of :func:`match_udf`'s result; :func:`normalize_column` splits it in columns.
MATCH_SCHEMA = "id string, canonical string, score double, method string"
#: Spark type (DDL) of :func:`find_udf`'s result: one struct per mention, in text order.
MENTION_SCHEMA = "array<struct<start: int, end: int, text: string, id: string, canonical: string>>"

#: Most names a worker remembers per glossary and type before it starts afresh (bounds memory).
_MEMO_LIMIT = 100_000
#: Most Normalizers (glossary x threshold) a worker keeps; the oldest goes first.
_MAX_NORMALIZERS = 4


# ---------------------------------------------------------------------------- glossary transport
def encode_glossary(glossary: Glossary) -> bytes:
    """Compact bytes of a glossary, for shipping to executors: zlib-compressed pickle.

    Examples
    --------
    >>> from aeronorm import Glossary
    >>> g = Glossary.from_records([{"id": "gw", "name": "Great Wall Rocket Works"}])
    >>> decode_glossary(encode_glossary(g)) == g
    True
    """
    return zlib.compress(pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL), 6)


def decode_glossary(data: bytes) -> Glossary:
    """The glossary :func:`encode_glossary` encoded. Only decode bytes you produced yourself."""
    return pickle.loads(zlib.decompress(data))


@dataclass(frozen=True)
class _Spec:
    """What a UDF carries to the workers: small, pickled with the UDF."""

    # the worker cache key: "default" (the shipped glossary), a user glossary's digest, or
    # "index:" and the SHA-256 of a saved index's bytes (index=), which the worker checks
    key: str
    payload: Any  # None (shipped glossary), a saved index's bytes, a Broadcast of them, or its path
    threshold: float | None
    version: str  # the driver's aeronorm version, checked on the worker


@dataclass
class _Worker:
    """A Python worker's Normalizer for one glossary and threshold, and its memos per type."""

    normalizer: Normalizer
    memos: dict[str | None, Memo[Match | None]] = field(default_factory=dict)
    batches: int = 0


#: Per Python worker process: (glossary digest, threshold) -> _Worker. Lives as long as the worker.
_WORKERS: dict[tuple[str, float | None], _Worker] = {}
_WORKERS_LOCK = threading.Lock()
#: Driver side: (application id, digest) -> Broadcast, so an index is broadcast once per app.
_BROADCASTS: dict[tuple[str, str], Any] = {}
#: Driver side: glossary digest -> the saved index of its normalizer (built once per driver).
_INDEXES: dict[str, bytes] = {}
_INDEXES_LOCK = threading.Lock()


def _spec(session: Any, glossary: Glossary | None, threshold: float | None,
          index: str | os.PathLike[str] | bytes | None = None) -> _Spec:
    from .. import __version__
    from ..glossary import Glossary
    from ..pipeline.calibration import DEFAULT_CALIBRATION

    DEFAULT_CALIBRATION.with_options(threshold=threshold)  # checked as Normalizer(threshold=) does
    if index is not None:
        if glossary is not None:
            raise ValueError("give glossary= or index= (a saved index holds its glossary), not both")
        if isinstance(index, (bytes, bytearray, memoryview)):  # its contents, as Normalizer.load takes
            data = bytes(index)
            key = _check_index(data, "index= bytes (read as a saved index's contents, as Normalizer.load "
                                     "does; a path is a str)")
            return _Spec(key, _broadcast(session, key, data), threshold, __version__)
        path = _index_path(index)
        with open(path, "rb") as fh:
            data = fh.read()
        return _Spec(_check_index(data, path), path, threshold, __version__)
    if glossary is None or glossary is Glossary.default():
        return _Spec("default", None, threshold, __version__)
    if not isinstance(glossary, Glossary):
        raise TypeError(f"glossary must be a Glossary, not {type(glossary).__name__}")
    from ..store.digests import records_digest

    key = records_digest(glossary.entities, glossary.terms)[:24]
    data = _saved_index(key, glossary)
    return _Spec(key, _broadcast(session, key, data), threshold, __version__)


def _index_path(index: Any) -> str:
    """The absolute path ``index=`` names, checked on the driver: a file that exists."""
    if not isinstance(index, (str, os.PathLike)):
        raise TypeError(f"index must be the path of a saved index (str or os.PathLike) or its bytes, "
                        f"not {type(index).__name__}")
    path = os.fspath(index)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not path:
        raise ValueError("index must be the path of a saved index, not an empty string")
    if not os.path.exists(path):
        raise FileNotFoundError(f"index: no such file: {path!r} (a saved index: aeronorm index build, "
                                "or Normalizer.save)")
    if os.path.isdir(path):
        raise IsADirectoryError(f"index: {path!r} is a directory, not a saved index")
    if not os.path.isfile(path):
        raise ValueError(f"index: {path!r} is not a regular file")
    # the executors read it: relative to the driver's directory, not to theirs
    return os.path.abspath(path)


def _index_digest(data: bytes) -> str:
    """The worker cache key of a saved index: its contents' SHA-256, never its path, so a file
    written again at the same path is a new key (and other spellings of one file are one)."""
    return "index:" + hashlib.sha256(data).hexdigest()


def _check_index(data: bytes, name: str) -> str:
    """:func:`_index_digest` of a saved index, once the driver has checked it will load: a
    normalizer's index, of this format, aeronorm and library versions, every checksum right."""
    from ..errors import SavedIndexError
    from ..store import check_index

    header = check_index(data, name=name)
    if "glossary" not in header or "calibration" not in header:
        raise SavedIndexError(f"{name}: a saved index, but not a Normalizer's (Normalizer.save writes them)")
    return _index_digest(data)


def _saved_index(key: str, glossary: Glossary) -> bytes:
    """The saved index of ``glossary``'s normalizer, built once per driver process."""
    with _INDEXES_LOCK:
        data = _INDEXES.get(key)
        if data is None:
            from ..normalizer import Normalizer

            buffer = io.BytesIO()
            Normalizer(glossary).save(buffer)
            data = _INDEXES[key] = buffer.getvalue()
            while len(_INDEXES) > _MAX_NORMALIZERS:
                del _INDEXES[next(iter(_INDEXES))]
    return data


def _broadcast(session: Any, key: str, data: bytes) -> Any:
    """A Broadcast of ``data``, made once per application; ``data`` itself on Spark Connect."""
    try:
        sc = session.sparkContext
        app = sc.applicationId
    except Exception:  # Spark Connect has no SparkContext: the bytes ride in the UDF instead
        return data
    bc = _BROADCASTS.get((app, key))
    if bc is None:
        for stale in [k for k in _BROADCASTS if k[0] != app]:  # from stopped applications
            del _BROADCASTS[stale]
        bc = _BROADCASTS[(app, key)] = sc.broadcast(data)
    return bc


def _worker(spec: _Spec) -> _Worker:
    """This process's Normalizer for ``spec``, built on first use (runs on the executors)."""
    cache_key = (spec.key, spec.threshold)
    w = _WORKERS.get(cache_key)
    if w is not None:
        return w
    with _WORKERS_LOCK:
        w = _WORKERS.get(cache_key)
        if w is None:
            from .. import __version__
            from ..normalizer import Normalizer, default_normalizer

            if spec.version != __version__:
                raise AeronormError(
                    f"aeronorm {__version__} on this executor but {spec.version} on the driver: "
                    "install the same aeronorm on both (see docs/spark.md)")
            if spec.payload is None:
                n = default_normalizer() if spec.threshold is None else Normalizer(threshold=spec.threshold)
            elif isinstance(spec.payload, str):  # index=: a path this executor reads
                with open(spec.payload, "rb") as fh:
                    data = fh.read()
                if _index_digest(data) != spec.key:  # never answer from another index than planned
                    raise AeronormError(
                        f"{spec.payload}: the saved index changed after the driver read it: run the job "
                        "again (and do not write over an index a job is reading)")
                n = Normalizer.load(data, threshold=spec.threshold)
            else:  # a saved index's bytes, or a broadcast of them
                data = spec.payload if isinstance(spec.payload, bytes) else spec.payload.value
                n = Normalizer.load(data, threshold=spec.threshold)
            while len(_WORKERS) >= _MAX_NORMALIZERS:
                del _WORKERS[next(iter(_WORKERS))]
            w = _WORKERS[cache_key] = _Worker(n)
    return w


# ---------------------------------------------------------------------------- batch functions
def _match_batch(values: Any, spec: _Spec, type_: str | None, on_unknown: str) -> Any:
    """pandas Series of names -> pandas DataFrame of MATCH_FIELDS (runs on the executors)."""
    w = _worker(spec)
    w.batches += 1
    memo = w.memos.get(type_)
    if memo is None:
        memo = w.memos[type_] = Memo(max_entries=_MEMO_LIMIT)
    return match_pandas(values, w.normalizer, type=type_, on_unknown=on_unknown, memo=memo)


def _find_batch(texts: Any, spec: _Spec, type_: str | None = None) -> Any:
    """pandas Series of texts -> pandas Series of lists of mention dicts (runs on the executors)."""
    import numpy as np
    import pandas as pd

    w = _worker(spec)
    w.batches += 1
    find = getattr(w.normalizer, "find", None)
    if find is None:
        raise AeronormError("find_column needs Normalizer.find, which this aeronorm version lacks")
    try:
        values = texts.to_numpy(dtype=object)
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        if not all(isinstance(text, str) for text in uniques):
            raise TypeError
    except (TypeError, ValueError) as exc:  # an array is unhashable, a struct is two-dimensional
        kind = non_strings(texts) or "values that are not strings"
        raise TypeError(f"find_udf needs a column of strings, but the column holds {kind}: "
                        "cast it to string first") from exc
    out = np.empty(len(uniques) + 1, dtype=object)  # last slot: null, picked by code -1
    for i, text in enumerate(uniques):
        out[i] = [mention_record(m) for m in find(text, type=type_)]  # "" and "   " give []
    return pd.Series(out[codes], index=texts.index)


# ---------------------------------------------------------------------------- public API
def match_udf(
    *,
    glossary: Glossary | None = None,
    threshold: float | None = None,
    type: str | None = None,
    on_unknown: str = "keep",
    session: Any = None,
    index: str | os.PathLike[str] | bytes | None = None,
) -> Any:
    """A pandas UDF resolving a string column into a struct of id, canonical, score, method.

    Parameters
    ----------
    glossary : Glossary, optional
        Defaults to the shipped glossaries, which the executors read from their own install.
        A user's glossary's index is built once on the driver and broadcast once per
        application; each Python worker loads it.
    threshold : float, optional
        Acceptance threshold; defaults to the Normalizer's.
    type : str, optional
        Only consider entities of this type.
    on_unknown : {"keep", "none", "raise"}
        Canonical of an unknown name: the name, null, or fail the job with
        :class:`~aeronorm.errors.NoMatchError`.
    session : SparkSession, optional
        The session to broadcast in; defaults to the active one.
    index : str or path, optional
        A saved index (:meth:`Normalizer.save <aeronorm.Normalizer.save>`, ``aeronorm index
        build``) at a path every executor can read (shared storage): instead of ``glossary``,
        nothing is broadcast and each Python worker loads it. The driver reads it first: a
        missing file, a directory, or a file that is not a saved index of this aeronorm fails
        here, not on the executors. ``bytes`` are an index's contents (as
        :meth:`Normalizer.load <aeronorm.Normalizer.load>` takes them), broadcast like a
        glossary's.

    Returns
    -------
    pyspark UserDefinedFunction
        Of type :data:`MATCH_SCHEMA`.

    Examples
    --------
    >>> u = match_udf()  # doctest: +SKIP
    >>> df.select(u("org").alias("m")).select("m.id", "m.canonical").show()  # doctest: +SKIP
    >>> spark.udf.register("aeronorm_match", u)  # doctest: +SKIP
    >>> spark.sql("SELECT aeronorm_match('NWPU').canonical").first()[0]  # doctest: +SKIP
    'Northwestern Polytechnical University'
    """
    pd, _, pandas_udf, session = _spark(session)
    check_on_unknown(on_unknown)
    _check_type(type)
    spec = _spec(session, glossary, threshold, index)

    def aeronorm_match(values):  # type: ignore[no-untyped-def]
        return _match_batch(values, spec, type, on_unknown)

    # real classes, not strings: Spark reads the hints to pick the Series -> DataFrame UDF kind
    aeronorm_match.__annotations__ = {"values": pd.Series, "return": pd.DataFrame}
    return pandas_udf(aeronorm_match, MATCH_SCHEMA)


def find_udf(
    *,
    glossary: Glossary | None = None,
    threshold: float | None = None,
    type: str | None = None,
    session: Any = None,
    index: str | os.PathLike[str] | bytes | None = None,
) -> Any:
    """A pandas UDF finding known names in a text column: an array of :data:`MENTION_SCHEMA` structs.

    Parameters are those of :func:`match_udf`. Needs :meth:`Normalizer.find` on the executors.

    Examples
    --------
    >>> df.select(find_udf()("abstract").alias("mentions")).first()  # doctest: +SKIP
    """
    pd, _, pandas_udf, session = _spark(session)
    _check_type(type)
    spec = _spec(session, glossary, threshold, index)

    def aeronorm_find(texts):  # type: ignore[no-untyped-def]
        return _find_batch(texts, spec, type)

    aeronorm_find.__annotations__ = {"texts": pd.Series, "return": pd.Series}
    return pandas_udf(aeronorm_find, MENTION_SCHEMA)


def normalize_column(
    df: Any,
    column: str,
    *,
    glossary: Glossary | None = None,
    prefix: str | None = None,
    threshold: float | None = None,
    type: str | None = None,
    on_unknown: str = "keep",
    dedupe: str = "batch",
    index: str | os.PathLike[str] | bytes | None = None,
) -> Any:
    """``df`` with four columns resolving the names in ``column``.

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The frame.
    column : str
        A string column of names (organisations, people, places, ...).
    glossary : Glossary, optional
        Defaults to the shipped glossaries. A user's glossary's index is built once on the
        driver and sent to the executors once.
    prefix : str, optional
        The new columns are ``{prefix}_id``, ``{prefix}_canonical``, ``{prefix}_score`` (double)
        and ``{prefix}_method``; defaults to ``column``; not empty. Existing columns of those
        names (as Spark compares names: in any case, by default) are replaced.
    threshold : float, optional
        Acceptance threshold; defaults to the Normalizer's.
    type : str, optional
        Only consider entities of this type.
    on_unknown : {"keep", "none", "raise"}
        Canonical of a name not in the glossary: the name itself (default), null, or fail.
    dedupe : {"batch", "global"}
        ``"batch"`` (default) resolves each row where it is, deduplicating every Arrow batch and
        remembering names per Python worker: no shuffle, best when names repeat a lot.
        ``"global"`` resolves ``df.select(column).distinct()`` and joins the result back: each
        distinct name is looked up once in the cluster at the price of a shuffle and a join,
        best when there are millions of distinct names. Same result either way; row order
        is not kept by ``"global"`` (Spark never promises it), and replaced columns move to
        the end.
    index : str or path, optional
        A saved index every executor can read, instead of ``glossary`` (see :func:`match_udf`).

    Returns
    -------
    pyspark.sql.DataFrame
        Row for row, ``{prefix}_canonical`` equals
        ``Normalizer(glossary).normalize_many(values, on_unknown=on_unknown)``; id, score and
        method are null for null, empty, blank and unknown names.

    Raises
    ------
    KeyError
        ``column`` is not in ``df``.
    TypeError
        ``column`` is not a string column; an argument of the wrong type.
    ValueError
        A new column would be ``column`` itself (its names would be lost; Spark compares names
        case-insensitively by default), two columns are named ``column``, or a bad argument.
    FileNotFoundError, SavedIndexError
        ``index`` is not the path of a saved index this aeronorm can load.
    MissingDependencyError
        pyspark (or pandas, pyarrow) is not installed.

    Examples
    --------
    >>> df = spark.createDataFrame([("CASIC",), ("Moon Bakery",)], "maker string")  # doctest: +SKIP
    >>> [tuple(r) for r in normalize_column(df, "maker", on_unknown="none")
    ...  .select("maker_id", "maker_method").collect()]  # doctest: +SKIP
    [('casic', 'exact'), (None, None)]
    """
    column = _check_string_column(df, column)
    if dedupe not in ("batch", "global"):
        raise ValueError(f"dedupe must be 'batch' or 'global', got {dedupe!r}")
    prefix = _check_prefix(prefix, column)
    new = [f"{prefix}_{f}" for f in MATCH_FIELDS]
    _check_not_replaced(df, column, new, prefix)
    u = match_udf(glossary=glossary, threshold=threshold, type=type, on_unknown=on_unknown,
                  session=df.sparkSession, index=index)
    if dedupe == "global":
        fold = _name_key(df)
        key = _fresh_name(df, f"__aeronorm_key_{prefix}")
        names = df.select(_col(df, column).alias(key)).distinct()
        resolved = _with_match_columns(names, key, u, prefix)
        # the columns batch mode replaces: the same names, as Spark resolves them
        left = df.drop(*(c for c in df.columns if fold(c) in {fold(n) for n in new}))
        # null-safe: the null name joins its own (all-null) resolution, rows are never lost
        joined = left.join(resolved, _col(left, column).eqNullSafe(_col(resolved, key)), "left")
        return joined.select(*(_col(left, c) for c in left.columns), *(_col(resolved, c) for c in new))
    return _with_match_columns(df, column, u, prefix)


def _with_match_columns(df: Any, column: str, u: Any, prefix: str) -> Any:
    """``df`` plus the four fields of ``u(column)`` as columns (the UDF runs once per row)."""
    tmp = _fresh_name(df, f"__aeronorm_{prefix}")
    out = df.withColumn(tmp, u(_col(df, column)))
    out = out.withColumns({f"{prefix}_{f}": _col(out, tmp).getField(f) for f in MATCH_FIELDS})
    return out.drop(tmp)


def find_column(
    df: Any,
    column: str,
    *,
    glossary: Glossary | None = None,
    prefix: str | None = None,
    threshold: float | None = None,
    type: str | None = None,
    index: str | os.PathLike[str] | bytes | None = None,
) -> Any:
    """``df`` with ``{prefix}_mentions``: the known names in the text of ``column``.

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The frame.
    column : str
        A string column of running text.
    glossary, threshold, type, index
        As for :func:`normalize_column`.
    prefix : str, optional
        The new column is ``{prefix}_mentions``; defaults to ``column``. It must not be
        ``column`` itself (``ValueError``).

    Returns
    -------
    pyspark.sql.DataFrame
        ``{prefix}_mentions`` is an array of structs ``(start, end, text, id, canonical)``,
        one per mention :meth:`Normalizer.find` reports, in order (character offsets into the
        text; ``id``/``canonical`` null for an unresolved mention); null for a null text.

    Examples
    --------
    >>> df = spark.createDataFrame([("Engineers from NWPU met CASIC.",)], "body string")  # doctest: +SKIP
    >>> [m.id for m in find_column(df, "body").first().body_mentions]  # doctest: +SKIP
    ['nwpu', 'casic']
    """
    column = _check_string_column(df, column)
    prefix = _check_prefix(prefix, column)
    new = f"{prefix}_mentions"
    _check_not_replaced(df, column, [new], prefix)
    u = find_udf(glossary=glossary, threshold=threshold, type=type, session=df.sparkSession, index=index)
    return df.withColumn(new, u(_col(df, column)))


# ---------------------------------------------------------------------------- helpers
def _imports() -> tuple[Any, Any, Any]:
    """pandas, SparkSession and pandas_udf; MissingDependencyError naming the extra."""
    try:
        import pandas as pd
        import pyarrow  # noqa: F401 - pandas UDFs need it; fail here, not on the executors
        from pyspark.sql import SparkSession
        from pyspark.sql.functions import pandas_udf
    except ImportError as exc:
        raise MissingDependencyError("aeronorm.spark", "spark", exc.name or "pyspark") from exc
    return pd, SparkSession, pandas_udf


def _spark(session: Any) -> tuple[Any, Any, Any, Any]:
    """:func:`_imports` and the session (the active one by default)."""
    pd, SparkSession, pandas_udf = _imports()
    if session is None:
        session = SparkSession.getActiveSession()
        if session is None:
            raise RuntimeError("no active SparkSession: create one, or pass session=")
    return pd, SparkSession, pandas_udf, session


def _col(df: Any, name: str) -> Any:
    """Column ``name`` of ``df`` as written: a dot in it is part of the name, not a struct's field."""
    return df[f"`{name.replace('`', '``')}`"]


def _name_key(df: Any) -> Callable[[str], str]:
    """What Spark compares of two column names: the names, or (``spark.sql.caseSensitive`` false,
    the default) their case-folded forms, folded a character at a time as Java's
    ``equalsIgnoreCase`` does."""
    try:
        sensitive = str(df.sparkSession.conf.get("spark.sql.caseSensitive", "false")).lower() == "true"
    except Exception:  # a session that cannot say: Spark's default
        sensitive = False
    if sensitive:
        return str

    def fold(name: str) -> str:
        return "".join(u.lower() if len(u := c.upper()) == 1 else c.lower() for c in name)

    return fold


def _check_string_column(df: Any, column: str) -> str:
    """The name of ``df``'s column that ``column`` names (as Spark resolves it), a string column."""
    _imports()
    if not hasattr(df, "sparkSession") or not hasattr(df, "schema"):
        raise TypeError(f"expected a pyspark DataFrame, got {type(df).__name__}")
    if not isinstance(column, str):
        raise TypeError(f"column must be a column's name (a str), not {type(column).__name__}")
    fold = _name_key(df)
    hits = [i for i, c in enumerate(df.columns) if fold(c) == fold(column)]
    if not hits:
        struct = " (a struct's field? give it a column of its own first)" if "." in column else ""
        raise KeyError(f"no column {column!r}{struct}; columns: {df.columns}")
    if len(hits) > 1:
        raise ValueError(f"{len(hits)} columns of the frame are named {column!r} "
                         f"({', '.join(repr(df.columns[i]) for i in hits)}), as Spark compares names: "
                         "rename or drop all but one first")
    found = df.schema.fields[hits[0]]
    dtype = found.dataType.typeName()
    if dtype not in ("string", "varchar", "char"):
        raise TypeError(f"column {found.name!r} must hold strings, not {dtype}; cast it first")
    return found.name


def _check_prefix(prefix: Any, column: str) -> str:
    if prefix is None:
        return column
    if not isinstance(prefix, str):
        raise TypeError(f"prefix must be a str, not {type(prefix).__name__}: {prefix!r}")
    if not prefix:
        raise ValueError("prefix must not be empty (the new columns would be '_id', ...): give one, or "
                         "leave it out for the column's name")
    return prefix


def _check_not_replaced(df: Any, column: str, new: list[str], prefix: str) -> None:
    """ValueError if a new column would replace ``column``, as Spark compares names."""
    fold = _name_key(df)
    for name in new:
        if fold(name) == fold(column):
            same = "" if name == column else " (Spark compares column names case-insensitively)"
            raise ValueError(f"the new column {name!r} would replace the column of names {column!r} "
                             f"itself{same}: choose another prefix than {prefix!r}")


def _fresh_name(df: Any, base: str) -> str:
    """``base``, or ``base`` and a number: the name of no column of ``df`` (a temporary column)."""
    fold = _name_key(df)
    taken = {fold(c) for c in df.columns}
    name, n = base, 0
    while fold(name) in taken:
        n += 1
        name = f"{base}_{n}"
    return name


def _check_type(type_: str | None) -> None:
    if type_ is not None:
        from ..glossary.entity import check_entity_type

        check_entity_type(type_)
