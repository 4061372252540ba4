"""Whether a Chinese name's leading place is part of it.

A company's name may leave out the place where it is registered: 北京天兵科技有限公司 is
"Tianbing Keji" too. So may an institution named by a proper word (紫金山, a brand). An
institution named by common words only keeps its place: 上海交通大学 is not "Jiaotong Daxue" (five
universities are named 交通大学), 哈尔滨工业大学 is not "Gongye Daxue".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from ..glossary.entity import Entity
from ..lexicon import Kind, TermLexicon, Tok
from ..resources import load_chinese_words, load_places_within
from ..text.fold import has_han

__all__ = ["english_places", "keeps_its_place", "located_places", "places_around", "stated_places"]


def english_places(entity: Entity, read: Callable[[str], Sequence[Tok]]) -> frozenset[str]:
    """The places ``entity``'s English names state ("X (Beijing) Space Technology"), as the
    lexicon reads them (``read``: a name's tokens): Chinese place words (北京)."""
    return frozenset(t.key for name in entity.english_names() for t in read(name) if t.kind == Kind.PLACE)


def stated_places(entity: Entity, lexicon: TermLexicon, scope: Collection[str] = ()) -> frozenset[str]:
    """The concepts of the places the entity's names state (English and Chinese; abbreviations
    aside), and of the ``scope`` words they hold (中国, 国家)."""
    stated: set[str] = set()
    for label, text in entity.forms():
        if label == "abbreviation":
            continue
        for t in lexicon.read_zh(text) if has_han(text) else lexicon.read(text):
            if t.kind == Kind.PLACE:
                stated.update(t.keys)
            elif not t.keys.isdisjoint(scope):
                stated.update(t.keys.intersection(scope))
    return frozenset(stated)


def located_places(entity: Entity, lexicon: TermLexicon, stated: frozenset[str]) -> frozenset[str]:
    """The concepts of where the entity is: the places of its glossary ``location``, the places its
    names state (``stated``), and the provinces (or municipalities) all those are in; empty when
    neither the ``location`` nor a place its names state is in a place ``places.yaml`` knows."""
    located: set[str] = set()
    for place in entity.location:
        for t in lexicon.read_zh(place) if has_han(place) else lexicon.read(place):
            if t.kind == Kind.PLACE:
                located.update(t.keys)
    located |= places_around(located | stated, lexicon)
    return frozenset(located | stated) if located else frozenset()


def places_around(places: Collection[str], lexicon: TermLexicon) -> set[str]:
    """The concepts of the places (``within`` of ``places.yaml``) that ``places`` are in."""
    within = load_places_within()
    return {key for place in places for outer in within.get(place, ()) for t in lexicon.read_zh(outer)
            for key in t.keys}


def keeps_its_place(tokens: Sequence[Tok], lexicon: TermLexicon) -> bool:
    """Whether a Chinese name (its lexicon tokens) keeps its leading place: an institution's name
    (no company form, a unit word at its end: 大学, 研究所, 中心, 学校, ``unit_endings`` of
    ``chinese.yaml``) whose words are all common words of the lexicon.

    Examples
    --------
    >>> from aeronorm.glossary.glossary import shipped_terms
    >>> lex = TermLexicon(shipped_terms())
    >>> [keeps_its_place(lex.zh_tokens(zh), lex) for zh in ("上海交通大学", "北京天兵科技有限公司")]
    [True, False]
    """
    if not tokens or tokens[-1].kind == Kind.LEGAL:
        return False
    if not "".join(t.text for t in tokens).endswith(load_chinese_words().unit_endings):
        return False
    return not any(t.kind == Kind.NAME and lexicon.is_proper(t) for t in tokens)
