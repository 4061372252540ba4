"""aeronorm inside data-frame libraries and engines.

Each integration lives in its own module and imports its library only when called, so
``import aeronorm.integrations`` costs nothing:

- :mod:`aeronorm.integrations.pandas`: the ``Series.aeronorm`` accessor (``normalize``, ``match``, ``find``);
- :mod:`aeronorm.integrations.frames`: pandas and Polars columns (``normalize_frame``,
  ``match_series``, ``normalize_series``; the latter fits Polars ``map_batches``); needs the
  ``pandas`` or ``polars`` extra.
- :mod:`aeronorm.integrations.spark` (also importable as :mod:`aeronorm.spark`): Apache Spark
  columns through Arrow pandas UDFs (``normalize_column``, ``find_column``); needs the ``spark``
  extra.
"""

__all__: list[str] = []
