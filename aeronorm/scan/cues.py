"""Words of running text that say what a name next to them is (``aeronorm/data/text.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import data_yaml
from ..text.fold import fold

__all__ = ["TextCues", "load_text_cues", "read_aka"]

_WORDS = re.compile(r"[^\W_]+")
_AKA = re.compile(r"\ba\.k\.a\.", re.IGNORECASE)
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class TextCues:
    """The word lists of ``text.yaml``, folded (see the file for what each one is for)."""

    honorifics: frozenset[str]
    features_after: frozenset[str]
    features_before: frozenset[str]
    foreign: frozenset[str]
    rank_modifiers: frozenset[str]
    appointment: frozenset[str]
    national_suffixes: tuple[tuple[str, ...], ...]
    naming: tuple[tuple[str, ...], ...] = ()
    article_heads: frozenset[str] = frozenset()
    article_of_heads: frozenset[str] = frozenset()
    article_followers: frozenset[str] = frozenset()
    apposition_nouns: frozenset[str] = frozenset()
    article_company_heads: frozenset[str] = frozenset()
    article_company_openers: frozenset[str] = frozenset()
    script_labels: frozenset[str] = frozenset()
    generic_posts: frozenset[str] = frozenset()
    naming_list_words: frozenset[str] = frozenset()
    level_adjectives: frozenset[str] = frozenset()
    meaning: tuple[tuple[str, ...], ...] = ()


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(fold(text).casefold()))


@cache
def load_text_cues() -> TextCues:
    """The word lists of ``aeronorm/data/text.yaml``, read once.

    Examples
    --------
    >>> cues = load_text_cues()
    >>> "island" in cues.features_after, "mr" in cues.honorifics
    (True, True)
    """
    raw = data_yaml("text.yaml")
    feats = raw["place_features"]

    def words(key: str) -> frozenset[str]:
        return frozenset(" ".join(_words(w)) for w in raw[key])

    return TextCues(
        honorifics=words("honorifics"),
        features_after=frozenset(feats["after"]),
        features_before=frozenset(feats["before"]),
        foreign=words("foreign_qualifiers"),
        rank_modifiers=words("rank_modifiers"),
        appointment=words("appointment_cues"),
        national_suffixes=tuple(sorted({_words(s) for s in raw["national_suffixes"]}, key=len, reverse=True)),
        naming=tuple(sorted({tuple(w for w in _words(s) if w not in _ARTICLES) for s in raw["naming_cues"]},
                            key=len, reverse=True)),
        meaning=tuple(sorted({_words(s) for s in raw["meaning_cues"]}, key=len, reverse=True)),
        article_heads=words("article_heads"),
        article_of_heads=words("article_of_heads"),
        article_followers=words("article_followers"),
        apposition_nouns=words("apposition_nouns"),
        article_company_heads=words("article_company_heads"),
        article_company_openers=words("article_company_openers"),
        script_labels=words("script_labels"),
        generic_posts=words("generic_posts"),
        naming_list_words=words("naming_list_words"),
        level_adjectives=frozenset(w.casefold() for w in raw["level_adjectives"]),
    )


def read_aka(text: str) -> str:
    """``text`` with "a.k.a." written as the word "aka" (padded to its length: offsets hold), so
    that its periods end no sentence and it reads as the naming cue it is.

    >>> read_aka("X, a.k.a. Y")
    'X, aka    Y'
    """
    return _AKA.sub("aka   ", text) if "." in text else text
