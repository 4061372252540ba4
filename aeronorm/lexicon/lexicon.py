"""The term lexicon: English renderings of Chinese morphemes, and names turned into concept tokens.

A *concept* is the Chinese word an English word translates: ``aerospace``, ``space`` and
``astronautics`` all carry the concept 航天, so two renderings of one Chinese name share
their concepts even where they share no English word. Romanised words carry their own
letters and, when they are the pinyin of a known morpheme, that morpheme too (``hangtian``
-> 航天). Chinese names are segmented into known morphemes and carry the same concepts.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ..caching import BoundedCache, BuildOnce
from ..glossary.entity import Term
from ..resources import load_common_words, load_places
from ..text.fold import HAN_CLASS, fold, has_han, is_han_char
from ..text.pinyin import split_syllables, to_pinyin
from ..text.zh import chinese_numeral, maybe_traditional, to_simplified
from .word_classes import load_word_classes

__all__ = ["Kind", "TermLexicon", "Tok", "stem"]


class Kind(IntEnum):
    """What a token contributes to identity, from most to least telling."""

    NAME = 0
    NUMBER = 1
    PLACE = 2
    GENERIC = 3
    LEGAL = 4


@dataclass(frozen=True, slots=True)
class Tok:
    """A concept token: its folded surface form, the concepts it carries, and its kind.

    ``key`` is the one concept used in order-free keys (the first lexicon concept of the
    word, or the word itself); ``keys`` is every concept it may stand for.
    """

    text: str
    key: str
    keys: frozenset[str]
    kind: Kind


_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_NUM = re.compile(r"^(\d+)(?:st|nd|rd|th)?$")
_BRACKETS = re.compile(r"[()\[\]{}\"]")
_ZH_RUN = re.compile(HAN_CLASS + r"+|[A-Za-z0-9]+")  # Han runs, and Latin or digit runs
_MISSING: Any = object()
#: One raw word as fold and _WORD leave it (lower-case ASCII): read without folding.
_PLAIN = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_END = ""  # the trie's mark of a phrase's end: no word is empty
# "H.K." -> "hk", "U.S." -> "us", "P.R.C" (its last dot left out) -> "prc"
_DOTTED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}(?:[^\W\d_](?![^\W\d_]))?")


def stem(word: str) -> str:
    """Light English plural folding: ``technologies`` -> ``technology``, ``forces`` -> ``force``.

    Examples
    --------
    >>> [stem(w) for w in ["technologies", "communications", "sciences", "physics", "gas"]]
    ['technology', 'communication', 'science', 'physics', 'gas']
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if (
        len(word) > 4
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ics", "ys"))
        and word.isalpha()
    ):
        return word[:-1]
    return word


_NUMBERED = re.compile(r"第(.+)|(.+)号")


def _numbered(piece: str) -> int | None:
    """The number of a Chinese word that is one: a model's number (五号, No. 5) or an ordinal
    (第三, third); ``None`` for any other word (六院 and 九天 are names)."""
    m = _NUMBERED.fullmatch(piece)
    return chinese_numeral(m.group(1) or m.group(2)) if m else None


def _number_signs(words: list[str]) -> list[str]:
    """``words`` with "No. 5" read as "5th": the sign says the number counts ("No. 5 Academy" is
    the Fifth Academy, "No. 802 Institute" the 802 Institute), and is no word of the name."""
    if "no" not in words:
        return words
    out: list[str] = []
    for i, w in enumerate(words):
        if w == "no" and i + 1 < len(words) and words[i + 1].isdigit():
            continue
        if w.isdigit() and i and words[i - 1] == "no":
            w = _ordinal(w)
        out.append(w)
    return out


def _ordinal(digits: str) -> str:
    n = int(digits[-2:])
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return digits + suffix


def _split_words(text: str) -> list[str]:
    """Folded words of a name; possessives dropped, pinyin hyphenation joined (Ke-jian)."""
    words: list[str] = []
    for raw in _raw_words(text):
        words.extend(_split_word(raw))
    return words


def _raw_words(text: str) -> list[str]:
    """The name folded and cut into its raw words (apostrophes and hyphens still in them)."""
    folded = fold(text).replace("&", " and ")
    if "." in folded:
        folded = _DOTTED.sub(lambda m: m.group().replace(".", "") + " ", folded)
    return _WORD.findall(folded)


def _split_word(w: str) -> list[str]:
    """The words of one raw word: possessive dropped, pinyin hyphenation joined (Ke-jian)."""
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        if all(p.isalpha() and split_syllables(p) is not None for p in parts) and len(parts) <= 3:
            return ["".join(parts)]
        return parts
    return [w] if w else []


class _Own:
    """A build of the lexicon's own tables, holding the lexicon weakly: a bound method would
    make a cycle (lexicon, table, method, lexicon), and a lexicon dropped in a build, which
    pauses the cyclic collector (the one that learns terms), would keep its memos until the
    end of the build."""

    __slots__ = ("_name", "_owner")

    def __init__(self, owner: TermLexicon, name: str):
        self._owner = weakref.ref(owner)
        self._name = name

    def __call__(self) -> Any:
        return getattr(self._owner(), self._name)()

    def __reduce__(self) -> Any:
        return _Own, (self._owner(), self._name)  # a copy builds from the copied lexicon


class TermLexicon:
    """Concept lookups compiled from terms (Chinese morpheme -> English renderings) and places.

    Parameters
    ----------
    terms : iterable of Term
        Earlier terms come first in each word's concept list; the first concept of a word
        is its key in order-free concept keys.
    proper : iterable of Term
        Terms whose morpheme is a proper name (a brand a glossary's names teach), added after
        ``terms``.

    Examples
    --------
    >>> lex = TermLexicon([Term("航天", ("aerospace", "space", "astronautics"))])
    >>> [t.key for t in lex.tokens("China Space Foundation")] == [
    ...     t.key for t in lex.tokens("China Astronautics Foundation")]
    True
    """

    def __init__(self, terms: Iterable[Term], *, proper: Iterable[Term] = ()):
        self._forget()
        wc = load_word_classes()
        self._wc = wc
        self._legal_words = frozenset(p[0] for p in wc.legal_phrases if len(p) == 1)
        self._phrases: dict[tuple[str, ...], list[str]] = {}
        self._max_phrase = wc.max_phrase
        self._kind: dict[str, Kind] = {}
        self.zh_terms: set[str] = set()
        self.proper_morphemes: set[str] = set()
        place_zh: set[str] = set()
        for zh, english in load_places():
            place_zh.add(zh)
            self._kind[zh] = Kind.PLACE
            for en in english:
                self._add_phrase(en, zh)
        self.terms: list[Term] = []
        for term in terms:
            self.add(term)
        for term in proper:  # names of the glossary's own (learned: 吉利 Geely), not words
            self.add(term)
            if term.zh in self.zh_terms:
                self.proper_morphemes.add(term.zh)
        self.zh_terms |= place_zh
        self._add_phrase_variants()
        self._zh_max = max((len(z) for z in self.zh_terms), default=1)
        self._pinyin = BuildOnce(_Own(self, "_pinyin_table"))
        self._renderings = BuildOnce(_Own(self, "_renderings_table"))
        self._forget()

    def _forget(self) -> None:
        # The phrases changed (or are made): the trie of them is built again when next read.
        self._trie: BuildOnce[dict[str, Any]] = BuildOnce(_Own(self, "_phrase_trie"))
        # Tokens of a name, remembered: every table of a glossary reads each name again; and
        # the words, phrases and word tokens names are made of, which recur from name to name.
        self._memo: BoundedCache[str, tuple[Tok, ...]] = BoundedCache(max_entries=200_000)
        self._memo_zh: BoundedCache[str, tuple[Tok, ...]] = BoundedCache(max_entries=200_000)
        self._memo_words: BoundedCache[str, tuple[str, ...]] = BoundedCache(max_entries=200_000)
        self._memo_parts: BoundedCache[Any, Tok | None] = BoundedCache(max_entries=200_000)
        self._memo_raw: BoundedCache[str, tuple[str, ...]] = BoundedCache(max_entries=200_000)
        self._memo_word: BoundedCache[str, Any] = BoundedCache(max_entries=200_000)
        self._memo_segments: BoundedCache[str, tuple[str, ...]] = BoundedCache(max_entries=200_000)
        self._memo_pieces: BoundedCache[str, Tok] = BoundedCache(max_entries=200_000)
        self._zh_prefixes: BuildOnce[frozenset[str]] = BuildOnce(_Own(self, "_zh_prefix_set"))

    # -- building ---------------------------------------------------------------------------
    def add(self, term: Term) -> None:
        """Add one term (its renderings become phrases carrying the concept ``term.zh``)."""
        self._forget()
        zh = term.zh.strip()
        if not zh or not has_han(zh) or not all(is_han_char(c) for c in zh):
            return  # notes-like rows ("研究院 (第N)") are facts, not matchable morphemes
        self.terms.append(term)
        self.zh_terms.add(zh)
        if term.renderings and all(r[:1].isupper() for r in term.renderings if r[:1].isalpha()):
            self.proper_morphemes.add(zh)  # 江南 Jiangnan, 天兵 Space Pioneer: names, not words
        kinds = set()
        for en in term.renderings:
            self._add_phrase(en, zh)
            kinds.add(self._phrase_class(tuple(self._normal_words(en))))
        if zh not in self._kind:
            # A morpheme is legal/generic only when every rendering is.
            classified = None not in kinds and kinds
            self._kind[zh] = max(kinds) if classified else Kind.NAME  # type: ignore[type-var]
        self._pinyin = BuildOnce(_Own(self, "_pinyin_table"))

    def _add_phrase_variants(self, limit: int = 24) -> None:
        """Let phrases vary the way their parts do.

        A phrase whose Chinese contains the Chinese of one of its words also takes that word's
        other renderings ("commercial aerospace", 商业航天, gives "commercial astronautics"
        because 航天 is also rendered "astronautics"); a two-part phrase also takes "and"
        between its parts ("culture and media").
        """
        single = {p[0]: c for p, c in self._phrases.items() if len(p) == 1}
        renderings: dict[str, list[str]] = {}
        for p, concepts in self._phrases.items():
            if len(p) == 1:
                for zh in concepts:
                    renderings.setdefault(zh, []).append(p[0])
        additions: list[tuple[tuple[str, ...], str]] = []
        for phrase, concepts in list(self._phrases.items()):
            if len(phrase) < 2:
                continue
            for zh in concepts:
                count = 0
                for k, word in enumerate(phrase):
                    if (word,) in self._wc.legal_phrases:
                        continue  # company forms vary freely already
                    part = next((c for c in single.get(word, ()) if c in zh and c != zh), None)
                    for other in renderings.get(part, ()) if part else ():
                        if other != word and (other,) not in self._wc.legal_phrases and count < limit:
                            additions.append(((*phrase[:k], other, *phrase[k + 1 :]), zh))
                            count += 1
                if len(phrase) == 2 and "and" not in phrase:
                    additions.append(((phrase[0], "and", phrase[1]), zh))
        for phrase, zh in additions:
            self._max_phrase = max(self._max_phrase, len(phrase))
            concepts = self._phrases.setdefault(phrase, [])
            if zh not in concepts:
                concepts.append(zh)

    def _add_phrase(self, en: str, zh: str) -> None:
        words = tuple(self._normal_words(en))
        if words:
            self._max_phrase = max(self._max_phrase, len(words))
            concepts = self._phrases.setdefault(words, [])
            if zh not in concepts:
                concepts.append(zh)

    def _normal_words(self, text: str) -> list[str]:
        out = []
        for w in _split_words(text):
            expanded = self._wc.abbreviations.get(w)
            out.extend(expanded.split() if expanded else [w])
        return [stem(w) for w in _number_signs(out) if w not in self._wc.stop_words or w == "and"]

    def _phrase_class(self, words: tuple[str, ...]) -> Kind | None:
        if words in self._wc.legal_phrases or (
            len(words) > 1 and all((w,) in self._wc.legal_phrases for w in words)
        ):
            return Kind.LEGAL
        if words in self._wc.generic_phrases:
            return Kind.GENERIC
        return None

    def vocabulary(self) -> set[str]:
        """Every English word of the lexicon's phrases (renderings, places, company forms)."""
        return {w for phrase in self._phrases for w in phrase if w.isascii() and w.isalpha()}

    def knows(self, word: str) -> bool:
        """Whether ``word`` (folded) is an English word of the lexicon (a rendering, a place, a
        company form or a generic word): ``launch`` yes, ``calt`` no."""
        w = stem(word.casefold())
        return (w,) in self._phrases or w in self._wc.stop_words

    @property
    def max_phrase(self) -> int:
        """Length in words of the longest phrase (kept up to date by :meth:`add`)."""
        return self._max_phrase

    # -- English (and romanised) names ------------------------------------------------------
    def words(self, text: str) -> list[str]:
        """Folded words after abbreviation expansion and plural folding, stop words kept."""
        if _PLAIN.fullmatch(text):
            return self._words(text)  # one raw word: its own memo holds it
        known = self._memo_words.get(text)
        if known is None:
            known = self._memo_words.put(text, tuple(self._words(text)))
        return list(known)

    def _words(self, text: str) -> list[str]:
        # Names share their words: each raw word is read once (split, expanded, stemmed).
        out: list[str] = []
        memo = self._memo_raw
        for raw in (text,) if _PLAIN.fullmatch(text) else _raw_words(text):
            read = memo.get(raw)
            if read is None:
                read = memo.put(raw, self._read_raw(raw))
            out.extend(read)
        return _number_signs(out)

    def _read_raw(self, raw: str) -> tuple[str, ...]:
        out = []
        for w in _split_word(raw):
            expanded = self._wc.abbreviations.get(w)
            out.extend(expanded.split() if expanded else [w])
        return tuple(stem(w) for w in out)

    def tokens(self, text: str) -> list[Tok]:
        """Concept tokens of an English or romanised name (legal forms included, kind LEGAL).

        Words are grouped into lexicon phrases by dynamic programming: as few tokens as
        possible, an "and" left outside a phrase counting as one ("China Space Science and
        Industry" is space + science-and-industry, not space-science + industry). Function
        words are dropped.
        """
        return list(self.read(text))

    def read(self, text: str) -> tuple[Tok, ...]:
        """:meth:`tokens` as the lexicon keeps them: one tuple, shared by every table that
        keeps a name's tokens (the index's forms), not a copy each."""
        known = self._memo.get(text)
        if known is None:
            if _PLAIN.fullmatch(text):
                # one raw word (the acronym table asks 100,000 of them): read from the words'
                # memos, not remembered whole, where it would push the names out
                return self._read_plain(text)
            known = self._memo.put(text, tuple(self._tokens(text)))
        return known

    def _read_plain(self, text: str) -> tuple[Tok, ...]:
        """:meth:`_tokens` of one raw word: one word (most raw words read as one) is its own
        reading, without the programme over phrases (one word makes no phrase of several)."""
        read = self._memo_raw.get(text)
        if read is None:
            read = self._memo_raw.put(text, self._read_raw(text))
        if len(read) != 1:
            return tuple(self._tokens(text))
        w = read[0]
        if w != "and" and w in self._wc.stop_words:
            return ()
        known = self._memo_word.get(w)
        if known is None:
            known = self._memo_word.put(w, self._read_word(w))
        word_tok, _, single, _ = known
        tok = single if single is not None else word_tok
        return () if tok is None else (tok,)

    def _tokens(self, text: str) -> list[Tok]:
        stop = self._wc.stop_words
        # (not through words()' memo: a name is read once, its words are what recur)
        words = [w for w in self._words(_BRACKETS.sub(" ", text)) if w == "and" or w not in stop]
        n, longest = len(words), self.max_phrase
        memo = self._memo_word
        # cost[i]: fewest tokens for words[i:], reached by taking choice[i] = (token or None for
        # a dropped word, where the rest starts). Only the runs a phrase of the lexicon (or a
        # run of company forms) covers are looked at: the trie walk stops where no phrase goes
        # on, so a name's unknown words cost one look-up each.
        cost = [0] * (n + 1)
        choice: list[tuple[Tok | None, int]] = [(None, 0)] * n
        legal_run = 0  # company forms from words[i] on: any run of them is one legal phrase
        for i in range(n - 1, -1, -1):
            w = words[i]
            read = memo.get(w)
            if read is None:
                read = memo.put(w, self._read_word(w))
            word_tok, node, single, legal = read
            legal_run = legal_run + 1 if legal else 0
            best = cost[i + 1] + 1
            pick = (word_tok, i + 1)
            limit = n - i if n - i < longest else longest
            if (node is not None or legal_run > 1) and limit > 1 and w != "and":
                ends = list(range(2, min(legal_run, limit) + 1))
                size, step = 1, node
                while step is not None and size < limit:
                    step = step.get(words[i + size])
                    size += 1
                    if step is not None and _END in step and size > legal_run:
                        ends.append(size)  # longer than the run of company forms: not in yet
                for size in reversed(ends):
                    if words[i + size - 1] == "and" or cost[i + size] + 1 >= best:
                        continue
                    tok = self._phrase_token(tuple(words[i : i + size]))
                    if tok is not None:
                        best, pick = cost[i + size] + 1, (tok, i + size)
            if single is not None and cost[i + 1] + 1 <= best:
                best, pick = cost[i + 1] + 1, (single, i + 1)
            cost[i], choice[i] = best, pick
        out = []
        i = 0
        while i < n:
            tok, i = choice[i]
            if tok is not None:
                out.append(tok)
        return out

    def _read_word(self, w: str) -> tuple[Tok | None, dict[str, Any] | None, Tok | None, bool]:
        """What the reading of names needs of one word, worked out once: its token (``None``
        for a stop word), the trie's node under it, its token as a one-word phrase, and
        whether it is a company form."""
        if w in self._wc.stop_words:
            return None, self._trie.get().get(w), None, w in self._legal_words
        node = self._trie.get().get(w)
        single = self._phrase_token((w,)) if node is not None and _END in node else None
        return self._make_word_token(w), node, single, w in self._legal_words

    def _phrase_trie(self) -> dict[str, Any]:
        """Every phrase that reads as one token (the lexicon's, company forms, generic words)
        as a trie of words; :data:`_END` marks where one ends."""
        trie: dict[str, Any] = {}
        for phrase in (*self._phrases, *self._wc.legal_phrases, *self._wc.generic_phrases):
            node = trie
            for w in phrase:
                node = node.setdefault(w, {})
            node[_END] = True
        return trie

    def _phrase_token(self, phrase: tuple[str, ...]) -> Tok | None:
        tok = self._memo_parts.get(phrase, _MISSING)
        if tok is _MISSING:
            tok = self._memo_parts.put(phrase, self._make_phrase_token(phrase))
        return tok

    def _make_phrase_token(self, phrase: tuple[str, ...]) -> Tok | None:
        text = " ".join(phrase)
        kind = self._phrase_class(phrase)
        concepts = self._phrases.get(phrase)
        if concepts:
            ckind = self._kind.get(concepts[0], Kind.NAME)
            if kind is None or ckind == Kind.PLACE:
                kind = ckind
            return Tok(text, concepts[0], frozenset((*concepts, text)), kind)
        if kind is not None:
            return Tok(text, text, frozenset((text,)), kind)
        return None

    def _make_word_token(self, w: str) -> Tok:
        m = _NUM.match(w)
        if m:
            digits = m.group(1)
            # int() refuses more than 4300 digits (ValueError); a run that long names nothing
            key = "#" + (str(int(digits)) if len(digits) <= 64 else digits)
            return Tok(w, key, frozenset((key,)), Kind.NUMBER)
        ordinal = self._wc.ordinals.get(w)
        if ordinal is not None:
            key = f"#{ordinal}"
            return Tok(w, key, frozenset((key,)), Kind.NUMBER)
        via_pinyin = self.pinyin_concepts(w)
        if via_pinyin:
            first = sorted(via_pinyin)[0]
            return Tok(w, w, frozenset((w, *via_pinyin)), self._kind.get(first, Kind.NAME))
        return Tok(w, w, frozenset((w,)), Kind.NAME)

    def is_proper(self, tok: Tok) -> bool:
        """True for a naming token that is a proper name rather than a common word: a brand or
        romanised word the lexicon does not translate, or a morpheme the lexicon knows as a
        name (江南 Jiangnan)."""
        if tok.kind != Kind.NAME or len(tok.text) < 2:
            return False
        if tok.key in self.proper_morphemes:
            return True
        if tok.key in self.zh_terms and tok.key != tok.text:
            return False
        if tok.key != tok.text or tok.key in self.zh_terms:
            return False
        # a romanised word that is the pinyin of a common word the lexicon knows ("Zuzhi" is
        # 组织, organisation) is that word, not a brand
        return not any(k in self.zh_terms and k not in self.proper_morphemes for k in tok.keys)

    def pinyin_concepts(self, word: str) -> set[str]:
        """Lexicon morphemes whose pinyin is ``word`` (``keji`` -> {科技})."""
        return self._pinyin.get().get(word, set()) if word.isalpha() else set()

    def warm(self) -> None:
        """Build the lexicon's lazy tables now (the pinyin and renderings look-ups, the phrase
        trie and the Chinese prefixes)."""
        self._pinyin.get()
        self._renderings.get()
        self._trie.get()
        self._zh_prefixes.get()

    def renderings_of(self, zh: str) -> tuple[str, ...]:
        """The English renderings the lexicon's terms give a Chinese word (长城 -> Great Wall)."""
        return self._renderings.get().get(zh, ())

    def common_phrase(self, text: str) -> bool:
        """Whether every word of ``text`` (stop words aside) is a common English word: "Great
        Wall", "electronics", not the coined "Inspur" nor pinyin ("Tianbing")."""
        words = [w for w in re.findall(r"[a-z]+", fold(text)) if w not in self._wc.stop_words]
        common = load_common_words()
        return bool(words) and all(w in common or stem(w) in common for w in words)

    def common_word(self, zh: str) -> bool:
        """Whether the Chinese word ``zh`` is a common one: the lexicon renders it with a common
        phrase (长城 Great Wall, 电子 electronics; not 卫通, which it does not render)."""
        return any(self.common_phrase(r) for r in self.renderings_of(zh))

    def _renderings_table(self) -> dict[str, tuple[str, ...]]:
        table: dict[str, list[str]] = {}
        for term in self.terms:
            table.setdefault(term.zh.strip(), []).extend(term.renderings)
        return {zh: tuple(dict.fromkeys(r)) for zh, r in table.items()}

    def _pinyin_table(self) -> dict[str, set[str]]:
        table: dict[str, set[str]] = {}
        for zh in self.zh_terms:
            table.setdefault("".join(to_pinyin(zh)), set()).add(zh)
        return table

    # -- Chinese names ----------------------------------------------------------------------
    def segment_zh(self, zh: str) -> list[str]:
        """Segment a Chinese name into lexicon morphemes, unknown stretches kept whole.

        Dynamic programming: cover as many characters as possible with known morphemes,
        then use as few pieces as possible.

        Examples
        --------
        >>> lex = TermLexicon([Term("工业大学", ("polytechnical university",)),
        ...                    Term("西北", ("northwestern",))])
        >>> lex.segment_zh("西北工业大学")
        ['西北', '工业大学']
        """
        known = self._memo_segments.get(zh)
        if known is None:
            known = self._memo_segments.put(zh, tuple(self._segment_zh(zh)))
        return list(known)

    def _segment_zh(self, chars: str) -> list[str]:
        n = len(chars)
        terms, prefixes = self.zh_terms, self._zh_prefixes.get()
        # cover[i], pieces[i]: known characters covered in chars[i:] and -pieces, reached by
        # cutting chars[i:cut[i]] first. Only prefixes of known morphemes are looked at; the
        # first best candidate wins (the longer known piece only when strictly better).
        cover = [0] * (n + 1)
        neg = [0] * (n + 1)
        cut = [0] * n
        for i in range(n - 1, -1, -1):
            best_cov, best_neg, best_j = -1, 0, 0
            for j in range(i + 1, min(n, i + self._zh_max) + 1):
                piece = chars[i:j]
                if piece not in prefixes:
                    break
                if piece in terms:
                    cov, ng = cover[j] + j - i, neg[j] - 1
                    if cov > best_cov or (cov == best_cov and ng > best_neg):
                        best_cov, best_neg, best_j = cov, ng, j
            cov, ng = cover[i + 1], neg[i + 1] - 1  # the character alone, unknown
            if cov > best_cov or (cov == best_cov and ng > best_neg):
                best_cov, best_neg, best_j = cov, ng, i + 1
            cover[i], neg[i], cut[i] = best_cov, best_neg, best_j
        # Glue runs of unknown characters back together, and single characters into words:
        # 中北大学 is 中北 + 大学, not 中 + 北 + 大学.
        pieces: list[str] = []
        i = 0
        while i < n:
            piece = chars[i : cut[i]]
            i = cut[i]
            if pieces and (
                (piece not in terms and pieces[-1] not in terms)
                or (len(piece) == 1 and len(pieces[-1]) == 1)
            ):
                pieces[-1] += piece
            else:
                pieces.append(piece)
        return pieces

    def _zh_prefix_set(self) -> frozenset[str]:
        """Every beginning of a known morpheme (the morphemes included): where a segmentation
        can stop looking."""
        return frozenset(z[:k] for z in self.zh_terms for k in range(1, len(z) + 1))

    def zh_tokens(self, zh: str) -> list[Tok]:
        """Concept tokens of a Chinese name (Han runs segmented; Latin and digit runs kept),
        traditional characters read as simplified (電子 is 电子)."""
        return list(self.read_zh(zh))

    def read_zh(self, zh: str) -> tuple[Tok, ...]:
        """:meth:`zh_tokens` as the lexicon keeps them (see :meth:`read`)."""
        known = self._memo_zh.get(zh)
        if known is None:
            known = self._memo_zh.put(zh, tuple(self._zh_tokens(zh)))
        return known

    def _make_zh_token(self, piece: str) -> Tok:
        number = _numbered(piece)
        if number is not None:  # 五号, 第三: the number the English side reads in "5", "Third"
            key = f"#{number}"
            return Tok(piece, key, frozenset((key, piece)), Kind.NUMBER)
        py = "".join(to_pinyin(piece))
        return Tok(piece, piece, frozenset((piece, py)), self._kind.get(piece, Kind.NAME))

    def _zh_tokens(self, zh: str) -> list[Tok]:
        out: list[Tok] = []
        if maybe_traditional(zh):
            zh = to_simplified(zh)
        for run in _ZH_RUN.finditer(zh):
            text = run.group()
            if not has_han(text):
                out.extend(self.tokens(text))
                continue
            for piece in self._segment_zh(text):  # (zh_tokens' memo is the one that counts)
                tok = self._memo_pieces.get(piece)
                if tok is None:  # morphemes recur from name to name: one token each
                    tok = self._memo_pieces.put(piece, self._make_zh_token(piece))
                out.append(tok)
        return out
