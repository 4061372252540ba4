"""aeronorm in Apache Spark: Arrow pandas UDFs, one Normalizer per Python worker.

- :func:`normalize_column` adds ``{prefix}_id``, ``{prefix}_canonical``, ``{prefix}_score`` and
  ``{prefix}_method`` columns resolving a column of names;
- :func:`find_column` adds ``{prefix}_mentions``, the known names found in a column of text;
- :func:`match_udf` and :func:`find_udf` are the UDFs behind them, for ``select`` and Spark SQL.

How it runs: the driver builds a user's glossary's :class:`~aeronorm.normalizer.Normalizer`
once, saves every table (:meth:`Normalizer.save <aeronorm.Normalizer.save>`) and sends those
bytes to the executors once as a broadcast variable (on Spark Connect, which has no broadcast,
they travel inside the UDF); ``index=`` names a saved index the executors read themselves (a
path on shared storage), and nothing is sent. Each Python worker *loads* its normalizer from
them on its first batch: no worker builds a table. The shipped glossary is not sent at all: the
executors load its index from their installation's cache (:mod:`aeronorm.store.cache`). A
worker keeps its normalizer, with a bounded memo of resolved names, in a module-level cache
keyed by the index's digest and the threshold, so later batches and later tasks on that worker
(Spark reuses Python workers by default) pay nothing. Each Arrow batch is deduplicated before
any look-up.

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

import io
import os
import pickle
import threading
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..batch import Memo, check_on_unknown
from ..errors import AeronormError, MissingDependencyError
from .frames import MATCH_FIELDS, match_pandas

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

    key: str  # index digest ("default" for the shipped glossary): the worker cache key
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
          index: str | os.PathLike[str] | None = None) -> _Spec:
    from .. import __version__
    from ..glossary import Glossary

    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within 0..1, got {threshold!r}")
    if index is not None:
        if glossary is not None:
            raise ValueError("give glossary= or index= (a saved index holds its glossary), not both")
        path = os.fspath(index)
        return _Spec("index:" + path, path, threshold, __version__)
    if glossary is None or glossary is Glossary.default():
        return _Spec("default", None, threshold, __version__)
    if not isinstance(glossary, Glossary):
        raise TypeError(f"glossary must be a Glossary, not {type(glossary).__name__}")
    from ..store.digests import records_digest

    key = records_digest(glossary.entities, glossary.terms)[:24]
    data = _saved_index(key, glossary)
    return _Spec(key, _broadcast(session, key, data), threshold, __version__)


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
            else:
                # a saved index: its bytes, a broadcast of them, or a path the executor reads
                data = spec.payload if isinstance(spec.payload, (bytes, str)) else spec.payload.value
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
    values = texts.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    out = np.empty(len(uniques) + 1, dtype=object)  # last slot: null, picked by code -1
    for i, text in enumerate(uniques):
        out[i] = [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "id": None if m.match is None else m.match.entity_id,
                "canonical": None if m.match is None else m.match.canonical,
            }
            for m in find(text, type=type_)
        ]
    return pd.Series(out[codes], index=texts.index)


# ---------------------------------------------------------------------------- public API
def match_udf(
    *,
    glossary: Glossary | None = None,
    threshold: float | None = None,
    type: str | None = None,
    on_unknown: str = "keep",
    session: Any = None,
    index: str | os.PathLike[str] | None = None,
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
        nothing is broadcast and each Python worker loads it.

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
    index: str | os.PathLike[str] | None = None,
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
    index: str | os.PathLike[str] | None = None,
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
        and ``{prefix}_method``; defaults to ``column``. Existing columns of those names are
        replaced.
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
        ``column`` is not a string column.
    ValueError
        A new column would be ``column`` itself (its names would be lost).
    MissingDependencyError
        pyspark (or pandas, pyarrow) is not installed.

    Examples
    --------
    >>> df = spark.createDataFrame([("CASIC",), ("Moon Bakery",)], "maker string")  # doctest: +SKIP
    >>> [tuple(r) for r in normalize_column(df, "maker", on_unknown="none")
    ...  .select("maker_id", "maker_method").collect()]  # doctest: +SKIP
    [('casic', 'exact'), (None, None)]
    """
    _check_string_column(df, column)
    if dedupe not in ("batch", "global"):
        raise ValueError(f"dedupe must be 'batch' or 'global', got {dedupe!r}")
    if column in {f"{column if prefix is None else prefix}_{f}" for f in MATCH_FIELDS}:
        raise ValueError(f"the new column {column!r} would replace the column of names itself: "
                         f"choose another prefix than {prefix!r}")
    u = match_udf(glossary=glossary, threshold=threshold, type=type, on_unknown=on_unknown,
                  session=df.sparkSession, index=index)
    prefix = column if prefix is None else prefix
    if dedupe == "global":
        key = f"__aeronorm_key_{prefix}"
        names = df.select(_col(df, column).alias(key)).distinct()
        resolved = _with_match_columns(names, key, u, prefix)
        new = [f"{prefix}_{f}" for f in MATCH_FIELDS]
        left = df.drop(*(c for c in new if c in df.columns))
        # null-safe: the null name joins its own (all-null) resolution, rows are never lost
        joined = left.join(resolved, _col(left, column).eqNullSafe(resolved[key]), "left")
        return joined.select(*(_col(left, c) for c in left.columns), *(resolved[c] for c in new))
    return _with_match_columns(df, column, u, prefix)


def _with_match_columns(df: Any, column: str, u: Any, prefix: str) -> Any:
    """``df`` plus the four fields of ``u(column)`` as columns (the UDF runs once per row)."""
    tmp = f"__aeronorm_{prefix}"
    out = df.withColumn(tmp, u(_col(df, column)))
    out = out.withColumns({f"{prefix}_{f}": out[tmp].getField(f) for f in MATCH_FIELDS})
    return out.drop(tmp)


def find_column(
    df: Any,
    column: str,
    *,
    glossary: Glossary | None = None,
    prefix: str | None = None,
    threshold: float | None = None,
    type: str | None = None,
    index: str | os.PathLike[str] | None = None,
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
        The new column is ``{prefix}_mentions``; defaults to ``column``.

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
    _check_string_column(df, column)
    u = find_udf(glossary=glossary, threshold=threshold, type=type, session=df.sparkSession, index=index)
    prefix = column if prefix is None else prefix
    return df.withColumn(f"{prefix}_mentions", u(_col(df, column)))


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


def _check_string_column(df: Any, column: str) -> None:
    _imports()
    if not hasattr(df, "sparkSession") or not hasattr(df, "schema"):
        raise TypeError(f"expected a pyspark DataFrame, got {type(df).__name__}")
    if column not in df.columns:
        raise KeyError(f"no column {column!r}; columns: {df.columns}")
    dtype = df.schema[column].dataType.typeName()
    if dtype not in ("string", "varchar", "char"):
        raise TypeError(f"column {column!r} must hold strings, not {dtype}; cast it first")


def _check_type(type_: str | None) -> None:
    if type_ is not None:
        from ..glossary.entity import check_entity_type

        check_entity_type(type_)
