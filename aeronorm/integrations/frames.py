"""Normalise pandas and Polars columns, each distinct value once.

Three functions, each taking pandas or Polars objects and returning the same kind:

- :func:`match_series`: a column of names -> id, canonical, score and method (a pandas
  DataFrame, or a Polars ``Struct`` Series);
- :func:`normalize_series`: a column of names -> their canonical names; fits Polars
  ``Expr.map_batches``;
- :func:`normalize_frame`: a data frame -> the same frame with ``{prefix}_id``,
  ``{prefix}_canonical``, ``{prefix}_score`` and ``{prefix}_method`` columns;
- :func:`find_series`: a column of texts -> the known names found in each (pandas:
  :class:`~aeronorm.results.Mentions` lists, as ``Series.aeronorm.find``; Polars: a
  ``List(Struct)`` column with the fields of Spark's ``find_column``).

The canonical column is exactly what :meth:`Normalizer.normalize_many` returns for the same
values and ``on_unknown``: missing values (null, NaN, empty or blank strings) pass through
unchanged, unknown names are kept (``"keep"``), nulled (``"none"``) or raise (``"raise"``). The
id, score and method columns are null for missing and unknown values. (pandas picks the column
dtype: with pandas 3 string columns are ``str``, whose missing value is NaN.) In
:func:`find_series` every text gives a list, an empty or blank one ``[]``; only a missing text
(null, NaN) stays missing, as in Spark.

pandas needs the ``pandas`` extra, Polars the ``polars`` extra; this module imports neither
until called.

Examples
--------
>>> import pandas as pd
>>> from aeronorm.integrations.frames import normalize_frame
>>> df = pd.DataFrame({"org": ["NWPU", "Northwestern Polytechnic University", None]})
>>> out = normalize_frame(df, "org")
>>> out["org_id"].tolist()[:2], out["org_method"].tolist()[0]
(['nwpu', 'nwpu'], 'exact')
>>> out["org_canonical"].tolist()[:2]
['Northwestern Polytechnical University', 'Northwestern Polytechnical University']

In Polars, as an expression:

>>> import polars as pl
>>> from aeronorm.integrations.frames import normalize_series
>>> pl.DataFrame({"org": ["NWPU", "Moon Bakery"]}).select(
...     pl.col("org").map_batches(normalize_series, return_dtype=pl.String))["org"].to_list()
['Northwestern Polytechnical University', 'Moon Bakery']
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..batch import check_on_unknown
from ..errors import MissingDependencyError

if TYPE_CHECKING:
    from ..batch import Memo
    from ..normalizer import Normalizer
    from ..results import Match

__all__ = ["MATCH_FIELDS", "MENTION_FIELDS", "find_series", "match_series", "mention_record",
           "normalize_frame", "normalize_series"]

#: The fields each resolved value gets, in order: entity id, canonical name, score, stage.
MATCH_FIELDS: tuple[str, ...] = ("id", "canonical", "score", "method")
#: The fields of a mention in Polars' (and Spark's) find column, in order.
MENTION_FIELDS: tuple[str, ...] = ("start", "end", "text", "id", "canonical")


# ---------------------------------------------------------------------------------- public
def match_series(
    series: Any,
    *,
    normalizer: Normalizer | None = None,
    type: str | None = None,
    on_unknown: str = "keep",
) -> Any:
    """Resolve a column of names, each distinct value once.

    Parameters
    ----------
    series : pandas.Series or polars.Series
        Names (strings; missing values allowed).
    normalizer : Normalizer, optional
        Defaults to :func:`aeronorm.default_normalizer` (the shipped glossaries).
    type : str, optional
        Only consider entities of this type.
    on_unknown : {"keep", "none", "raise"}
        The canonical of a name not in the glossary: the name itself, null, or
        :class:`~aeronorm.errors.NoMatchError`.

    Returns
    -------
    pandas.DataFrame or polars.Series
        pandas: a frame on the series' index with columns ``id``, ``canonical``, ``score``,
        ``method``. Polars: a ``Struct`` Series of those fields, named like ``series``.

    Raises
    ------
    TypeError
        For a value that is neither a string nor missing, or a non-string Polars dtype.

    Examples
    --------
    >>> import pandas as pd
    >>> r = match_series(pd.Series(["CASIC", "Moon Bakery", ""]))
    >>> r["id"].tolist()[0], r["score"].tolist()[0], r["canonical"].tolist()[1:]
    ('casic', 1.0, ['Moon Bakery', ''])
    """
    check_on_unknown(on_unknown)
    n = _normalizer(normalizer)
    if _is_polars(series, "Series"):
        return _match_polars(series, n, type=type, on_unknown=on_unknown)
    if _is_pandas(series, "Series"):
        return match_pandas(series, n, type=type, on_unknown=on_unknown)
    raise TypeError(f"expected a pandas or polars Series, got {_type_name(series)}")


def normalize_series(
    series: Any,
    *,
    normalizer: Normalizer | None = None,
    type: str | None = None,
    on_unknown: str = "keep",
) -> Any:
    """The canonical names of a column, same kind and name as the input.

    Equal, value by value, to ``normalizer.normalize_many(series, on_unknown=on_unknown)``.
    Fits Polars ``Expr.map_batches``; bind options with :func:`functools.partial`.

    Parameters
    ----------
    series : pandas.Series or polars.Series
        Names (strings; missing values allowed).
    normalizer, type, on_unknown
        As for :func:`match_series`.

    Returns
    -------
    pandas.Series or polars.Series

    Examples
    --------
    >>> import functools
    >>> import polars as pl
    >>> from aeronorm import Glossary, Normalizer
    >>> n = Normalizer(Glossary.from_records([{"id": "gw", "name": "Great Wall Rocket Works"}]))
    >>> s = pl.Series("maker", ["Great Wall Rocket Works Co.", "Moon Bakery", None])
    >>> normalize_series(s, normalizer=n, on_unknown="none").to_list()
    ['Great Wall Rocket Works', None, None]
    >>> df = pl.DataFrame({"maker": s})
    >>> df.with_columns(pl.col("maker").map_batches(
    ...     functools.partial(normalize_series, normalizer=n), return_dtype=pl.String))["maker"].to_list()
    ['Great Wall Rocket Works', 'Moon Bakery', None]
    """
    check_on_unknown(on_unknown)
    n = _normalizer(normalizer)
    if _is_polars(series, "Series"):
        return _match_polars(series, n, type=type, on_unknown=on_unknown).struct.field("canonical").alias(
            series.name)
    if _is_pandas(series, "Series"):
        return match_pandas(series, n, type=type, on_unknown=on_unknown)["canonical"].rename(series.name)
    raise TypeError(f"expected a pandas or polars Series, got {_type_name(series)}")


def normalize_frame(
    df: Any,
    column: str,
    *,
    normalizer: Normalizer | None = None,
    prefix: str | None = None,
    type: str | None = None,
    on_unknown: str = "keep",
) -> Any:
    """A copy of ``df`` with the resolution of ``column`` in four new columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The frame; it is not modified.
    column : str
        The column of names.
    normalizer, type, on_unknown
        As for :func:`match_series`.
    prefix : str, optional
        Names the new columns ``{prefix}_id``, ``{prefix}_canonical``, ``{prefix}_score``
        (float) and ``{prefix}_method``; defaults to ``column``. Existing columns of those
        names are replaced.

    Returns
    -------
    pandas.DataFrame or polars.DataFrame

    Raises
    ------
    KeyError
        If ``column`` is not in ``df``.
    ValueError
        If a new column would be ``column`` itself (its names would be lost), or if ``df``
        has two columns named ``column``.

    Examples
    --------
    >>> import polars as pl
    >>> out = normalize_frame(pl.DataFrame({"who": ["Zhang Kejian", "kejian zhang"]}), "who", prefix="p")
    >>> out.columns
    ['who', 'p_id', 'p_canonical', 'p_score', 'p_method']
    >>> out["p_canonical"].n_unique()
    1
    """
    check_on_unknown(on_unknown)
    n = _normalizer(normalizer)
    prefix = str(column) if prefix is None else prefix
    names = {f: f"{prefix}_{f}" for f in MATCH_FIELDS}
    if column in names.values():
        raise ValueError(f"the new column {column!r} would replace the column of names itself: "
                         f"choose another prefix than {prefix!r}")
    if _is_polars(df, "LazyFrame"):
        raise TypeError("normalize_frame needs a polars DataFrame, not a LazyFrame: collect() first, or "
                        "use pl.col(column).map_batches(match_series) and unnest the struct")
    if _is_polars(df, "DataFrame"):
        if column not in df.columns:
            raise KeyError(f"no column {column!r}; columns: {df.columns}")
        result = _match_polars(df.get_column(column), n, type=type, on_unknown=on_unknown)
        return df.with_columns(result.struct.field(f).alias(names[f]) for f in MATCH_FIELDS)
    if _is_pandas(df, "DataFrame"):
        if column not in df.columns:
            raise KeyError(f"no column {column!r}; columns: {list(df.columns)}")
        if list(df.columns).count(column) > 1:
            raise ValueError(f"the frame has {list(df.columns).count(column)} columns named {column!r}: "
                             f"rename them first")
        result = match_pandas(df[column], n, type=type, on_unknown=on_unknown)
        out = df.copy()
        for f in MATCH_FIELDS:
            out[names[f]] = result[f]
        return out
    raise TypeError(f"expected a pandas or polars DataFrame, got {_type_name(df)}")


def find_series(series: Any, *, normalizer: Normalizer | None = None, type: str | None = None) -> Any:
    """The known names in each text of a column, each distinct text scanned once.

    Parameters
    ----------
    series : pandas.Series or polars.Series
        Texts (strings; missing values allowed).
    normalizer, type
        As for :func:`match_series`.

    Returns
    -------
    pandas.Series or polars.Series
        pandas: ``Series.aeronorm.find()``, a Series of :class:`~aeronorm.results.Mentions` on
        the series' index. Polars: a ``List(Struct)`` Series named like ``series``, each mention
        a struct of :data:`MENTION_FIELDS` (the fields of Spark's ``find_column``). Every text
        gives a list (an empty or blank text ``[]``); a missing text stays missing.

    Examples
    --------
    >>> import polars as pl
    >>> found = find_series(pl.Series("body", ["NWPU met CASIC.", "   ", None]))
    >>> [[m["id"] for m in ms] if ms is not None else None for ms in found.to_list()]
    [['nwpu', 'casic'], [], None]
    """
    n = _normalizer(normalizer)
    if _is_polars(series, "Series"):
        return _find_polars(series, n, type=type)
    if _is_pandas(series, "Series"):
        from .pandas import AeronormAccessor

        return AeronormAccessor(series).find(type=type, normalizer=n)
    raise TypeError(f"expected a pandas or polars Series, got {_type_name(series)}")


def mention_record(m: Any) -> dict[str, Any]:
    """A :class:`~aeronorm.results.Mention` as a plain dict of :data:`MENTION_FIELDS` (Polars, Spark)."""
    return {"start": m.start, "end": m.end, "text": m.text,
            "id": None if m.match is None else m.match.entity_id,
            "canonical": None if m.match is None else m.match.canonical}


# ---------------------------------------------------------------------------------- engines
def resolve_distinct(
    normalizer: Normalizer,
    values: Sequence[Any],
    *,
    type: str | None,
    on_unknown: str,
    memo: Memo[Match | None] | None = None,
) -> tuple[list[Any], list[Any], list[float], list[Any]]:
    """Ids, canonicals, scores and methods of distinct ``values`` (internal; used by Spark).

    ``memo``, when given, remembers matches across calls (a Spark worker keeps one per glossary).
    """
    from ..batch import match_columns
    from ..batch import resolve_distinct as resolve_values

    def resolve(names: list[str]) -> list[Match | None]:
        return normalizer.match_many(names, type=type)

    matches = resolve_values(values, resolve if memo is None else memo.resolve(resolve))
    return match_columns(values, matches, check_on_unknown(on_unknown))


def match_pandas(
    series: Any,
    normalizer: Normalizer,
    *,
    type: str | None,
    on_unknown: str,
    memo: Memo[Match | None] | None = None,
) -> Any:
    """:func:`match_series` for a pandas Series without argument checks (internal; used by Spark)."""
    import numpy as np
    import pandas as pd

    try:
        values = series.to_numpy(dtype=object)
        # factorize hashes in C: the Python loop then runs once per distinct value, not per row
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        ids, canonicals, scores, methods = resolve_distinct(
            normalizer, uniques, type=type, on_unknown=on_unknown, memo=memo)
    except (TypeError, ValueError) as exc:  # an array is unhashable, a struct is two-dimensional
        kind = non_strings(series)
        if kind is None:
            raise
        raise TypeError(f"names must be strings (or missing values), but the column holds {kind}: "
                        "cast it to strings first") from exc

    def take(column: list[Any], fill: Any, dtype: Any = object) -> Any:
        arr = np.empty(len(column) + 1, dtype=dtype)
        arr[:-1] = column
        arr[-1] = fill  # code -1 (a null) picks this last slot
        return arr[codes]

    canonical = take(canonicals, None)
    missing = codes < 0
    canonical[missing] = values[missing]  # null and NaN pass through unchanged
    return pd.DataFrame(
        {
            "id": take(ids, None),
            "canonical": canonical,
            "score": take(scores, np.nan, np.float64),
            "method": take(methods, None),
        },
        index=series.index,
    )


def non_strings(series: Any) -> str | None:
    """What a pandas column (a Spark UDF's batch: a struct arrives as a DataFrame) holds when it
    is not strings, in words for an error message (``"integers"``, ``"arrays"``, ...); None
    when it holds only strings and missing values. Called after a failure, never per batch."""
    import numpy as np
    import pandas as pd

    if isinstance(series, pd.DataFrame):
        return "structs"
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return non_strings(pd.Series(dtype.categories))
    kind = {"b": "booleans", "i": "integers", "u": "integers", "f": "numbers", "c": "complex numbers",
            "M": "timestamps", "m": "durations"}.get(getattr(dtype, "kind", "O"))
    if kind == "numbers" and bool((series.dropna() % 1 == 0).all()):  # Spark's int column with nulls
        kind = "whole numbers"
    if kind is not None:
        return kind
    for v in series.array:
        if isinstance(v, str) or v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
            continue
        import datetime
        import decimal

        for types, name in (((list, tuple, np.ndarray), "arrays"), (dict, "maps"),
                            ((bytes, bytearray, memoryview), "binary values"), ((bool, np.bool_), "booleans"),
                            ((int, np.integer), "integers"), ((float, np.floating), "numbers"),
                            (decimal.Decimal, "decimals"), (datetime.datetime, "timestamps"),
                            (datetime.date, "dates")):
            if isinstance(v, types):
                return name
        return f"{v.__class__.__name__} values"
    return None


def _polars_strings(series: Any, what: str) -> Any:
    """A polars column as strings (null and categorical columns cast), or a TypeError naming ``what``."""
    pl = _import("polars", "polars")
    s = series
    if s.dtype == pl.Null or isinstance(s.dtype, (pl.Categorical, pl.Enum)):
        s = s.cast(pl.String)
    if s.dtype != pl.String:
        raise TypeError(f"{what} must be strings, got a polars column of {s.dtype}")
    return s


def _match_polars(series: Any, normalizer: Normalizer, *, type: str | None, on_unknown: str) -> Any:
    pl = _import("polars", "polars")
    s = _polars_strings(series, "names")
    distinct = s.unique().drop_nulls()
    ids, canonicals, scores, methods = resolve_distinct(
        normalizer, distinct.to_list(), type=type, on_unknown=on_unknown)

    def remap(column: list[Any], dtype: Any) -> Any:
        # replace_strict is a hash join in Rust; nulls (and only nulls) fall to the default
        return s.replace_strict(distinct, pl.Series(column, dtype=dtype), default=None, return_dtype=dtype)

    return pl.DataFrame(
        {
            "id": remap(ids, pl.String),
            "canonical": remap(canonicals, pl.String),
            "score": remap(scores, pl.Float64).fill_nan(None),
            "method": remap(methods, pl.String),
        }
    ).to_struct(series.name)


def _find_polars(series: Any, normalizer: Normalizer, *, type: str | None) -> Any:
    pl = _import("polars", "polars")
    s = _polars_strings(series, "texts")
    dtype = pl.List(pl.Struct({"start": pl.Int32, "end": pl.Int32, "text": pl.String, "id": pl.String,
                               "canonical": pl.String}))
    distinct = s.unique().drop_nulls()
    found = [[mention_record(m) for m in normalizer.find(text, type=type)] for text in distinct.to_list()]
    # each row's distinct text by its position (a hash join in Rust), then its list; a null text
    # (and only a null) falls to the default, and gathers null. (replace_strict cannot give lists.)
    position = s.replace_strict(distinct, pl.Series(range(len(distinct)), dtype=pl.UInt32), default=None,
                                return_dtype=pl.UInt32)
    return pl.Series(found, dtype=dtype).gather(position).alias(series.name)


# ---------------------------------------------------------------------------------- helpers
def _normalizer(normalizer: Normalizer | None) -> Normalizer:
    if normalizer is None:
        from ..normalizer import default_normalizer

        return default_normalizer()
    if not hasattr(normalizer, "match"):
        raise TypeError(f"normalizer must be a Normalizer, not {_type_name(normalizer)}")
    return normalizer


def _is_polars(obj: Any, *kinds: str) -> bool:
    # no import: a polars object can only exist if polars is already imported
    pl = sys.modules.get("polars")
    return pl is not None and isinstance(obj, tuple(getattr(pl, k) for k in kinds))


def _is_pandas(obj: Any, kind: str) -> bool:
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(obj, getattr(pd, kind))


def _type_name(obj: Any) -> str:
    t = type(obj)
    return f"{t.__module__}.{t.__qualname__}" if t.__module__ != "builtins" else t.__qualname__


def _import(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(f"aeronorm.integrations.frames with {module}", extra, module) from exc
