"""Comparing concept tokens: when two words are the same word, and the best one-to-one pairing.

Two tokens agree when they share a concept (``space`` and ``aerospace`` both carry 航天); two
words the lexicon does not know (brands, romanised names) may also agree when they are spelt
within one edit (two in long words). Two *known* morphemes that differ are different words,
however alike they are spelt (Hubei/Hebei, Technology/Industry), and so are two Chinese words
in pinyin (Huaxing/Huaxin).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import OSA

from ..resources import load_chinese_words, load_common_words
from ..text.pinyin import is_pinyin_word
from .lexicon import Kind, Tok
from .spelling import joins_two_words
from .word_classes import load_word_classes

__all__ = ["Aligner", "align", "institution_types", "is_field_word", "is_line_of_business", "other_rendering",
           "rendering", "similarity", "spelling_comparable"]

_ICAL = re.compile(r"ical\b")


def institution_types(tok: Tok) -> frozenset[str]:
    """The institution types (工业大学, 理工大学, ... of ``wordclasses.yaml``) a token may stand
    for: several for "University of Technology", one for "Polytechnical University"."""
    types = load_word_classes().institution_types
    return _NO_TYPES if types.isdisjoint(tok.keys) else tok.keys & types  # (most tokens: no set made)


_NO_TYPES: frozenset[str] = frozenset()


def is_line_of_business(tok: Tok) -> bool:
    """Whether a token is a line of business (``business_lines`` of ``chinese.yaml``: 投资
    investment, 控股 holdings): kept by a query alone, it names another body than the name's."""
    lines = load_chinese_words().business_lines
    return any(k.endswith(lines) for k in tok.keys if not k.isascii())


def is_field_word(tok: Tok) -> bool:
    """Whether a token is one of the field's common nouns (``field_words`` of ``chinese.yaml``:
    航天 "aerospace", 卫星 "satellite"), which a group's companies put before their names
    (航天东方红卫星, "Aerospace Dongfanghong Satellite")."""
    return not load_chinese_words().field_words.isdisjoint(tok.keys)


def rendering(text: str) -> str:
    """A token's English rendering with adjective variants folded ("polytechnical" is
    "polytechnic"): two tokens with the same rendering are the same words as written."""
    return _ICAL.sub("ic", text) if "ical" in text else text


def spelling_comparable(tok: Tok) -> bool:
    """A word the lexicon does not know: only such words may match by spelling alone."""
    return tok.kind == Kind.NAME and tok.key == tok.text and len(tok.keys) == 1 and len(tok.text) >= 3


def other_rendering(words: Iterable[str], names: Iterable[str]) -> str | None:
    """A word of ``words`` from a group of ``distinct_renderings`` (ministry, department) where
    the English ``names`` use another word of the group and never it, or ``None``: "Department"
    renders 部 as "Ministry" does, but names another kind of body.

    Examples
    --------
    >>> other_rendering(["department", "science"], ["Ministry of Science and Technology"])
    'department'
    >>> other_rendering(["ministry"], ["Ministry of Finance"]) is None
    True
    """
    groups = load_word_classes().distinct_renderings
    asked = [w for w in words if any(w in g for g in groups)]
    if not asked:
        return None
    own = {w for name in names for w in name.casefold().split()}
    return next((w for w in asked if w not in own and any(w in g and not own.isdisjoint(g) for g in groups)),
                None)


def similarity(q: Tok, c: Tok) -> float:
    """1.0 for tokens sharing a concept; less for near spellings of unknown words; else 0.0.

    Examples
    --------
    >>> a = Tok("space", "航天", frozenset({"航天", "space"}), Kind.NAME)
    >>> b = Tok("aerospace", "航天", frozenset({"航天", "aerospace"}), Kind.NAME)
    >>> similarity(a, b)
    1.0
    """
    if q.keys & c.keys:
        if q.text != c.text and other_rendering((q.text,), (c.text,)):
            return 0.0  # a ministry is no department, though both are 部
        types_q, types_c = institution_types(q), institution_types(c)
        if (types_q or types_c) and rendering(q.text) != rendering(c.text) and not (
                len(types_q) == 1 and types_q == types_c):
            # "University of Technology" (工业, 理工 or 科技大学) is not "Institute of Technology"
            # (工业 or 理工大学): different renderings agree only through a type both are sure of.
            return 0.0
        return 1.0
    if not (spelling_comparable(q) and spelling_comparable(c)):
        return 0.0  # two known morphemes that differ are different words, however spelt
    a, b = q.text, c.text
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or not a.isalpha() or not b.isalpha():
        return 0.0
    common = load_common_words()
    if joins_two_words(a, common) and not joins_two_words(b, common):
        # two English words joined ("openspace") are no misspelt coined brand (Orienspace); a
        # brand of two words (Linkspace) may be misspelt into two others ("Linkpace")
        return 0.0
    # One edit (a letter dropped, added, changed, or two swapped); two in long words.
    allowed = 1 if max(len(a), len(b)) < 10 else 2
    distance = OSA.distance(a, b, score_cutoff=allowed)
    if distance > allowed:
        return 0.0
    if is_pinyin_word(a) and is_pinyin_word(b):
        return 0.0  # two Chinese words, however alike (Huaxing 华兴, Huaxin 华信): not a typo
    return 1.0 - distance / max(len(a), len(b))


def align(query: Sequence[Tok], name: Sequence[Tok]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one alignment of tokens, best pairs first: ``(query i, name j, sim)``."""
    return Aligner(query).align(name)


class Aligner:
    """:func:`align` for one query against many names: the query's look-up table is built once.

    Only pairs that share a concept, or two spellings of unknown words, can be similar: they are
    looked up instead of trying every pair (the result is the same; a property test checks it).
    """

    __slots__ = ("_by_key", "_query", "_spelt")

    def __init__(self, query: Sequence[Tok]):
        self._query = query
        by_key: dict[str, list[int]] = {}
        for i, q in enumerate(query):
            for k in q.keys:
                by_key.setdefault(k, []).append(i)
        self._by_key = by_key
        self._spelt = [i for i, q in enumerate(query) if spelling_comparable(q)]

    def align(self, name: Sequence[Tok]) -> list[tuple[int, int, float]]:
        """The alignment of the query with ``name``: ``(query i, name j, sim)``, best first."""
        query, by_key, spelt = self._query, self._by_key, self._spelt
        near: set[tuple[int, int]] = set()
        for j, c in enumerate(name):
            for k in c.keys:
                hits = by_key.get(k)
                if hits:
                    near.update((i, j) for i in hits)
            if spelt and spelling_comparable(c):
                near.update((i, j) for i in spelt)
        pairs = []
        for i, j in near:
            s = similarity(query[i], name[j])
            if s:
                pairs.append((s, i, j))
        # Equal scores: the pair spelt alike first ("research institute" with "research institute",
        # not with the "academy" that shares its concept), then text order (a total order: the
        # set's order does not matter).
        pairs.sort(key=lambda p: (-p[0], query[p[1]].text != name[p[2]].text, p[1], p[2]))
        used_q: set[int] = set()
        used_c: set[int] = set()
        out = []
        for s, i, j in pairs:
            if i not in used_q and j not in used_c:
                used_q.add(i)
                used_c.add(j)
                out.append((i, j, s))
        return out
