"""Machine translation for retranslation (stage 6): translators and a cache.

A *translator* is any object with ``source``, ``target`` and ``translate(texts) -> list[str]``
(the :class:`Translator` protocol). aeronorm ships three:

- :class:`FunctionTranslator` wraps a function, so any engine or web service plugs in;
- :class:`CachedTranslator` caches any translator in memory and, optionally, in a sqlite file;
- :class:`MarianTranslator` runs a local MarianMT model such as ``Helsinki-NLP/opus-mt-en-zh``
  (needs the ``mt`` extra: ``pip install "aeronorm[mt]"``).

Importing this package imports no MT library; torch and transformers are loaded when a
:class:`MarianTranslator` is constructed.

Examples
--------
>>> from aeronorm.mt import CachedTranslator, FunctionTranslator
>>> names = {"Star River Rocket Works": "星河火箭厂"}
>>> lookup = FunctionTranslator(lambda ts: [names.get(t, "") for t in ts], source="en", target="zh")
>>> en_zh = CachedTranslator(lookup)
>>> en_zh.translate(["Star River Rocket Works"])
['星河火箭厂']
"""

from aeronorm.mt.base import FunctionTranslator, Translator, TranslatorOutputError, cache_key_of
from aeronorm.mt.cache import CachedTranslator, CacheStats, TranslationCacheWarning
from aeronorm.mt.marian import MarianTranslator, ModelLoadError, ModelNotFoundError

__all__ = [
    "CacheStats",
    "CachedTranslator",
    "FunctionTranslator",
    "MarianTranslator",
    "ModelLoadError",
    "ModelNotFoundError",
    "TranslationCacheWarning",
    "Translator",
    "TranslatorOutputError",
    "cache_key_of",
]
