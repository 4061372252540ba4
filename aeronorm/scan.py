"""Find known names in running text, and rewrite them: the engine behind ``find`` and ``normalize_text``.

How a text is scanned (``docs/matching.md`` has a diagram):

1. **Words.** The text is cut into words with their offsets in the original string (one regular
   expression; typographic quotes and dashes are recognised where they stand, nothing is copied
   or folded first). Hyphens separate words. Each distinct spelling goes once through the term
   lexicon exactly as a name does (:meth:`TermLexicon.words`: folding, possessive ``'s``
   dropped, ``Univ.`` expanded, plurals folded) and gets its concept token.
2. **Concept trie.** Every name, alias and abbreviation of the glossary (context aliases
   excepted) is turned into its concept tokens (``Space``/``Aerospace``/``Astronautics`` -> 航天)
   and stored in a trie whose edges are *labels*: one Han character per character of a Chinese
   concept key, or a whole word for other keys. Splitting Chinese keys into characters makes
   ``Polytechnical University`` (工业大学, one lexicon phrase) and ``Industrial University``
   (工业 + 大学, two words) the same path. Trailing legal forms are left out of the paths and
   matched on the fly, so any company form may follow any name (``Co., Ltd.``).
3. **Walk.** From each word that can open a path, the trie is walked over a small lattice:
   each word's concepts, the concepts of lexicon phrases that start at it (``science and
   technology`` -> 科技), and skipped function words (``of``, ``the``). The walk is bounded by
   the longest name, so the scan is linear in the length of the text. The longest accepted path
   wins and scanning resumes after it (``CASIC's 6th Academy`` is the academy, not CASIC). The
   paths found from a stretch of text are remembered, keyed by that stretch: names recur.
4. **Acceptance.** A path must be written like a name: capitalised unless the glossary writes
   it in lower case, acronyms in capitals (three letters or more), one ordinary word only for
   names, never for titles and domain terms. A path owned by several entities is no mention.
   A mention may not end or start inside a longer capitalised name (``China Great Wall Asset
   Management Co., Ltd.`` is not China Great Wall Industry Corporation), except where the
   neighbour is a company form, another known name, a title, or the first word of a sentence.
5. **Capitalised spans.** Runs of capitalised words that the trie left alone (word order,
   romanisation, typos) are passed to :meth:`Normalizer.match`; its answer is kept when a sure
   stage gave it, or when the run and one written form of the entity agree on every naming word.
6. **Chinese.** Han passages go to :func:`aeronorm.chinese.find_chinese` (jieba loaded with the
   glossary's Chinese names), or to longest matches of the Chinese names when it is missing.

The trie is built once per :class:`~aeronorm.Normalizer`, lazily, on the first ``find``.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal

from .lexicon import Kind, Tok
from .mention import Mention, Mentions, NormalizedText, Replacement
from .resources import _read, load_places, load_word_classes
from .results import Match
from .stages.fuzzy import align
from .text import HAN_RE, fold_key

if TYPE_CHECKING:
    from .normalizer import Normalizer

__all__ = ["CONCEPT_SCORE", "SPAN_FUZZY_MIN", "STYLES", "Scanner", "Style", "load_prose_words", "scanner_for"]

Style = Literal["canonical", "abbreviation", "annotate"]
#: How :meth:`Scanner.normalize_text` may rewrite a mention.
STYLES: tuple[str, ...] = ("canonical", "abbreviation", "annotate")

#: Score of a trie mention whose words are not literally a glossary form (their concepts agree).
CONCEPT_SCORE = 0.97
#: Lowest score at which a fuzzy answer for a capitalised span is kept.
SPAN_FUZZY_MIN = 0.85
#: Entity types whose one-word forms (``Director``, ``rocket``) are too common to be mentions.
_NO_SINGLE_WORD = frozenset({"title", "term"})
#: Types that may follow another capitalised word (``Administrator Zhang Kejian``).
_PRECEDED_OK = frozenset({"person", "title"})
#: Methods of :meth:`Normalizer.match` trusted for a capitalised span without further checks.
_SURE_METHODS = frozenset({"exact", "abbreviation", "pinyin", "chinese"})
_CACHE_LIMIT = 200_000
_MEMO_WAYS = 4  # stretches of text remembered per first word
_END = ""  # key of a trie node's terminal record (no label is empty)

# A word: letters and digits (apostrophes of any style inside), or "&". Hyphens separate words.
# Typographic quotes and dashes are recognised as such, not folded first: translating a whole
# non-ASCII text costs more than the rest of the scan.
_APOSTROPHES = "'’‘ʼ′`´‛"
_SPLIT = re.compile(rf"([^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*|&)")
_HAN_RUN = re.compile(HAN_RE.pattern + "+")
_OPEN_BRACKET = re.compile(r"\s*[(\[（]\s*")
_CLOSE_BRACKET = re.compile(r"\s*[)\]）]")
_GAP_OK = frozenset(" \t\r\n\u00a0,.-‐‑" + _APOSTROPHES)  # dashes (– —) end a name
_SENTENCE = frozenset(".!?:;\"“”„‟«»「」『』。！？：；")
_RUN_GLUE = frozenset({"of", "and", "for", "&"})

# word classes
_STOP, _AND, _WORD, _HAN = 0, 1, 2, 3
# break levels between two words: joinable, comma-like (a name may cross it), hard
_JOIN, _SOFT, _HARD = 0, 1, 2
# _Info.flags
_START, _CAPKNOWN = 1, 2


@dataclass(frozen=True, slots=True)
class _Variant:
    """One glossary form that leads to a trie node, and how the text must write it."""

    entity: int
    label: str  # name, alias, abbreviation
    form: str
    acronym: bool  # one all-capitals word: the text must be in capitals too
    case_free: bool  # the glossary writes it in lower case: any case matches


class _Info:
    """What the lexicon makes of one spelling of a word; cached per scanner.

    ``word`` is the folded word (an expansion of several words joined by spaces) and ``tok``
    its concept token (``None`` for function words and for words the lexicon splits).
    """

    __slots__ = ("abbrev", "cap", "cls", "flags", "generic", "inseq", "legal", "possessive", "start", "tok",
                 "upper", "word")

    def __init__(self, word: str, tok: Tok | None, cls: int, raw: str, abbrev: bool):
        self.word = word
        self.tok = tok
        self.cls = cls
        self.possessive = len(raw) > 2 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES
        bare = raw[:-2] if self.possessive else raw
        if bare.endswith("s") and bare[:-1].isupper():
            bare = bare[:-1]  # CALTs
        self.upper = bare.isupper()
        # capitalised: Title, CAPS, a digit first, or CamelCase with a lower-case head (iSpace)
        self.cap = raw[0].isupper() or raw[0].isdigit() or any(c.isupper() for c in raw[1:])
        self.abbrev = abbrev
        self.legal = tok is not None and tok.kind == Kind.LEGAL
        self.generic = tok is not None and tok.kind == Kind.GENERIC
        self.inseq = cls in (_WORD, _AND)
        self.flags = 0
        self.start = False  # may open a glossary path (flags & _START)


_IN_SEQ = attrgetter("inseq")
_STARTS = attrgetter("start")


class _Doc:
    """A text as parallel arrays: raw words, their analyses, the gaps between them, offsets."""

    __slots__ = ("_at", "_off", "gap", "infos", "join", "n", "parts", "raws", "seq", "text")

    def __init__(self, text: str, parts: list[str], infos: list[_Info],
                 gap: Callable[[str], tuple[int, bool, bool]]):
        self.text = text
        self.parts = parts  # gap, word, gap, word, ..., gap
        self.raws = parts[1::2]
        self.infos = infos
        self.gap = gap  # class of a gap string (cached by the scanner)
        # offsets are summed on demand from the last one asked for: mentions come in text order
        self._at = 0  # index into parts
        self._off = 0  # offset in text where parts[_at] starts
        self.n = len(infos)
        # content words and "and" (function words left out): the sequence the trie walks
        self.seq = list(compress(range(self.n), map(_IN_SEQ, infos)))
        self.join = bytearray(len(self.seq))  # 1: seq[c] continues seq[c-1]; 2: it does not; 0: unknown

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
                    if self.brk(k) == _HARD:
                        v = 2
                        break
            self.join[c] = v
        return v == 1

    def start(self, k: int) -> int:
        """Offset of word ``k`` in the text."""
        j = 2 * k + 1
        at = self._at
        if j >= at:
            self._off += sum(map(len, self.parts[at:j]))
        else:
            self._off -= sum(map(len, self.parts[j:at]))
        self._at = j
        return self._off

    def end(self, k: int) -> int:
        """End of word ``k``, a possessive ``'s`` left out."""
        end = self.start(k) + len(self.raws[k])
        return end - 2 if self.infos[k].possessive else end

    def brk(self, k: int) -> int:
        """Break level between word ``k - 1`` and word ``k``."""
        if k == 0:
            return _HARD
        prev = self.infos[k - 1]
        if prev.cls == _HAN or self.infos[k].cls == _HAN:
            return _HARD
        level, period, _ = self.gap(self.parts[2 * k])
        if period:
            # "Co., Ltd." and "Univ. of" go on; any other period ends a sentence
            level = max(level, _SOFT) if prev.abbrev else _HARD
        return level

    def sent(self, k: int) -> bool:
        """Whether word ``k`` opens a sentence (or a quotation, or a paragraph)."""
        return k == 0 or self.gap(self.parts[2 * k])[2] or self.infos[k - 1].cls == _HAN


class Scanner:
    """Finds the mentions of a :class:`~aeronorm.Normalizer`'s entities in running text.

    Get one with :func:`scanner_for` (built once per normalizer); most code calls
    :meth:`Normalizer.find` and :meth:`Normalizer.normalize_text` instead.

    Parameters
    ----------
    normalizer : Normalizer
        Supplies the glossary, the term lexicon and the resolution of capitalised spans.

    Examples
    --------
    >>> from aeronorm import Glossary, Normalizer
    >>> n = Normalizer(Glossary.from_records([{"id": "gw", "name": "Great Wall Rocket Works"}]))
    >>> text = "The Great Wall Rocket Works Co., Ltd. said so; Great Wall Rocket Works agreed."
    >>> [(m.text, m.entity_id) for m in scanner_for(n).find(text)]
    [('Great Wall Rocket Works Co., Ltd.', 'gw'), ('Great Wall Rocket Works', 'gw')]
    >>> print(scanner_for(n).normalize_text("Great Wall Rocket Works Co said so.", style="annotate"))
    Great Wall Rocket Works [gw] said so.
    """

    def __init__(self, normalizer: Normalizer):
        self.normalizer = normalizer
        self.index = normalizer.index
        self.lexicon = normalizer.lexicon
        wc = load_word_classes()
        self._stop = frozenset(wc.stop_words) - {"and"}
        self._abbrevs = frozenset(wc.abbreviations) | {p[0] for p in wc.legal_phrases if len(p) == 1}
        self._prose = load_prose_words()
        self._info_cache: dict[str, _Info] = {}
        self._tok_cache: dict[str, Tok | None] = {}
        self._gap_cache: dict[str, tuple[int, bool, bool]] = {}
        self._label_cache: dict[str, tuple[str, ...]] = {}
        self._tok_paths: dict[frozenset[str], tuple[tuple[str, ...], ...]] = {}
        self._span_cache: dict[tuple[str, str | None], Match | None] = {}
        self._match_cache: dict[tuple[str, int], Match] = {}
        self._canon_words: dict[int, frozenset[str]] = {}
        self._walk_memo: dict[str, list[tuple[int, list[str], list[tuple[int, list[_Variant]]]]]] = {}
        self._phrases: dict[tuple[str, ...], Tok] = {}
        self._phrase_len: dict[str, int] = {}
        self._build_phrases()
        self._root: dict[str, Any] = {}
        self._used_keys: set[str] = set()
        self._free_roots: set[str] = set()  # first labels of paths written in lower case
        self._max_words = 1
        self._building = True
        for i, entity in enumerate(self.index.entities):
            for label, forms in (("name", (entity.name,)), ("alias", entity.aliases),
                                 ("abbreviation", entity.abbreviations)):
                for form in forms:
                    self._add(i, label, form)
        self._building = False
        # lower-case words that may open a lower-case path through a phrase ("launch vehicle")
        self._free_phrase_first = {words[0] for words, tok in self._phrases.items()
                                   if any(self._labels(k)[0] in self._free_roots for k in tok.keys)}
        self._info_cache.clear()  # flags depend on the finished trie
        self._tok_paths.clear()
        self._entity_reps: dict[int, list[Any]] | None = None
        self._ids = {e.id: i for i, e in enumerate(self.index.entities)}
        self._zh_root: dict[str, Any] | None = None  # built on first use (fallback only)
        self._zh_legal: set[str] = set()
        self._zh_legal_max = 0
        self._t2s: Callable[[str], str] | None = None

    def __repr__(self) -> str:
        return f"Scanner({len(self.index.entities)} entities, {self.size} paths)"

    @property
    def size(self) -> int:
        """Number of distinct paths (written forms up to concepts) in the trie."""
        count, stack = 0, [self._root]
        while stack:
            node = stack.pop()
            count += _END in node
            stack.extend(v for k, v in node.items() if k != _END)
        return count

    # ------------------------------------------------------------------------------ building
    def _build_phrases(self) -> None:
        """Multi-word phrases of the lexicon (terms, places, legal and generic forms) -> token."""
        wc = load_word_classes()
        texts: list[str] = [r for t in self.lexicon.terms for r in t.renderings]
        texts += [en for _, ens in load_places() for en in ens]
        texts += [" ".join(p) for p in wc.legal_phrases | wc.generic_phrases]
        for text in texts:
            words = tuple(w for w in self.lexicon.words(text) if w not in self._stop)
            if len(words) < 2 or words in self._phrases:
                continue
            toks = self.lexicon.tokens(text)
            if len(toks) == 1:
                self._phrases[words] = toks[0]
                first = words[0]
                self._phrase_len[first] = max(self._phrase_len.get(first, 0), len(words))

    def _word_tok(self, word: str) -> Tok | None:
        tok = self._tok_cache.get(word, False)
        if tok is False:
            toks = self.lexicon.tokens(word)
            tok = toks[0] if len(toks) == 1 else None
            if len(self._tok_cache) > _CACHE_LIMIT:
                self._tok_cache.clear()
            self._tok_cache[word] = tok
        return tok  # type: ignore[return-value]

    def _labels(self, key: str) -> tuple[str, ...]:
        """Trie labels of a concept key: a Chinese key character by character, others whole."""
        labels = self._label_cache.get(key)
        if labels is None:
            labels = tuple(key) if not key.isascii() and all(HAN_RE.match(c) for c in key) else (key,)
            if len(self._label_cache) < _CACHE_LIMIT:
                self._label_cache[key] = labels
        return labels

    def _paths(self, tok: Tok) -> tuple[tuple[str, ...], ...]:
        """Trie label sequences of every concept a token may stand for (cached per concept set)."""
        # only concepts that some glossary path uses: fewer dead ends in the walk
        paths = tuple(dict.fromkeys(self._labels(k) for k in sorted(tok.keys) if k in self._used_keys))
        if len(self._tok_paths) < _CACHE_LIMIT:
            self._tok_paths[tok.keys] = paths
        return paths

    def _segment(self, words: list[str]) -> list[Tok]:
        """Greedy longest-phrase segmentation of a name's words, as the lexicon does it."""
        out: list[Tok] = []
        i, n = 0, len(words)
        while i < n:
            w = words[i]
            for size in range(min(self._phrase_len.get(w, 1), n - i), 1, -1):
                phrase = tuple(words[i : i + size])
                tok = self._phrases.get(phrase) if phrase[-1] != "and" else None
                if tok is not None:
                    out.append(tok)
                    i += size
                    break
            else:
                i += 1
                tok = self._word_tok(w) if w != "and" else None
                if tok is not None:
                    out.append(tok)
        return out

    def _add(self, entity: int, label: str, form: str) -> None:
        doc = self._doc(form)
        words = [doc.infos[k].word for k in doc.seq]
        core = self._segment(words)
        while core and core[-1].kind == Kind.LEGAL:
            core.pop()  # company forms are matched on the fly after any name
        if not any(t.kind in (Kind.NAME, Kind.NUMBER, Kind.PLACE) for t in core):
            return  # only generic words ("China Group"): never a mention on its own
        content = [(raw, i) for raw, i in zip(doc.raws, doc.infos, strict=True)
                   if i.cls == _WORD and not i.legal]
        single = len(content) == 1
        acronym = single and len(core) == 1 and _is_acronym(content[0][0])
        case_free = any(raw.islower() for raw, _ in content)
        if acronym and sum(c.isalpha() for c in content[0][0]) < 3:
            return  # two-letter acronyms (GW, CE, FY) are ordinary tokens of prose
        if single and not acronym and (case_free or self.index.entities[entity].type in _NO_SINGLE_WORD):
            return  # "rocket", "Director": ordinary words, not names
        node = self._root
        for tok in core:
            self._used_keys.add(tok.key)
            for lab in self._labels(tok.key):
                node = node.setdefault(lab, {})
        node.setdefault(_END, []).append(_Variant(entity, label, form, acronym, case_free))
        if case_free:
            self._free_roots.add(self._labels(core[0].key)[0])
        self._max_words = max(self._max_words, len(doc.seq))

    def _build_chinese(self) -> dict[str, Any]:
        root: dict[str, Any] = {}
        for i, entity in enumerate(self.index.entities):
            for zh in entity.chinese_names():
                zh = zh.strip()
                if len(zh) < 2 or not all(HAN_RE.match(c) for c in zh):
                    continue
                node = root
                for c in zh:
                    node = node.setdefault(c, {})
                node.setdefault(_END, set()).add(i)
        # company forms that may follow a Chinese short name (航天科技 + 集团)
        for z in self.lexicon.zh_terms:
            toks = self.lexicon.zh_tokens(z)
            if toks and all(t.kind == Kind.LEGAL for t in toks):
                self._zh_legal.add(z)
        self._zh_legal_max = max((len(z) for z in self._zh_legal), default=0)
        return root

    # ------------------------------------------------------------------------------ words
    def _info(self, raw: str) -> _Info:
        info = self._info_cache.get(raw)
        if info is not None:
            return info
        if raw == "&":
            info = _Info("and", None, _AND, raw, False)
        elif not raw.isascii() and HAN_RE.search(raw):
            info = _Info("", None, _HAN, raw, False)
        else:
            words = [w for w in self.lexicon.words(raw) if w not in self._stop or w == "and"]
            abbrev = raw.casefold() in self._abbrevs or len(raw) == 1
            if not words:
                info = _Info("", None, _STOP, raw, abbrev)
            elif words == ["and"]:
                info = _Info("and", None, _AND, raw, abbrev)
            else:
                word = " ".join(words)
                info = _Info(word, self._word_tok(word), _WORD, raw, abbrev)
                if not self._building:
                    info.flags = self._flags(info)
                    info.start = bool(info.flags & _START)
        if len(self._info_cache) > _CACHE_LIMIT:
            self._info_cache.clear()
        self._info_cache[raw] = info
        return info

    def _flags(self, info: _Info) -> int:
        flags = 0
        tok = info.tok
        if tok is None:
            return flags
        if info.cap:
            if info.word in self._phrase_len or any(self._labels(k)[0] in self._root for k in tok.keys):
                flags |= _START
        elif info.word in self._free_phrase_first or any(
                self._labels(k)[0] in self._free_roots for k in tok.keys):
            flags |= _START  # a lower-case word only opens a name the glossary writes in lower case
        postings = self.index.postings
        if info.cap and tok.kind in (Kind.NAME, Kind.NUMBER) and any(k in postings for k in tok.keys):
            flags |= _CAPKNOWN
        return flags

    def _gap(self, gap: str) -> tuple[int, bool, bool]:
        """(break level, holds a period, opens a sentence) of the characters between two words."""
        got = self._gap_cache.get(gap)
        if got is None:
            newlines = gap.count("\n")
            brackets = sum(c in "()" for c in gap)
            if (not all(c in _GAP_OK or c in "()" for c in gap) or newlines > 1 or gap.count(",") > 1
                    or gap.count(".") > 1 or brackets > 1):
                level = _HARD
            elif "," in gap or brackets:
                level = _SOFT  # a name may go on: "Science, Technology and", "Future Travel (Hainan)"
            else:
                level = _JOIN
            sent = newlines > 1 or any(c in _SENTENCE for c in gap)
            got = (level, "." in gap, sent)
            if len(self._gap_cache) < 10_000:
                self._gap_cache[gap] = got
        return got

    def _doc(self, text: str) -> _Doc:
        parts = _SPLIT.split(text)
        raws = parts[1::2]
        infos = list(map(self._info_cache.get, raws))
        if None in infos:
            for k in [k for k, i in enumerate(infos) if i is None]:
                infos[k] = self._info(raws[k])
        return _Doc(text, parts, infos, self._gap)  # type: ignore[arg-type]

    # ------------------------------------------------------------------------------ finding
    def find(self, text: str, *, type: str | None = None) -> Mentions:
        """The mentions of known entities in ``text``, in text order.

        Parameters
        ----------
        text : str
            English text; Chinese passages are matched against Chinese names.
        type : str, optional
            Only report entities of this type.

        Returns
        -------
        Mentions
            A list of :class:`~aeronorm.Mention`; ``m.text == text[m.start:m.end]``.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {_type_name(text)}")
        allowed = self.normalizer._allowed(type)
        found: list[Mention] = []
        if text:
            found = self._find_english(self._doc(text), allowed, type)
            if not text.isascii() and HAN_RE.search(text):
                chinese = self._find_chinese(text, allowed)
                taken = bytearray(len(text))
                for m in chinese:
                    taken[m.start : m.end] = b"\x01" * (m.end - m.start)
                found = [m for m in found if not any(taken[m.start : m.end])] + chinese
                found.sort(key=lambda m: m.start)
        return Mentions(found, text)

    def _find_english(self, doc: _Doc, allowed: Collection[int] | None, type_: str | None) -> list[Mention]:
        infos = doc.infos
        taken: list[tuple[int, int, Match]] = []
        covered_until = -1  # last word of the previous mention
        seq = doc.seq
        for c in list(compress(range(len(seq)), map(_STARTS, map(infos.__getitem__, seq)))):
            if seq[c] <= covered_until:
                continue
            hit = self._walk(doc, c, allowed, covered_until)
            if hit is not None:
                taken.append(hit)
                covered_until = hit[1]
        mentions = [self._mention(doc, a, b, m) for a, b, m in taken]
        mentions += self._find_spans(doc, taken, type_)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _trie_ends(self, doc: _Doc, c0: int, probe: bool = False
                   ) -> tuple[list[tuple[int, list[_Variant]]], int, bool]:
        """Every glossary path through the text from content word ``c0``, by where it ends.

        Returns (ends, last word consulted, whether the result depends only on the words from
        ``seq[c0]`` to that one). With ``probe``, stops at the first path found.
        """
        infos = doc.infos
        seq = doc.seq
        n = len(seq)
        limit = min(n, c0 + self._max_words + 4)
        phrase_len = self._phrase_len
        phrases = self._phrases
        paths_of = self._tok_paths.get
        ends: list[tuple[int, list[_Variant]]] = []
        join = doc.join
        hi = seq[c0]
        complete = True
        stack: list[tuple[dict[str, Any], int, int]] = [(self._root, c0, -1)]
        while stack:
            node, c, last = stack.pop()
            if last >= 0:
                term = node.get(_END)
                if term is not None:
                    ends.append((last, term))
                    if probe:
                        break
                if c >= limit:
                    complete = complete and c < n
                    continue
                if seq[c] > hi:
                    hi = seq[c]
                if join[c] != 1 and not doc.joins(c):
                    continue
            info = infos[seq[c]]
            tok = info.tok
            if tok is None:
                if info.cls == _AND and last >= 0:  # "and" between two words of a name
                    stack.append((node, c + 1, last))
                continue
            paths = paths_of(tok.keys)
            if paths is None:
                paths = self._paths(tok)
            for labels in paths:
                child = _descend(node, labels)
                if child is not None:
                    stack.append((child, c + 1, c))
            longest = phrase_len.get(info.word)
            if longest:
                if c + longest > n:
                    complete = False
                ws = [info.word]
                for d in range(c + 1, min(c + longest, limit)):
                    if seq[d] > hi:
                        hi = seq[d]
                    if join[d] != 1 and not doc.joins(d):
                        break
                    ws.append(infos[seq[d]].word)
                for size in range(len(ws), 1, -1):
                    ptok = phrases.get(tuple(ws[:size]))
                    if ptok is None:
                        continue
                    q = c + size - 1
                    paths = paths_of(ptok.keys)
                    if paths is None:
                        paths = self._paths(ptok)
                    for labels in paths:
                        child = _descend(node, labels)
                        if child is not None:
                            stack.append((child, q + 1, q))
        return ends, hi, complete

    def _ends(self, doc: _Doc, c0: int) -> list[tuple[int, list[_Variant]]]:
        """:meth:`_trie_ends`, remembered per stretch of text (names recur in a corpus)."""
        k0 = doc.seq[c0]
        parts = doc.parts
        p = 2 * k0 + 1
        first = parts[p]
        entries = self._walk_memo.get(first)
        if entries is not None:
            for size, key, rel in entries:
                if parts[p : p + size] == key:
                    return [(c0 + d, term) for d, term in rel]
        ends, hi, complete = self._trie_ends(doc, c0)
        if complete:
            key = parts[p : 2 * hi + 2]
            if entries is None:
                if len(self._walk_memo) > _CACHE_LIMIT:
                    self._walk_memo.clear()
                entries = self._walk_memo[first] = []
            entries.insert(0, (len(key), key, [(c - c0, term) for c, term in ends]))
            del entries[_MEMO_WAYS:]
        return ends

    def _walk(self, doc: _Doc, c0: int, allowed: Collection[int] | None, covered_until: int,
              probe: bool = False) -> tuple[int, int, Match] | None:
        """Longest accepted mention starting at content word ``c0``: (first word, last word, match).

        With ``probe``, only tell whether any glossary path starts there (a truthy tuple).
        """
        if probe:
            return (c0, c0, None) if self._trie_ends(doc, c0, probe=True)[0] else None  # type: ignore[return-value]
        ends = self._ends(doc, c0)
        seq = doc.seq
        infos = doc.infos
        if not ends:
            return None
        ends.sort(key=lambda e: -e[0])
        k0 = seq[c0]
        i = 0
        while i < len(ends):
            last = ends[i][0]
            variants = [v for e, vs in ends if e == last for v in vs]
            while i < len(ends) and ends[i][0] == last:
                i += 1
            chosen = self._choose(doc, variants, k0, seq[last], allowed)
            if chosen is None:
                continue
            if chosen == -1:
                return None  # several entities own this name: no mention, and no shorter one
            entity = self.index.entities[chosen]
            last = self._drop_descriptors(doc, ends, last, chosen, k0, allowed)
            if entity.type == "org":
                # company forms after the name: "... Industry Group Co., Ltd."
                c = last + 1
                while c < len(seq) and doc.joins(c):
                    info = infos[seq[c]]
                    if not info.legal or not info.cap:
                        break
                    last = c
                    c += 1
            last_k = seq[last]
            if not self._fits_context(doc, k0, last_k, entity.type, covered_until):
                continue
            last_k = self._canonical_tail(doc, last_k, entity.name)
            span = doc.text[doc.start(k0) : doc.end(last_k)]
            return k0, last_k, self._match(span, chosen, variants)
        return None

    def _drop_descriptors(self, doc: _Doc, ends: list[tuple[int, list[_Variant]]], last: int, chosen: int,
                          k0: int, allowed: Collection[int] | None) -> int:
        """Leave trailing lower-case words the canonical name lacks out of the mention.

        An alias may carry a descriptor ("Qianfan constellation") that the canonical name has
        not ("Qianfan"); replacing the whole span would delete the word from the sentence. When
        a shorter path names the same entity, the mention stops there.
        """
        if len(ends) < 2:
            return last
        seq, infos = doc.seq, doc.infos
        canon = self._canon_words.get(chosen)
        if canon is None:
            canon = frozenset(self.lexicon.words(self.index.entities[chosen].name))
            self._canon_words[chosen] = canon
        for shorter, term in ends:
            if shorter >= last:
                continue
            tail = range(seq[shorter] + 1, seq[last] + 1)
            if not all(infos[k].cls != _WORD or (not infos[k].cap and infos[k].word not in canon)
                       for k in tail):
                return last
            if self._choose(doc, list(term), k0, seq[shorter], allowed) == chosen:
                return shorter
        return last

    def _canonical_tail(self, doc: _Doc, last: int, canonical: str) -> int:
        """Take in the words after a mention that end its canonical name.

        "Tiangong station" with canonical "Tiangong space station" becomes one mention, so that
        the rewrite does not read "Tiangong space station station".
        """
        if last + 1 >= doc.n or " " not in canonical:
            return last
        infos, raws = doc.infos, doc.raws
        words = canonical.casefold().split()
        if raws[last + 1].casefold() not in words:
            return last
        for size in (3, 2, 1):
            if size >= len(words) or last + size >= doc.n:
                continue
            nxt = range(last + 1, last + size + 1)
            if all(doc.brk(k) == _JOIN and doc.gap(doc.parts[2 * k])[0] == _JOIN for k in nxt) and \
                    [raws[k].casefold() for k in nxt] == words[-size:] and \
                    [raws[k].casefold() for k in range(last - size + 1, last + 1)] != words[-size:] and \
                    not infos[last].possessive:
                return last + size
        return last

    def _choose(self, doc: _Doc, variants: list[_Variant], first: int, last: int,
                allowed: Collection[int] | None) -> int | None:
        """The one entity whose form fits the text; -1 when several do, None when none does."""
        infos = doc.infos
        content = [k for k in range(first, last + 1) if infos[k].cls == _WORD and not infos[k].legal]
        one = content[0] if len(content) == 1 else None
        if one is not None and not infos[one].cap:
            return None  # one lower-case word ("rocket") is never a mention
        caps = all(infos[k].cap for k in content)
        name_ok: bool | None = None  # a one-word mention opening a sentence: decided once
        entities = self.index.entities
        ok: set[int] = set()
        for v in variants:
            if v.entity in ok or (allowed is not None and v.entity not in allowed):
                continue
            if v.acronym:
                if one is not None and infos[one].upper:
                    ok.add(v.entity)
                continue
            if not (caps or v.case_free):
                continue
            if one is not None:
                if entities[v.entity].type in _NO_SINGLE_WORD:
                    continue  # one word of a title or a domain term ("Aerospace" for "Aerospace+")
                if name_ok is None:
                    name_ok = not doc.sent(one) or self._name_like(doc, one)
                if not name_ok:
                    continue
            ok.add(v.entity)
        if not ok:
            return None
        if len(ok) > 1:
            return -1
        return next(iter(ok))

    def _name_like(self, doc: _Doc, k: int) -> bool:
        """Whether a capitalised word that opens a sentence is still a name there.

        The capital tells nothing there, so the word must not be ordinary English: the words of
        ``aeronorm/data/prose.yaml`` (``Change`` for Chang'e, ``Compass`` for BeiDou) are not.
        One-word titles and domain terms are never mentions anyway.
        """
        info = doc.infos[k]
        raw = doc.raws[k]
        if any(c.isupper() for c in raw[1:]):
            return True  # LandSpace, CASIC
        return info.tok is not None and info.word not in self._prose

    def _fits_context(self, doc: _Doc, first: int, last: int, etype: str, covered_until: int) -> bool:
        """False when the mention sits inside a longer capitalised name."""
        infos, raws, n = doc.infos, doc.raws, doc.n
        nxt = last + 1
        if nxt < n and doc.brk(nxt) == _JOIN and not infos[last].possessive:
            info = infos[nxt]
            if (info.cls == _STOP and raws[nxt].casefold() in ("of", "for") and nxt + 1 < n
                    and doc.brk(nxt + 1) == _JOIN and infos[nxt + 1].cls == _WORD
                    and raws[nxt + 1][0].isupper()):
                return False  # "Nanjing University of Aeronautics ...": a longer name goes on
            if info.cls == _WORD and raws[nxt][0].isupper() and not info.legal \
                    and not self._walk(doc, bisect_left(doc.seq, nxt), None, -1, probe=True):
                return False
        prv = first - 1
        if prv >= 0 and prv > covered_until and etype not in _PRECEDED_OK and doc.brk(first) == _JOIN:
            info = infos[prv]
            if info.cls == _WORD and raws[prv][0].isupper() and not doc.sent(prv) and not info.possessive \
                    and not info.generic:
                return False
        return True

    def _match(self, span: str, entity: int, variants: list[_Variant]) -> Match:
        key = (span, entity)
        m = self._match_cache.get(key)
        if m is None:
            m = self._new_match(span, entity, variants)
            if len(self._match_cache) > _CACHE_LIMIT // 10:
                self._match_cache.clear()
            self._match_cache[key] = m
        return m

    def _new_match(self, span: str, entity: int, variants: list[_Variant]) -> Match:
        e = self.index.entities[entity]
        key = fold_key(span)
        own = [v for v in variants if v.entity == entity]
        if entity in self.index.exact.get(key, ()):
            label = self.index.exact_label.get((key, entity), own[0].label if own else "name")
            return Match(span, e.id, e.name, e.type, 1.0, "exact", (f"{label} {span!r}",))
        evidence = (f"concepts of {own[0].label} {own[0].form!r}",) if own else ()
        return Match(span, e.id, e.name, e.type, CONCEPT_SCORE, "concept", evidence)

    def _mention(self, doc: _Doc, first: int, last: int, match: Match) -> Mention:
        text = doc.text
        start, end = doc.start(first), doc.end(last)
        info = doc.infos[last]
        if not info.possessive and text.startswith(".", end) and (
            match.canonical.endswith(".") or (info.abbrev and _sentence_goes_on(text, end + 1))
        ):
            # "Corp. signed": the period belongs to the name; "... Corp." at the end of a sentence
            # keeps it, unless the canonical name brings its own ("Co., Ltd.").
            end += 1
        end = _close_aside(text, start, end)
        return Mention(start, end, text[start:end], match)

    # ------------------------------------------------------------------------------ spans
    def _find_spans(self, doc: _Doc, taken: list[tuple[int, int, Match]], type_: str | None) -> list[Mention]:
        """Resolve capitalised runs that the trie left alone with the full matcher."""
        covered = bytearray(doc.n)
        for a, b, _ in taken:
            covered[a : b + 1] = b"\x01" * (b - a + 1)
        out: list[Mention] = []
        done = -1
        for k in [k for k, i in enumerate(doc.infos) if i.flags & _CAPKNOWN]:
            if k <= done or covered[k]:
                continue
            a, b, content = self._run(doc, k)
            done = b
            if content < 2 or any(covered[a : b + 1]):
                continue
            tries = [(a, b)]
            if doc.sent(a) and content > 2:
                tries.append((a + 1, b))  # "Yesterday Xibei Gongye Daxue ..."
            for s, e in tries:
                m = self._resolve_span(doc, s, e, type_)
                if m is not None:
                    out.append(m)
                    break
        return out

    def _capword(self, doc: _Doc, k: int) -> bool:
        info = doc.infos[k]
        return info.cls == _WORD and (doc.raws[k][0].isupper() or info.upper)

    def _run(self, doc: _Doc, k: int) -> tuple[int, int, int]:
        """The run of capitalised words around word ``k``: (first, last, number of words)."""
        infos, raws, n = doc.infos, doc.raws, doc.n
        a = k
        while a > 0 and doc.brk(a) == _JOIN and not infos[a - 1].possessive:
            if self._capword(doc, a - 1) or (infos[a - 1].cls == _WORD and raws[a - 1][0].isdigit()):
                a -= 1
            elif (a > 1 and raws[a - 1].casefold() in _RUN_GLUE and doc.brk(a - 1) == _JOIN
                  and self._capword(doc, a - 2) and not infos[a - 2].possessive):
                a -= 2
            else:
                break
        while a < k and not self._capword(doc, a):
            a += 1  # a run starts with a capitalised word, not a number
        b = k
        while b + 1 < n and not infos[b].possessive:
            nb = doc.brk(b + 1)
            if nb == _JOIN and infos[b + 1].cls == _WORD and doc.parts[2 * b + 2] == "-":
                b += 1  # the rest of a hyphenated word: "Ke-jian"
            elif nb == _SOFT and infos[b + 1].legal and infos[b + 1].cap:
                b += 1  # ", Ltd."
            elif nb != _JOIN:
                break
            elif self._capword(doc, b + 1) or (infos[b + 1].cls == _WORD and raws[b + 1][0].isdigit()):
                b += 1
            elif (b + 2 < n and raws[b + 1].casefold() in _RUN_GLUE and doc.brk(b + 2) == _JOIN
                  and self._capword(doc, b + 2)):
                b += 2
            else:
                break
        # naming words: capitalised words with letters ("March 3" is a date, not a name)
        content = sum(1 for j in range(a, b + 1) if infos[j].cls == _WORD and not raws[j][0].isdigit())
        return a, b, content

    def _resolve_span(self, doc: _Doc, a: int, b: int, type_: str | None) -> Mention | None:
        start, end = doc.start(a), doc.end(b)
        span = doc.text[start:end]
        key = (span, type_)
        if key in self._span_cache:
            m = self._span_cache[key]
        else:
            m = self._span_match(span, type_)
            if len(self._span_cache) > _CACHE_LIMIT // 10:
                self._span_cache.clear()
            self._span_cache[key] = m
        if m is None:
            return None
        end = _close_aside(doc.text, start, end)
        return Mention(start, end, doc.text[start:end], m)

    def _span_match(self, span: str, type_: str | None) -> Match | None:
        m = self.normalizer.match(span, type=type_)
        if m is None:
            return None
        if m.method in _SURE_METHODS:
            return m
        if m.method == "fuzzy" and m.score < SPAN_FUZZY_MIN:
            return None
        return m if self._agrees(span, m.entity_id) else None

    def _agrees(self, span: str, entity_id: str) -> bool:
        """Whether the span and one English form of the entity share every naming word."""
        if self._entity_reps is None:
            reps: dict[int, list[Any]] = {}
            for rep in self.index.reps:
                if rep.label in ("name", "alias"):
                    reps.setdefault(rep.entity, []).append(rep)
            self._entity_reps = reps
        distinctive = (Kind.NAME, Kind.NUMBER, Kind.PLACE)
        q = [t for t in self.lexicon.tokens(span) if t.kind in distinctive]
        for rep in self._entity_reps.get(self._ids[entity_id], ()):
            c = [t for t in rep.tokens if t.kind in distinctive]
            if len(align(q, c)) == len(q) == len(c):
                return True
        return False

    # ------------------------------------------------------------------------------ Chinese
    def _find_chinese(self, text: str, allowed: Collection[int] | None) -> list[Mention]:
        """Chinese mentions: jieba segmentation of :func:`aeronorm.chinese.find_chinese` when it
        is there, else longest matches of Chinese names and aliases in each Han run."""
        try:
            from .chinese import find_chinese
        except ImportError:  # pragma: no cover - aeronorm.chinese is part of the package
            find_chinese = None
        if find_chinese is not None:
            return [Mention(s, e, text[s:e], m) for s, e, m in find_chinese(self.normalizer, text)
                    if allowed is None or self._ids.get(m.entity_id, -1) in allowed]
        return self._find_chinese_trie(text, allowed)

    def _find_chinese_trie(self, text: str, allowed: Collection[int] | None) -> list[Mention]:
        """Longest matches of Chinese names and Chinese aliases in the Han runs of ``text``."""
        out: list[Mention] = []
        if self._zh_root is None:
            self._zh_root = self._build_chinese()
        root = self._zh_root
        for run in _HAN_RUN.finditer(text):
            chars = self._simplified(run.group())
            base = run.start()
            i, n = 0, len(chars)
            while i < n:
                node: dict[str, Any] | None = root
                best: tuple[int, set[int]] | None = None
                j = i
                while j < n:
                    node = node.get(chars[j])  # type: ignore[union-attr]
                    if node is None:
                        break
                    j += 1
                    if _END in node:
                        best = (j, node[_END])
                if best is None:
                    i += 1
                    continue
                j, ids = best
                ids = ids if allowed is None else {x for x in ids if x in allowed}
                if len(ids) == 1:
                    ent = self.index.entities[next(iter(ids))]
                    label = "zh" if chars[i:j] == ent.zh else "zh_alias"
                    evidence = (f"{label} {chars[i:j]!r}",)
                    if ent.type == "org":
                        j = self._zh_legal_tail(chars, j)
                    span = text[base + i : base + j]
                    m = Match(span, ent.id, ent.name, ent.type, 1.0, "exact", evidence)
                    out.append(Mention(base + i, base + j, span, m))
                i = j
        return out

    def _zh_legal_tail(self, chars: str, j: int) -> int:
        grew = True
        while grew:
            grew = False
            for size in range(min(self._zh_legal_max, len(chars) - j), 0, -1):
                if chars[j : j + size] in self._zh_legal:
                    j += size
                    grew = True
                    break
        return j

    def _simplified(self, run: str) -> str:
        if self._t2s is None:
            try:
                import opencc

                self._t2s = opencc.OpenCC("t2s").convert
            except Exception:  # optional: traditional text then matches as written
                self._t2s = str
        conv = self._t2s(run)
        return conv if len(conv) == len(run) else run

    # ------------------------------------------------------------------------------ rewriting
    def normalize_text(self, text: str, *, style: Style = "canonical", type: str | None = None
                       ) -> NormalizedText:
        """``text`` with every mention replaced; every other character is left as it was.

        Parameters
        ----------
        text : str
        style : {"canonical", "abbreviation", "annotate"}
            ``canonical`` writes the canonical name; ``abbreviation`` the entity's first
            abbreviation (its canonical name when it has none); ``annotate`` writes
            ``canonical [id]``.
        type : str, optional
            Only rewrite entities of this type.

        Notes
        -----
        An abbreviation in brackets right after a mention of the same entity ("China National
        Space Administration (CNSA)") is left as written: it defines the abbreviation. A
        lower-case canonical name that replaces a capitalised mention gets a capital.
        """
        if style not in STYLES:
            raise ValueError(f"style must be one of {STYLES}, got {style!r}")
        mentions = self.find(text, type=type)
        pieces: list[str] = []
        reps: list[Replacement] = []
        pos = 0
        out_len = 0
        prev: Mention | None = None
        for m in mentions:
            new = self._replacement(m, style)
            if (prev is not None and prev.entity_id == m.entity_id
                    and _bracketed(text, prev.end, m.start, m.end)):
                new = m.text
            prev = m
            gap = text[pos : m.start]
            pieces.append(gap)
            out_len += len(gap)
            pieces.append(new)
            reps.append(Replacement(m, new, out_len, out_len + len(new)))
            out_len += len(new)
            pos = m.end
        pieces.append(text[pos:])
        return NormalizedText("".join(pieces), text, reps, style)

    def _replacement(self, m: Mention, style: str) -> str:
        new = m.match.canonical
        if style == "abbreviation":
            entity = self.normalizer.glossary.get(m.match.entity_id)
            if entity is not None and entity.abbreviations:
                new = entity.abbreviations[0]
        if new[:1].islower() and m.text[:1].isupper():
            new = new[0].upper() + new[1:]  # a lower-case term opening a sentence
        if style == "annotate":
            new = f"{new} [{m.match.entity_id}]"
        return new


# ---------------------------------------------------------------------------------- helpers
def _is_acronym(raw: str) -> bool:
    return len(raw) >= 2 and raw.isupper() and any(c.isalpha() for c in raw)


def _bracketed(text: str, prev_end: int, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in brackets right after ``text[:prev_end]``."""
    return bool(_OPEN_BRACKET.fullmatch(text, prev_end, start)) and bool(_CLOSE_BRACKET.match(text, end))


def _close_aside(text: str, start: int, end: int) -> int:
    """The end of a mention that opens an aside in brackets: past the bracket that closes it
    ("Future Travel (Hainan)"), or, when the aside goes on, before the aside ("Future Travel"
    of "Future Travel (Hainan branch)"). Rewriting a mention must not unbalance brackets."""
    span = text[start:end]
    if sum(map(span.count, "([（")) > sum(map(span.count, ")]）")):
        closing = _CLOSE_BRACKET.match(text, end)
        if closing is not None:
            return closing.end()
        cut = len(span[: max(map(span.rfind, "([（"))].rstrip())
        if cut > 0:
            return start + cut
    return end


def _sentence_goes_on(text: str, i: int) -> bool:
    """Whether the text after a period at ``i - 1`` continues the sentence (``Corp. signed``)."""
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    return i < n and (text[i].islower() or text[i].isdigit() or text[i] in ",;:)")


def _type_name(obj: object) -> str:
    return type(obj).__name__


@cache
def load_prose_words() -> frozenset[str]:
    """Ordinary English words that are never a one-word mention at the start of a sentence."""
    import yaml

    raw = yaml.safe_load(_read("prose.yaml"))
    return frozenset(w.casefold() for w in raw["sentence_initial_words"])


_scanner_lock = threading.Lock()


def scanner_for(normalizer: Normalizer) -> Scanner:
    """The :class:`Scanner` of a normalizer, built on first use, once, thread-safely."""
    scanner = normalizer.__dict__.get("_scanner")
    if scanner is None:
        with _scanner_lock:
            scanner = normalizer.__dict__.get("_scanner")
            if scanner is None:
                scanner = Scanner(normalizer)
                normalizer.__dict__["_scanner"] = scanner
    return scanner


def _descend(node: dict, labels: Sequence[str]) -> dict | None:
    """The trie node reached from ``node`` along ``labels``, or ``None`` where the path ends."""
    for lab in labels:
        node = node.get(lab)
        if node is None:
            return None
    return node
