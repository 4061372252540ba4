"""Words of running text that say what a name next to them is (``aeronorm/data/text.yaml``),
and the kind of body an entity is (for titles: "Vice President" of an academy or a company)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..glossary.entity import BODY_KINDS, Entity
from ..resources import data_yaml
from ..text.fold import fold

__all__ = ["TextCues", "body_kind_of_entity", "body_kind_of_words", "load_text_cues"]

_WORDS = re.compile(r"[^\W_]+")
_OF = frozenset({"of", "for", "at", "in", "on"})


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
    body_zh: tuple[tuple[str, str], ...]  # (suffix, kind), longest suffix first
    body_en: dict[str, str]  # head noun -> kind


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(fold(text).casefold()))


@cache
def load_text_cues() -> TextCues:
    """The word lists of ``aeronorm/data/text.yaml``, read once.

    Examples
    --------
    >>> cues = load_text_cues()
    >>> "island" in cues.features_after, "mr" in cues.honorifics, cues.body_en["academy"]
    (True, True, 'academy')
    """
    raw = data_yaml("text.yaml")
    bodies = raw["bodies"]
    unknown = set(bodies) - set(BODY_KINDS)
    if unknown:
        raise ValueError(f"aeronorm/data/text.yaml: unknown body kinds {sorted(unknown)}")
    zh = sorted(((s, kind) for kind, v in bodies.items() for s in v["zh"]), key=lambda p: -len(p[0]))
    en = {w: kind for kind, v in bodies.items() for w in v["en"]}
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
        body_zh=tuple(zh),
        body_en=en,
    )


def body_kind_of_words(words: list[str] | tuple[str, ...], cues: TextCues | None = None) -> str | None:
    """The kind of body an English name is, by its head noun: the last word before its first
    ``of``/``for`` ("Ministry of ..."), else its last word that names a kind.

    Examples
    --------
    >>> body_kind_of_words(["ministry", "of", "industry"]), body_kind_of_words(["press", "bureau"])
    ('ministry', None)
    >>> body_kind_of_words(["un", "office", "for", "outer", "space", "affairs"])
    'office'
    """
    cues = cues or load_text_cues()
    head = list(words)
    for i, w in enumerate(head):
        if w in _OF and i:
            head = head[:i]
            break
    for w in reversed(head):
        kind = cues.body_en.get(w)
        if kind is not None:
            return kind
    return None


def body_kind_of_entity(entity: Entity, cues: TextCues | None = None) -> str | None:
    """The kind of body an entity is: a place by its Chinese suffix (省, 市), a programme as
    such, an organisation by the suffix of its Chinese name, else by its English head noun.

    Examples
    --------
    >>> body_kind_of_entity(Entity("cnsa", "China National Space Administration", zh="国家航天局"))
    'administration'
    >>> body_kind_of_entity(Entity("x", "Harbin Institute of Technology", zh="哈尔滨工业大学"))
    'university'
    >>> body_kind_of_entity(Entity("y", "Vega Space Academy"))
    'academy'
    """
    cues = cues or load_text_cues()
    if entity.type == "program":
        return "program"
    if entity.type not in ("org", "place"):
        return None
    zh = entity.zh.strip()
    if zh:
        for suffix, kind in cues.body_zh:
            if zh.endswith(suffix):
                if entity.type == "place" and kind not in ("province", "city"):
                    break
                return kind
    kind = body_kind_of_words(_words(entity.name), cues)
    if entity.type == "place" and kind not in ("province", "city"):
        return "place"
    return kind
