"""The ``Series.aeronorm`` accessor: normalise, match and find names in a pandas column.

>>> import pandas as pd
>>> import aeronorm
>>> s = pd.Series(["NWPU", "Northwestern Polytechnic University", None, ""], index=[10, 11, 12, 13],
...               dtype=object)
>>> s.aeronorm.normalize().tolist()
['Northwestern Polytechnical University', 'Northwestern Polytechnical University', None, '']
>>> s.aeronorm.match()[["id", "method"]].loc[10].tolist()
['nwpu', 'exact']

Every method resolves each distinct value once (``pandas.factorize``), keeps the index, and lets
missing values (``None``, NaN, ``pd.NA``, empty or blank strings) through unchanged; except
:meth:`~AeronormAccessor.find`, whose cells are always lists of mentions: an empty or blank text
has none (``[]``), and only a missing value (``None``, NaN, ``pd.NA``) stays as it was, as
Spark's ``find_column`` gives ``[]`` and null.

**Registration without importing pandas.** ``import aeronorm`` must stay cheap, and pandas
takes about 0.3 s to import. So :func:`register_when_imported` (called by ``aeronorm``'s
``__init__``) registers the accessor at once when pandas is already imported, and otherwise puts
a small finder on :data:`sys.meta_path`. When ``import pandas`` happens later, the finder wraps
pandas' loader; once pandas' module has finished executing, the accessor is registered and the
finder removes itself (pandas gets its own loader back). Both orders, ``import pandas, aeronorm``
and ``import aeronorm, pandas``, give ``pd.Series(...).aeronorm``. Importing this module
directly registers nothing by itself: call :func:`register`.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ..normalizer import Normalizer

__all__ = ["ACCESSOR", "MATCH_COLUMNS", "AeronormAccessor", "register", "register_when_imported"]

#: Name of the accessor: ``series.aeronorm``.
ACCESSOR = "aeronorm"
#: Columns of :meth:`AeronormAccessor.match`.
MATCH_COLUMNS: tuple[str, ...] = ("id", "canonical", "type", "score", "method")

_lock = threading.Lock()
_registered = False


class AeronormAccessor:
    """aeronorm on a pandas Series of names or texts: ``series.aeronorm.normalize()`` and friends.

    Every method takes ``normalizer=`` (default: :func:`aeronorm.default_normalizer`) and
    resolves each distinct value once. Missing values pass through; other non-string values
    raise :class:`TypeError`.
    """

    def __init__(self, series: pd.Series):
        self._series = series

    # -- names ----------------------------------------------------------------------------------
    def normalize(self, *, type: str | None = None, on_unknown: str = "keep",
                  normalizer: Normalizer | None = None, progress: bool = False) -> pd.Series:
        """Canonical names, same index and name; unknown names per ``on_unknown``.

        ``"keep"`` keeps the name, ``"none"`` gives ``None``, ``"raise"`` raises
        :class:`~aeronorm.NoMatchError`. ``progress=True`` reports the distinct names resolved.
        """
        from ..batch import canonical_of, check_on_unknown

        n = _normalizer(normalizer)
        check_on_unknown(on_unknown)
        return self._same_dtype(self._map_matches(
            n, type, progress, lambda value, m: canonical_of(value, m, on_unknown)))  # type: ignore[arg-type]

    def match(self, *, type: str | None = None, normalizer: Normalizer | None = None,
              progress: bool = False) -> pd.DataFrame:
        """A DataFrame with columns ``id``, ``canonical``, ``type``, ``score``, ``method``.

        Rows of missing or unknown values are null (``score`` NaN). The index is the Series'.
        """
        import numpy as np
        import pandas as pd

        n = _normalizer(normalizer)
        codes, uniques = self._factorize()
        matches = self._matches(n, uniques, type, progress)
        columns: dict[str, Any] = {}
        attrs = ("entity_id", "canonical", "type", "score", "method")
        for col, attr in zip(MATCH_COLUMNS, attrs, strict=True):
            if col == "score":
                values = np.array([np.nan if m is None else m.score for m in matches] + [np.nan], dtype=float)
            else:
                values = np.array([None if m is None else getattr(m, attr) for m in matches] + [None],
                                  dtype=object)
            columns[col] = values[codes]  # code -1 (a null) picks the last slot
        return pd.DataFrame(columns, index=self._series.index)

    # -- running text ---------------------------------------------------------------------------
    def find(self, *, type: str | None = None, normalizer: Normalizer | None = None) -> pd.Series:
        """The mentions in each text: a Series of :class:`~aeronorm.results.Mentions` lists.

        Every text's cell is a list, never a string: an empty or blank text gives ``[]``. A
        missing value (``None``, NaN, ``pd.NA``) stays as it was (Spark's ``find_column`` gives
        null for a null text and ``[]`` for an empty one).
        """
        n = _normalizer(normalizer)
        return self._map(lambda text: n.find(text, type=type), blank=True)

    def normalize_text(self, *, style: str = "canonical", type: str | None = None,
                       normalizer: Normalizer | None = None) -> pd.Series:
        """Each text with its mentions replaced (:meth:`Normalizer.normalize_text`), as ``str``."""
        n = _normalizer(normalizer)
        out = self._map(lambda text: str(n.normalize_text(text, style=style, type=type)))  # type: ignore[arg-type]
        return self._same_dtype(out)

    # -- clustering -----------------------------------------------------------------------------
    def cluster(self, *, glossary: Any = None, threshold: float | None = None,
                type: str | None = None, units: str = "apart") -> pd.DataFrame:
        """The column's distinct values grouped by entity (:func:`aeronorm.cluster`, ``units=
        "with_parent"`` to roll units up into their parent's cluster): a tidy frame, one row per
        distinct value with its cluster's proposal and the evidence that joined it (columns
        :data:`aeronorm.clustering.export.REVIEW_COLUMNS`)."""
        from ..clustering import cluster

        return cluster(self._series.tolist(), glossary=glossary, threshold=threshold, type=type,
                       units=units).to_frame()

    # -- internals ------------------------------------------------------------------------------
    def _same_dtype(self, out: pd.Series) -> pd.Series:
        """Strings out of a string column stay a string column (pandas 3's ``str``, ``string``)."""
        import pandas as pd

        if isinstance(self._series.dtype, pd.StringDtype):
            return out.astype(self._series.dtype)
        return out

    def _factorize(self) -> tuple[Any, Any]:
        import pandas as pd

        values = self._series.to_numpy(dtype=object)
        # hashing runs in C: the Python work below is per distinct value, not per row
        return pd.factorize(values, use_na_sentinel=True)

    @staticmethod
    def _matches(n: Normalizer, uniques: Any, type_: str | None, progress: bool) -> list[Any]:
        """Matches of the distinct values (``aeronorm.batch``: missing values give ``None``)."""
        from ..batch import is_missing  # here: importing this module registers, and stays cheap

        for u in uniques:
            if not isinstance(u, str) and not is_missing(u):
                _check(u)
        return n.match_many(list(uniques), type=type_, progress=progress)

    def _map_matches(self, n: Normalizer, type_: str | None, progress: bool, fn: Any) -> pd.Series:
        """``fn(value, match)`` per row, resolved per distinct value; missing values as they were."""
        import numpy as np
        import pandas as pd

        s = self._series
        codes, uniques = self._factorize()
        matches = self._matches(n, uniques, type_, progress)
        out = np.empty(len(uniques) + 1, dtype=object)
        for i, (u, m) in enumerate(zip(uniques, matches, strict=True)):
            out[i] = fn(u, m)
        result = out[codes]
        missing = codes < 0
        if missing.any():
            result[missing] = s.to_numpy(dtype=object)[missing]  # None, NaN, pd.NA as they were
        return pd.Series(result, index=s.index, name=s.name, dtype=object)

    def _map(self, fn: Any, *, blank: bool = False) -> pd.Series:
        """``fn(text)`` per distinct text; missing values as they were, and so are empty or blank
        strings unless ``blank`` (then ``fn`` gets them too)."""
        import numpy as np
        import pandas as pd

        from ..batch import is_missing

        s = self._series
        codes, uniques = self._factorize()
        out = np.empty(len(uniques) + 1, dtype=object)
        for i, u in enumerate(uniques):
            out[i] = u if is_missing(u) and not (blank and isinstance(u, str)) else fn(_check(u))
        result = out[codes]
        missing = codes < 0
        if missing.any():
            result[missing] = s.to_numpy(dtype=object)[missing]  # None, NaN, pd.NA as they were
        return pd.Series(result, index=s.index, name=s.name, dtype=object)


def _check(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"values must be strings (or missing values), got {type(value).__name__}: {value!r}")
    return value


def _normalizer(normalizer: Normalizer | None) -> Normalizer:
    if normalizer is None:
        from ..normalizer import default_normalizer

        return default_normalizer()
    return normalizer


# ---------------------------------------------------------------------------------- registration
def register() -> None:
    """Register ``Series.aeronorm`` (imports pandas). Safe to call more than once."""
    global _registered
    with _lock:
        if _registered:
            return
        import pandas as pd

        pd.api.extensions.register_series_accessor(ACCESSOR)(AeronormAccessor)
        _registered = True


class _RegisteringLoader:
    """pandas' own loader, which registers the accessor once pandas has been executed."""

    def __init__(self, loader: Any):
        self._loader = loader

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        # give pandas its real loader back, and leave the import system as it was
        if getattr(module, "__spec__", None) is not None:
            module.__spec__.loader = self._loader
        module.__loader__ = self._loader
        _uninstall()
        try:
            register()
        except Exception as exc:  # never break "import pandas" because of aeronorm
            import warnings

            warnings.warn(f"aeronorm: could not register the pandas accessor: {exc}", stacklevel=2)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


class _PandasFinder:
    """A :data:`sys.meta_path` entry that only watches for the top-level ``pandas`` import."""

    def __init__(self) -> None:
        self._busy = False

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != "pandas" or self._busy:
            return None
        import importlib.util

        self._busy = True
        try:
            spec = importlib.util.find_spec("pandas")  # the other finders: this one is busy
        finally:
            self._busy = False
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _RegisteringLoader(spec.loader)
        return spec

    # importlib.invalidate_caches() calls this on meta_path entries
    def invalidate_caches(self) -> None:
        return None


_finder: _PandasFinder | None = None


def _uninstall() -> None:
    global _finder
    with _lock:
        if _finder is not None:
            if _finder in sys.meta_path:
                sys.meta_path.remove(_finder)
            _finder = None


def register_when_imported() -> None:
    """Register the accessor now if pandas is imported, else right after ``import pandas``."""
    global _finder
    pd = sys.modules.get("pandas")
    if pd is not None and hasattr(pd, "api"):
        register()
        return
    with _lock:
        if _finder is None and not _registered:
            _finder = _PandasFinder()
            sys.meta_path.insert(0, _finder)
