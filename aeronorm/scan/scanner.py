"""The :class:`Scanner`: finds known names in running text and rewrites them.

It owns its parts, one job each (``docs/matching.md`` has a diagram):

1. :mod:`~aeronorm.scan.words`: the text cut into words, each spelling analysed once;
2. :mod:`~aeronorm.scan.trie`: the concept trie of every glossary form, walked from each word
   that can open a path;
3. :mod:`~aeronorm.scan.accept`: which paths are mentions, longest first;
4. :mod:`~aeronorm.scan.spans`: capitalised runs the trie left alone, resolved by the matcher;
5. :mod:`~aeronorm.scan.chinese`: Chinese passages, through the Chinese stage's tables;
6. :mod:`~aeronorm.scan.merge`: the overlap policy between English and Chinese mentions;
7. :mod:`~aeronorm.scan.rewrite`: the mentions replaced, all else byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextlib import nullcontext
from itertools import compress
from operator import attrgetter

from ..caching import BoundedCache, BuildOnce, paused_gc
from ..index import Index
from ..lexicon import Kind
from ..pipeline.calibration import Calibration
from ..pipeline.chinese import ChineseIndex
from ..pipeline.may_match import MayMatch
from ..results import Match, Mention, Mentions, NormalizedText
from ..text.fold import HAN_RE
from .accept import Acceptor
from .chinese import find_chinese
from .context import DocumentAcronyms
from .glosses import without_glosses
from .hyphens import without_line_hyphens
from .merge import merge_mentions
from .rewrite import STYLES, Style, check_style, rewrite
from .spans import SpanResolver
from .trie import Trie
from .words import Doc, Words
from .zh_context import keep_whole_names
from .zh_defined import drop_redefined

__all__ = ["STYLES", "Scanner", "Style", "holds_han"]

_STARTS = attrgetter("start")
#: From this length on, a text is scanned with the cyclic GC paused: the scan makes many small
#: containers and no garbage cycles, and each collection would walk the index's tables for nothing.
_PAUSE_GC_CHARS = 20_000
# The first bytes, in UTF-8, of the characters of HAN_RE: U+3400-U+9FFF start with E3 to E9,
# U+F900-U+FAFF with EF, the supplementary ranges (U+20000 on) with F0. A chunk of text whose
# encoding holds none of them holds no Han character (memchr over the bytes: no regex).
_HAN_LEADS = bytes(range(0xE3, 0xEA)) + b"\xef\xf0"
_HAN_CHUNK = 1 << 16


class Scanner:
    """Finds the mentions of an index's entities in running text.

    Most code calls :meth:`Normalizer.find <aeronorm.Normalizer.find>` and
    :meth:`Normalizer.normalize_text <aeronorm.Normalizer.normalize_text>`, which build one
    scanner per normalizer on first use.

    Parameters
    ----------
    index : Index
    calibration : Calibration
    resolve : callable
        ``resolve(name, type=...) -> Match | None``, for capitalised runs the trie left alone.
    chinese : BuildOnce of ChineseIndex
        The Chinese stage's tables, for Chinese passages.
    may_match : MayMatch, optional
        A necessary condition for an answer of ``resolve`` that a capitalised run keeps
        (:class:`~aeronorm.pipeline.may_match.MayMatch`): the runs it rules out are not resolved.

    Examples
    --------
    >>> from aeronorm import Glossary, Normalizer
    >>> n = Normalizer(Glossary.from_records([{"id": "gw", "name": "Great Wall Rocket Works"}]))
    >>> text = "The Great Wall Rocket Works Co., Ltd. said so; Great Wall Rocket Works agreed."
    >>> [(m.text, m.entity_id) for m in n.find(text)]
    [('Great Wall Rocket Works Co., Ltd.', 'gw'), ('Great Wall Rocket Works', 'gw')]
    >>> print(n.normalize_text("Great Wall Rocket Works Co said so.", style="annotate"))
    Great Wall Rocket Works [gw] said so.
    """

    def __init__(self, index: Index, calibration: Calibration, *, resolve: Callable[..., Match | None],
                 chinese: BuildOnce[ChineseIndex], may_match: MayMatch | None = None):
        self.index = index
        self.calibration = calibration
        self.words = Words(index.lexicon)
        self.trie = Trie(index, self.words)
        self.acceptor = Acceptor(index, self.trie, calibration)
        self.spans = SpanResolver(index, calibration, resolve, self.acceptor.fits_neighbours,
                                  may_match=may_match,
                                  agreement=may_match.agreement if may_match is not None else None)
        if may_match is not None:
            may_match.warm()  # its tables are the scanner's: built with it, as the trie is
        self.acronyms = DocumentAcronyms(index, calibration)
        self.chinese = chinese
        self._places: BoundedCache[str, frozenset[str]] = BoundedCache(max_entries=20_000)

    def __repr__(self) -> str:
        return f"Scanner({len(self.index.entities)} entities, {self.trie.size} paths)"

    def find(self, text: str, *, type: str | None = None) -> Mentions:
        """The mentions of known entities in ``text``, in text order.

        Parameters
        ----------
        text : str
            English text; Chinese passages are matched against Chinese names.
        type : str, optional
            Only report entities of this type: a selection among the mentions of every type,
            with the same spans.

        Returns
        -------
        Mentions
            A list of :class:`~aeronorm.Mention`; ``m.text == text[m.start:m.end]``.
        """
        if not isinstance(text, str):
            # (``type`` is the parameter here, not the builtin)
            raise TypeError(f"text must be a str, not {text.__class__.__name__}")
        self.index.allowed(type)  # (a type that is none raises ValueError)
        glossed = without_glosses(text) if holds_han(text) else None
        if glossed is None:
            glossed = without_line_hyphens(text, self._known_word)
        if glossed is not None:
            # 集團(tuán)第十研究院, "Northwest-⏎ern": the text read without a mirror's pinyin
            # glosses, or with the words a line break cut joined, each mention placed back on
            # the text as written (what was read through stays inside it)
            placed = []
            for m in self.find(glossed.text, type=type):
                start, end = glossed.span(m.start, m.end)
                placed.append(Mention(start, end, text[start:end], m.match))
            return Mentions(placed, text)
        found: list[Mention] = []
        if text:
            # The whole text is read first, every type alike, and ``type`` selects among its
            # mentions: a name's boundaries do not depend on the type asked for ("Beijing" inside
            # a company's longer name is no place, whatever the filter).
            with paused_gc() if len(text) >= _PAUSE_GC_CHARS else nullcontext():
                found = self._find_english(self.words.doc(text), None, None)
                if holds_han(text):
                    chinese = find_chinese(text, index=self.index, table=self.chinese,
                                           calibration=self.calibration, allowed=None)
                    chinese = keep_whole_names(text, chinese)
                    found = drop_redefined(text, merge_mentions(found, chinese, len(text)))
            if type is not None:
                found = [m for m in found if m.match.type == type]
        return Mentions(found, text)

    def _known_word(self, word: str) -> bool:
        """Whether the lexicon knows ``word`` (lower case): a word of its vocabulary, not a
        fragment or an unknown spelling."""
        tok = self.words.word_tok(word)
        return tok is not None and not (tok.kind == Kind.NAME and tok.key == tok.text)

    def normalize_text(self, text: str, *, style: Style = "canonical", type: str | None = None,
                       terms: bool = False) -> NormalizedText:
        """``text`` with every mention of a named entity replaced; every other character is left
        as it was.

        ``style``: ``canonical`` writes the canonical name; ``abbreviation`` the entity's first
        abbreviation (its canonical name when it has none); ``annotate`` writes
        ``canonical [id]``. Domain terms are found (they are in ``replacements``) but written as
        they are unless ``terms=True``. A mention whose rewrite would change what the text says
        (a digit, a place, a note, a word doubled) is left as written. See
        :func:`~aeronorm.scan.rewrite.rewrite`.
        """
        check_style(style)
        if not isinstance(terms, bool):
            raise TypeError(f"terms must be True or False, not {terms!r}")
        return rewrite(text, self.find(text, type=type), style=style, index=self.index, terms=terms,
                       places=self.places)

    def places(self, s: str) -> set[str]:
        """The places a string names, as the term lexicon reads them (by concept: "Peking" and
        "Beijing" are one place)."""
        got = self._places.get(s)
        if got is None:
            keys = frozenset(t.key for t in self.index.lexicon.tokens(s) if t.kind == Kind.PLACE)
            got = self._places.put(s, keys)
        return got  # type: ignore[return-value]

    def _find_english(self, doc: Doc, allowed: Collection[int] | None, type_: str | None) -> list[Mention]:
        infos = doc.infos
        taken: list[tuple[int, int, Match]] = []
        covered_until = -1  # last word of the previous mention
        seq = doc.seq
        longest = self.acceptor.longest
        for c in list(compress(range(len(seq)), map(_STARTS, map(infos.__getitem__, seq)))):
            if seq[c] <= covered_until:
                continue
            hit = longest(doc, c, allowed, covered_until, prev=taken[-1] if taken else None)
            if hit is not None:
                taken.append(hit)
                covered_until = hit[1]
        checked, dropped = self.spans.check(doc, taken, type_)
        spans, replaced = self.spans.find(doc, taken, type_)
        mentions = [self.acceptor.mention(doc, a, b, m)
                    for i, (a, b, m) in enumerate(taken) if i not in replaced and i not in dropped]
        mentions += [m for m in checked if not any(m.start < s.end and s.start < m.end for s in spans)]
        mentions += spans
        mentions.sort(key=lambda m: m.start)
        acceptor = self.acceptor

        def fits(start: int, end: int, entity: int) -> bool:
            # a name the text's own definition makes a mention meets the same neighbours
            words = doc.words_in(start, end)
            etype = self.index.entities[entity].type
            return words is None or acceptor.fits_neighbours(doc, words[0], words[1], etype, entity)

        return self.acronyms.apply(doc.text, mentions, allowed, fits=fits)


def holds_han(text: str) -> bool:
    """Whether ``text`` holds a Han character (``HAN_RE.search``, a chunk at a time, tried only
    where the chunk's UTF-8 bytes could hold one)."""
    if text.isascii():
        return False
    for i in range(0, len(text), _HAN_CHUNK):
        chunk = text[i : i + _HAN_CHUNK]
        data = chunk.encode("utf-8", "surrogatepass")
        if any(lead in data for lead in _HAN_LEADS) and HAN_RE.search(chunk):
            return True
    return False
