"""Words of running text: each spelling analysed once, and a text as parallel arrays of words.

The text is cut into words with their offsets in the original string (one regular expression;
typographic quotes and dashes are recognised where they stand, nothing is copied or folded
first). Hyphens separate words. Each distinct spelling goes once through the term lexicon exactly
as a name does (:meth:`TermLexicon.words <aeronorm.lexicon.TermLexicon.words>`: folding,
possessive ``'s`` dropped, ``Univ.`` expanded, plurals folded) and gets its concept token
(:class:`WordInfo`). A :class:`Doc` holds a text's words, their analyses and the gaps between them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate, compress, islice
from operator import attrgetter

from ..caching import BoundedCache
from ..lexicon import Kind, TermLexicon, Tok
from ..lexicon.word_classes import load_word_classes
from ..text.fold import HAN_CLASS, HAN_RE

__all__ = [
    "AND", "CAPKNOWN", "HAN", "HARD", "JOIN", "SOFT", "START", "STOP", "WORD",
    "Doc", "WordInfo", "Words", "close_aside", "sentence_goes_on", "split_words", "upper_after_first",
    "with_period",
]

# A word: letters and digits (apostrophes of any style inside), or "&". Hyphens separate words.
# Typographic quotes and dashes are recognised as such, not folded first: translating a whole
# non-ASCII text costs more than the rest of the scan.
APOSTROPHES = "'’‘ʼ′`´‛"
# Possessive quantifiers: nothing follows the word in the pattern, so giving back characters could
# never make a match; the engine is told not to keep the states to try.
_SPLIT = re.compile(rf"([^\W_]++(?:[{APOSTROPHES}][^\W_]++)*+|&)")
# The same split for a text without "_" (the one character ``\w`` has and ``[^\W_]`` has not):
# the engine tests ``\w`` faster than the set.
_SPLIT_NO_UNDERSCORE = re.compile(rf"(\w++(?:[{APOSTROPHES}]\w++)*+|&)")
# The split of a text holding Han characters and Latin letters: a run of Han characters is a word
# of its own ("国企CASC的": 国企, CASC, 的), so that a Latin name glued to Chinese is a word.
_HAN_CHARS = HAN_CLASS[1:-1]
_SPLIT_MIXED = re.compile(rf"({HAN_CLASS}++|[^\W_{_HAN_CHARS}]++(?:[{APOSTROPHES}][^\W_{_HAN_CHARS}]++)*+|&)")
_LATIN_LETTER = re.compile("[A-Za-z]")
_CLOSE_BRACKET = re.compile(r"\s*[)\]）]")
_GAP_OK = frozenset(" \t\r\n\u00a0,.-‐‑" + APOSTROPHES)  # dashes (– —) end a name
_BULLET = re.compile(r"[ \t]*[-\u2010\u2011\u2013\u2014]")
# What may open a line before a name that is the whole line: a list's bullet or number (group
# "item"), a heading's "#", a quotation's ">", or a short label ending with a colon ("Affiliation:").
_LINE_HEAD = re.compile(r"[ \t]*(?:(?P<item>[-*+\u2022\u00b7\u2013\u2014]+|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])"
                        r"|[#>]+|[^\W\d_][\w'’ -]{0,40}:)?[ \t]*")
_SENTENCE = frozenset(".!?:;\"“”„‟«»「」『』。！？：；")
_CACHE_LIMIT = 200_000

# word classes
STOP, AND, WORD, HAN = 0, 1, 2, 3
# break levels between two words: joinable, comma-like (a name may cross it), hard
JOIN, SOFT, HARD = 0, 1, 2
# WordInfo.flags: the word may open a glossary path; a capitalised word the glossary knows
START, CAPKNOWN = 1, 2


class WordInfo:
    """What the lexicon makes of one spelling of a word; cached per scanner.

    ``word`` is the folded word (an expansion of several words joined by spaces) and ``tok``
    its concept token (``None`` for function words and for words the lexicon splits).
    """

    __slots__ = ("abbrev", "cap", "capknown", "cls", "flags", "generic", "inseq", "legal", "possessive",
                 "start", "tok", "upper", "word")

    def __init__(self, word: str, tok: Tok | None, cls: int, raw: str, abbrev: bool):
        self.word = word
        self.tok = tok
        self.cls = cls
        self.possessive = len(raw) > 2 and raw[-1] in "sS" and raw[-2] in APOSTROPHES
        bare = raw[:-2] if self.possessive else raw
        if bare.endswith("s") and bare[:-1].isupper():
            bare = bare[:-1]  # CALTs
        self.upper = bare.isupper()
        # capitalised: Title, CAPS, a digit first, or CamelCase with a lower-case head (iSpace)
        self.cap = raw[0].isupper() or raw[0].isdigit() or upper_after_first(raw)
        self.abbrev = abbrev
        self.legal = tok is not None and tok.kind == Kind.LEGAL
        self.generic = tok is not None and tok.kind == Kind.GENERIC
        self.inseq = cls in (WORD, AND)
        self.flags = 0
        self.start = False  # may open a glossary path (flags & START)
        self.capknown = False  # flags & CAPKNOWN


_IN_SEQ = attrgetter("inseq")
# ASCII and Han ideographs (no case): there a character is upper case if it is one of A-Z.
_ASCII_OR_HAN = re.compile("[\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]*+")
_ASCII_UPPER = re.compile("[A-Z]")


def upper_after_first(raw: str) -> bool:
    """Whether a character of ``raw`` after its first is upper case (``str.isupper``): in a
    string of ASCII and Han characters, one of A-Z (no Python loop over a Chinese clause)."""
    if _ASCII_OR_HAN.fullmatch(raw) is not None:
        return _ASCII_UPPER.search(raw, 1) is not None
    return any(c.isupper() for c in raw[1:])


class Doc:
    """A text as parallel arrays: raw words, their analyses, the gaps between them, offsets."""

    __slots__ = ("_brks", "_offsets", "gap", "infos", "join", "n", "parts", "raws", "seq", "text")

    def __init__(self, text: str, parts: list[str], infos: list[WordInfo],
                 gap: Callable[[str], tuple[int, bool, bool]], raws: list[str] | None = None):
        self.text = text
        self.parts = parts  # gap, word, gap, word, ..., gap
        self.raws = parts[1::2] if raws is None else raws
        self.infos = infos
        self.gap = gap  # class of a gap string (cached by the scanner)
        self._offsets: list[int] | None = None  # offset of each word, on the first need
        self.n = len(infos)
        # content words and "and" (function words left out): the sequence the trie walks
        self.seq = list(compress(range(self.n), map(_IN_SEQ, infos)))
        self.join = bytearray(len(self.seq))  # 1: seq[c] continues seq[c-1]; 2: it does not; 0: unknown
        self._brks = bytearray(self.n + 1)  # break level before each word, plus one; 0: not yet known

    def joins(self, c: int) -> bool:
        """Whether content word ``c`` may continue a name that content word ``c - 1`` is part of."""
        v = self.join[c]
        if v == 0:
            k1, k2 = self.seq[c - 1], self.seq[c]
            v = 1
            if k2 - k1 > 3:  # more than two function words in between
                v = 2
            else:
                for k in range(k1 + 1, k2 + 1):
                    if self.brk(k) == HARD:
                        v = 2
                        break
            self.join[c] = v
        return v == 1

    def apart(self, k: int, *, lines: bool = True) -> bool:
        """Whether a table's column edge (a tab, a run of spaces) or, with ``lines``, a line
        break comes before word ``k``: where a capitalised word beside a name is no sign of a
        longer name ("Guo Lei      Beihang University⏎Huang ..."), though a name wrapped onto
        the next line still reads on through it."""
        gap = self.parts[2 * k]
        return "\t" in gap or "  " in gap or (lines and ("\n" in gap or "\r" in gap))

    def line_break(self, k: int) -> bool:
        """Whether a line break (LF, CRLF or a lone CR) comes before word ``k``."""
        gap = self.parts[2 * k]
        return "\n" in gap or "\r" in gap

    def line_name(self, first: int, k: int) -> bool:
        """Whether the line break before word ``k`` ends a name that opens with word ``first``:
        the name is the whole of its line (after a list's bullet or number, a heading's "#" or a
        short label such as "Affiliation:" at most), as in a list, a heading or an affiliation,
        and no sentence runs through the break. A name wrapped inside a sentence reads on."""
        if not self.line_break(k):
            return False
        text = self.text
        start = self.start(first)
        head = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        m = _LINE_HEAD.fullmatch(text, head, start)
        if m is None:
            return False
        if m.group("item") is not None:
            # a list's item wrapped onto the next line reads on: the next item has its own mark
            nxt = self.start(k)
            line = max(text.rfind("\n", 0, nxt), text.rfind("\r", 0, nxt)) + 1
            again = _LINE_HEAD.fullmatch(text, line, nxt)
            return again is not None and again.group("item") is not None
        # a line that goes on with the sentence of the line before ("... said that the⏎X⏎Y")
        gap = self.parts[2 * first]
        return not (first > 0 and head > 0 and not gap.strip() and self.raws[first - 1][:1].islower())

    def parting(self, c: int) -> int:
        """For content word ``c`` that does not continue ``c - 1`` (:meth:`joins` is false): the
        last word that says so, the words up to it being what they are. The first hard break
        between the two (a word with Han characters makes one by its class alone), else the
        third word after ``c - 1`` (three function words in between)."""
        k1, k2 = self.seq[c - 1], self.seq[c]
        for k in range(k1 + 1, min(k2, k1 + 3) + 1):
            if self.brk(k) == HARD:
                return k
        return k1 + 3

    def start(self, k: int) -> int:
        """Offset of word ``k`` in the text."""
        starts = self._offsets
        if starts is None:
            starts = self._starts()
        return starts[k]

    def end(self, k: int) -> int:
        """End of word ``k``, a possessive ``'s`` left out."""
        starts = self._offsets
        if starts is None:
            starts = self._starts()
        if self.infos[k].possessive:
            return starts[k] + len(self.raws[k]) - 2
        return starts[k] + len(self.raws[k])

    def words_in(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last words inside ``text[start:end]``, or ``None`` when it holds none."""
        starts = self._offsets
        if starts is None:
            starts = self._starts()
        first = bisect_left(starts, start)
        last = bisect_left(starts, end) - 1
        return (first, last) if first <= last else None

    def _starts(self) -> list[int]:
        # one pass in C, the first time a mention needs an offset: where each part ends, then
        # every other one (the end of the gap before word k is where word k starts)
        starts = self._offsets = list(islice(accumulate(map(len, self.parts)), 0, None, 2))
        return starts

    def brk(self, k: int) -> int:
        """Break level between word ``k - 1`` and word ``k`` (computed once per word)."""
        known = self._brks[k]
        if known:
            return known - 1
        if k == 0:
            return HARD
        prev = self.infos[k - 1]
        if prev.cls == HAN or self.infos[k].cls == HAN:
            level = HARD
        else:
            level, period, _ = self.gap(self.parts[2 * k])
            if period:
                # "Co., Ltd." and "Univ. of" go on; any other period ends a sentence
                level = max(level, SOFT) if prev.abbrev else HARD
        self._brks[k] = level + 1
        return level

    def sent(self, k: int) -> bool:
        """Whether word ``k`` opens a sentence (or a quotation, or a paragraph)."""
        return k == 0 or self.gap(self.parts[2 * k])[2] or self.infos[k - 1].cls == HAN


class Words:
    """The analysis of every spelling of a word met in text, each computed once (bounded caches).

    ``flagger`` (set once the trie is built) says which words may open a glossary path.
    """

    def __init__(self, lexicon: TermLexicon):
        self.lexicon = lexicon
        wc = load_word_classes()
        self._stop = frozenset(wc.stop_words) - {"and"}
        self._abbrevs = frozenset(wc.abbreviations) | {p[0] for p in wc.legal_phrases if len(p) == 1}
        self._info_cache: BoundedCache[str, WordInfo] = BoundedCache(max_entries=_CACHE_LIMIT)
        self._tok_cache: BoundedCache[str, Tok | None] = BoundedCache(max_entries=_CACHE_LIMIT)
        self._gap_cache: BoundedCache[str, tuple[int, bool, bool]] = BoundedCache(max_entries=10_000)
        self._flagger: Callable[[WordInfo], int] | None = None
        # A word with Han characters is its class and three flags of its spelling: one analysis
        # per value of the flags (nothing changes it), not one per clause of a Chinese text.
        self._han_infos: dict[tuple[bool, bool, bool], WordInfo] = {}

    def set_flagger(self, flagger: Callable[[WordInfo], int]) -> None:
        """Use ``flagger`` for the flags of words analysed from now on (earlier analyses are
        forgotten: their flags were computed without it)."""
        self._flagger = flagger
        self._info_cache.clear()

    def word_tok(self, word: str) -> Tok | None:
        tok = self._tok_cache.get(word, False)
        if tok is False:
            toks = self.lexicon.tokens(word)
            tok = toks[0] if len(toks) == 1 else None
            self._tok_cache.put(word, tok)
        return tok  # type: ignore[return-value]

    def info(self, raw: str) -> WordInfo:
        info = self._info_cache.get(raw)
        if info is not None:
            return info
        if raw == "&":
            info = WordInfo("and", None, AND, raw, False)
        elif not raw.isascii() and HAN_RE.search(raw):
            info = WordInfo("", None, HAN, raw, False)
            info = self._han_infos.setdefault((info.possessive, info.upper, info.cap), info)
        else:
            words = [w for w in self.lexicon.words(raw) if w not in self._stop or w == "and"]
            abbrev = raw.casefold() in self._abbrevs or len(raw) == 1
            if not words:
                info = WordInfo("", None, STOP, raw, abbrev)
            elif words == ["and"]:
                info = WordInfo("and", None, AND, raw, abbrev)
            else:
                word = " ".join(words)
                info = WordInfo(word, self.word_tok(word), WORD, raw, abbrev)
                if self._flagger is not None:
                    info.flags = self._flagger(info)
                    info.start = bool(info.flags & START)
                    info.capknown = bool(info.flags & CAPKNOWN)
        self._info_cache.put(raw, info)
        return info

    def gap(self, gap: str) -> tuple[int, bool, bool]:
        """(break level, holds a period, opens a sentence) of the characters between two words."""
        got = self._gap_cache.get(gap)
        if got is None:
            newlines = gap.count("\n")
            brackets = sum(c in "()" for c in gap)
            if (not all(c in _GAP_OK or c in "()" for c in gap) or newlines > 1 or gap.count(",") > 1
                    or gap.count(".") > 1 or brackets > 1
                    or (newlines and _BULLET.match(gap, gap.rindex("\n") + 1))):
                level = HARD  # (a dash opening the next line is a list's next item: "⏎- X")
            elif "," in gap or brackets or (gap[:1] in APOSTROPHES and gap[1:2].isspace()):
                # (a possessive after a plural ends a name: "... Sciences’ Aerospace Information ...")
                level = SOFT  # a name may go on: "Science, Technology and", "Future Travel (Hainan)"
            else:
                level = JOIN
            sent = newlines > 1 or any(c in _SENTENCE for c in gap)
            got = (level, "." in gap, sent)
            self._gap_cache.put(gap, got)
        return got

    def doc(self, text: str) -> Doc:
        parts = split_words(text)
        raws = parts[1::2]
        infos = list(map(self._info_cache.get, raws))
        if None in infos:
            for k in [k for k, i in enumerate(infos) if i is None]:
                infos[k] = self.info(raws[k])
        return Doc(text, parts, infos, self.gap, raws)  # type: ignore[arg-type]


def split_words(text: str) -> list[str]:
    """``text`` as gap, word, gap, word, ..., gap (``re.split`` with the word as its group)."""
    if not text.isascii() and HAN_RE.search(text) is not None and _LATIN_LETTER.search(text) is not None:
        return _SPLIT_MIXED.split(text)
    return (_SPLIT if "_" in text else _SPLIT_NO_UNDERSCORE).split(text)


def close_aside(text: str, start: int, end: int) -> int:
    """The end of a mention that opens an aside in brackets: past the bracket that closes it
    ("Future Travel (Hainan)"), or, when the aside goes on, before the aside ("Future Travel"
    of "Future Travel (Hainan branch)"). Rewriting a mention must not unbalance brackets."""
    span = text[start:end]
    if ("(" in span or "[" in span or "（" in span) and \
            sum(map(span.count, "([（")) > sum(map(span.count, ")]）")):
        closing = _CLOSE_BRACKET.match(text, end)
        if closing is not None:
            return closing.end()
        cut = len(span[: max(map(span.rfind, "([（"))].rstrip())
        if cut > 0:
            return start + cut
    return end


def with_period(doc: Doc, last: int, canonical: str) -> int:
    """The end of a mention whose last word is ``last``: past the period of an abbreviation
    ("Corp. signed", "Corp.'s team"), or of a name whose canonical form brings its own period
    ("Co., Ltd."); a period that ends the sentence after an abbreviation stays outside."""
    text = doc.text
    end = doc.end(last)
    info = doc.infos[last]
    if not info.possessive and text.startswith(".", end) and (
            canonical.endswith(".") or (info.abbrev and sentence_goes_on(text, end + 1))):
        end += 1
    return end


def sentence_goes_on(text: str, i: int) -> bool:
    """Whether the text after a period at ``i - 1`` continues the sentence (``Corp. signed``,
    ``Corp.'s team``, ``Ltd. (CASC) said``)."""
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i < n and text[i] in APOSTROPHES and text[i + 1 : i + 2] in ("s", "S"):
        return True  # "Corp.'s team": a possessive
    return i < n and (text[i].islower() or text[i].isdigit() or text[i] in ",;:)(")
