"""The matcher's linguistic resources, read once from ``aeronorm/data`` on first use.

Data lives in YAML and text files beside this module (word classes, place names, pinyin
syllables); this module only loads and compiles them into the sets and tables the matcher uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .text import fold, tokenize

__all__ = ["WordClasses", "load_pinyin_syllables", "load_places", "load_word_classes"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(name: str) -> str:
    return resources.files("aeronorm").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class WordClasses:
    """Compiled word classes (all folded to the tokens the matcher compares)."""

    stop_words: frozenset[str]
    legal_phrases: frozenset[tuple[str, ...]]
    generic_phrases: frozenset[tuple[str, ...]]
    abbreviations: dict[str, str]
    ordinals: dict[str, int]
    acronym_skip: frozenset[str]
    zh_descriptors: frozenset[str]
    pinyin_legal: frozenset[str]
    max_phrase: int


@cache
def load_word_classes() -> WordClasses:
    """Stop words, legal forms, generic words, abbreviation expansions and ordinals."""
    raw = yaml.load(_read("wordclasses.yaml"), Loader=_Loader)

    def phrases(key: str) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(tokenize(p)) for p in raw[key] if tokenize(p))

    legal, generic = phrases("legal_forms"), phrases("generic_words")
    return WordClasses(
        stop_words=frozenset(fold(w).replace("'", "") for w in raw["stop_words"]),
        legal_phrases=legal,
        generic_phrases=generic,
        abbreviations={fold(k).replace("'", ""): fold(v) for k, v in raw["abbreviations"].items()},
        ordinals={fold(k): int(v) for k, v in raw["ordinals"].items()},
        acronym_skip=frozenset(fold(w) for w in raw["acronym_skip"]),
        zh_descriptors=frozenset(raw["zh_descriptors"]),
        pinyin_legal=frozenset(fold(w) for w in raw["pinyin_legal"]),
        max_phrase=max(len(p) for p in legal | generic),
    )


@cache
def load_places() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Chinese place names: ``(zh, (english forms...))`` pairs."""
    raw = yaml.load(_read("places.yaml"), Loader=_Loader)
    return tuple((row["zh"], tuple(row["en"])) for row in raw["places"])


@cache
def load_pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (``ü`` written ``v``)."""
    lines = _read("pinyin_syllables.txt").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
