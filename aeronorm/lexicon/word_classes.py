"""Word classes of the English side (``aeronorm/data/wordclasses.yaml``), compiled once.

Stop words, legal and company forms, generic words, abbreviation expansions, ordinals and the
small word lists of acronym derivation and comparison, all folded to the tokens the matcher
compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import data_yaml
from ..text.fold import fold, tokenize

__all__ = ["WordClasses", "load_word_classes"]

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)


@dataclass(frozen=True)
class WordClasses:
    """Compiled word classes of ``wordclasses.yaml`` (all folded to the tokens the matcher compares)."""

    stop_words: frozenset[str]
    legal_phrases: frozenset[tuple[str, ...]]
    generic_phrases: frozenset[tuple[str, ...]]
    abbreviations: dict[str, str]
    ordinals: dict[str, int]
    acronym_skip: frozenset[str]
    zh_descriptors: frozenset[str]
    pinyin_legal: frozenset[str]
    compass_words: tuple[str, ...]
    national_scope: frozenset[str]
    international_scope: frozenset[str]
    state_scope: frozenset[str]
    company_form_families: tuple[tuple[str, frozenset[str]], ...]
    name_glue: frozenset[str]
    cut_endings: frozenset[str]
    foreign_legal_forms: tuple[tuple[str, ...], ...]
    institution_types: frozenset[str]
    institution_abbreviations: frozenset[str]
    max_phrase: int
    distinct_renderings: tuple[frozenset[str], ...] = ()


@cache
def load_word_classes() -> WordClasses:
    """Stop words, legal forms, generic words, abbreviation expansions, ordinals and the small
    word lists of the English side."""
    raw = data_yaml("wordclasses.yaml")

    stop_words = frozenset(fold(w).replace("'", "") for w in raw["stop_words"])

    def phrases(key: str) -> frozenset[tuple[str, ...]]:
        # read as the lexicon reads a name: possessives and stop words dropped ("People's
        # Liberation Army" is the phrase people liberation army)
        read = (tuple(w for w in tokenize(_POSSESSIVE.sub("", p)) if w not in stop_words or w == "and")
                for p in raw[key])
        return frozenset(words for words in read if words)

    legal, generic = phrases("legal_forms"), phrases("generic_words")
    return WordClasses(
        stop_words=stop_words,
        legal_phrases=legal,
        generic_phrases=generic,
        abbreviations={fold(k).replace("'", ""): fold(v) for k, v in raw["abbreviations"].items()},
        ordinals={fold(k): int(v) for k, v in raw["ordinals"].items()},
        acronym_skip=frozenset(fold(w) for w in raw["acronym_skip"]),
        zh_descriptors=frozenset(raw["zh_descriptors"]),
        pinyin_legal=frozenset(fold(w) for w in raw["pinyin_legal"]),
        compass_words=tuple(raw["compass_words"]),
        national_scope=frozenset(raw["national_scope"]),
        international_scope=frozenset(raw["international_scope"]),
        state_scope=frozenset(raw["state_scope"]),
        company_form_families=tuple(
            (family, frozenset(words)) for family, words in raw["company_form_families"].items()
        ),
        name_glue=frozenset(raw["name_glue"]),
        cut_endings=frozenset(fold(w) for w in raw["cut_endings"]),
        foreign_legal_forms=tuple(sorted({tuple(fold(f).split()) for f in raw["foreign_legal_forms"]},
                                         key=len, reverse=True)),
        institution_types=frozenset(raw["institution_types"]),
        institution_abbreviations=frozenset(raw["institution_abbreviations"]),
        distinct_renderings=tuple(frozenset(fold(w) for w in group) for group in raw["distinct_renderings"]),
        max_phrase=max(len(p) for p in legal | generic),
    )
