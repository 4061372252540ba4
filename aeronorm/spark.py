"""aeronorm in Apache Spark; the implementation is :mod:`aeronorm.integrations.spark`.

Importing this module is cheap and never fails; pyspark is imported when a function is
called, and a missing ``spark`` extra raises :class:`~aeronorm.errors.MissingDependencyError`
(an ``ImportError``) telling you to ``pip install "aeronorm[spark]"``.

Examples
--------
>>> from aeronorm.spark import normalize_column
>>> out = normalize_column(df, "org")  # doctest: +SKIP
"""

from .integrations.spark import (
    MATCH_SCHEMA,
    MENTION_SCHEMA,
    decode_glossary,
    encode_glossary,
    find_column,
    find_udf,
    match_udf,
    normalize_column,
)

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
