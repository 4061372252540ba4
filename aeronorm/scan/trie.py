"""The concept trie: every glossary form as a path of concept labels, walked over a text's words.

Every name, alias and abbreviation of the glossary (context aliases excepted) is turned into its
concept tokens (``Space``/``Aerospace``/``Astronautics`` -> 航天) and stored in a trie whose edges
are *labels*: one Han character per character of a Chinese concept key, or a whole word for
other keys. Splitting Chinese keys into characters makes ``Polytechnical University`` (工业大学,
one lexicon phrase) and ``Industrial University`` (工业 + 大学, two words) the same path. Trailing
legal forms are left out of the paths and matched on the fly, so any company form may follow any
name (``Co., Ltd.``).

A title template (``Secretary of the CPC {province} Provincial Committee``) is a path with a
*slot* edge that any place word may take (``Fujian``, ``Inner Mongolia``). One-word titles
(``Director``) are paths too; they, and titles written in lower case, are mentions only where
the sentence makes them the title of a named body (:mod:`~aeronorm.scan.titles`).

From each word that can open a path, the trie is walked over a small lattice: each word's
concepts, the concepts of lexicon phrases that start at it (``science and technology`` -> 科技),
and skipped function words (``of``, ``the``). The walk is bounded by the longest name, so the
scan is linear in the length of the text. The paths found from a stretch of text are remembered,
keyed by that stretch: names recur.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from ..caching import BoundedCache
from ..glossary.entity import template_slot
from ..index import Index
from ..lexicon import Kind, TermLexicon, Tok
from ..lexicon.word_classes import load_word_classes
from ..resources import load_places
from ..text.fold import HAN_RE, is_upper_word
from .words import AND, CAPKNOWN, HAN, START, WORD, Doc, WordInfo, Words

__all__ = ["NO_SINGLE_WORD", "SLOT", "Trie", "Variant"]

#: Entity types whose one-word forms (``Director``, ``rocket``) are too common to be mentions on
#: their own (a one-word title still is, as the title of a named body).
NO_SINGLE_WORD = frozenset({"title", "term"})
_CACHE_LIMIT = 200_000
_MEMO_WAYS = 16  # stretches of text remembered per first two words
_FIRST = itemgetter(0)
_HAN_WORD = "\x00"  # a remembered stretch's second word when it has Han characters (no word is a NUL)
_END = ""  # key of a trie node's terminal record (no label is empty)
SLOT = "\x00"  # label of the slot edge of a template (no concept label is a NUL)
_SLOT_LABELS = (SLOT,)
_ENGLISH_LABELS = frozenset({"name", "alias", "abbreviation"})
_PLACE = Kind.PLACE
#: A trie node: a dict from labels (and ``_END``) to what they lead to, or, for a run of nodes
#: that each hold one thing (the rest of one name's path, the forms ending there), the run's
#: labels and what the last leads to: ``(label, ..., label, what)`` (``_END`` only last). A
#: place in the walk is a node and the position of its next label in a run (0 in a dict).
_Node = dict[str, Any] | tuple[Any, ...]


#: A remembered stretch: its number of parts, the parts, its ends (relative), a caller's notes.
_Remembered = tuple[int, list[str], list[tuple[int, list["Variant"]]], dict[Any, Any]]


@dataclass(frozen=True, slots=True)
class Variant:
    """One glossary form that leads to a trie node, and how the text must write it."""

    entity: int
    label: str  # name, alias, abbreviation, template
    form: str
    acronym: bool  # one all-capitals word: the text must be in capitals too
    case_free: bool  # the glossary writes it in lower case: any case matches
    single: bool = False  # one word (a title's "Director"): a mention only as a title of a body


class Trie:
    """The concept trie of an index's forms, and the walk of a text's words through it.

    Parameters
    ----------
    index : Index
    words : Words
        The word analysis shared with the scanner; the trie sets its flagger once built.
    """

    def __init__(self, index: Index, words: Words):
        self.index = index
        self.lexicon: TermLexicon = index.lexicon
        self.words = words
        self._stop = frozenset(load_word_classes().stop_words) - {"and"}
        self._label_cache: BoundedCache[str, tuple[str, ...]] = BoundedCache(max_entries=_CACHE_LIMIT)
        self._tok_paths: BoundedCache[frozenset[str], tuple[tuple[str, ...], ...]] = BoundedCache(
            max_entries=_CACHE_LIMIT)
        self._walk_memo: BoundedCache[tuple[str, str | None], list[_Remembered]] = BoundedCache(
            max_entries=_CACHE_LIMIT)
        self.phrases: dict[tuple[str, ...], Tok] = {}
        self.phrase_len: dict[str, int] = {}
        self._build_phrases()
        self._paths_in: list[tuple[tuple[str, ...], Variant]] = []  # made into the trie once all are in
        self._used_keys: set[str] = set()
        self._free_roots: set[str] = set()  # first labels of paths written in lower case
        # first words of titles as written: they open a path in lower case too ("vice president")
        self._title_first: set[str] = set()
        self.max_words = 1
        for i, entity in enumerate(index.entities):
            for label, form in entity.forms():
                if label in _ENGLISH_LABELS:
                    self._add(i, label, form)
            for template in entity.templates:
                self._add_template(i, template)
        # lower-case words that may open a lower-case path through a phrase ("launch vehicle")
        self._free_phrase_first = {words[0] for words, tok in self.phrases.items()
                                   if any(self._labels(k)[0] in self._free_roots for k in tok.keys)}
        self._free_phrase_first |= self._title_first
        self._tok_paths.clear()
        self._label_cache.clear()  # (every concept key's labels: queries need few of them)
        self.root: dict[str, Any] = _trie_of(self._paths_in)
        del self._paths_in
        words.set_flagger(self.flags)

    def __repr__(self) -> str:
        return f"Trie({len(self.index.entities)} entities, {self.size} paths)"

    @property
    def size(self) -> int:
        """Number of distinct paths (written forms up to concepts) in the trie."""
        count, stack = 0, [self.root]
        while stack:
            node = stack.pop()
            items = (node[-2:],) if type(node) is tuple else node.items()
            for k, v in items:
                if k == _END:
                    count += 1
                else:
                    stack.append(v)
        return count

    def _build_phrases(self) -> None:
        """Multi-word phrases of the lexicon (terms, places, legal and generic forms) -> token."""
        wc = load_word_classes()
        texts: list[str] = [r for t in self.lexicon.terms for r in t.renderings]
        texts += [en for _, ens in load_places() for en in ens]
        texts += [" ".join(p) for p in wc.legal_phrases | wc.generic_phrases]
        for text in texts:
            words = tuple(w for w in self.lexicon.words(text) if w not in self._stop)
            if len(words) < 2 or words in self.phrases:
                continue
            toks = self.lexicon.tokens(text)
            if len(toks) == 1:
                self.phrases[words] = toks[0]
                first = words[0]
                self.phrase_len[first] = max(self.phrase_len.get(first, 0), len(words))

    def _labels(self, key: str) -> tuple[str, ...]:
        """Trie labels of a concept key: a Chinese key character by character, others whole."""
        labels = self._label_cache.get(key)
        if labels is None:
            labels = tuple(key) if not key.isascii() and all(HAN_RE.match(c) for c in key) else (key,)
            self._label_cache.put(key, labels)
        return labels

    def _paths(self, tok: Tok) -> tuple[tuple[str, ...], ...]:
        """Trie label sequences of every concept a token may stand for (cached per concept set)."""
        # only concepts that some glossary path uses: fewer dead ends in the walk
        paths = tuple(dict.fromkeys(self._labels(k) for k in sorted(tok.keys) if k in self._used_keys))
        self._tok_paths.put(tok.keys, paths)
        return paths

    def _segment(self, words: list[str]) -> list[Tok]:
        """Greedy longest-phrase segmentation of a name's words, as the lexicon does it."""
        out: list[Tok] = []
        i, n = 0, len(words)
        while i < n:
            w = words[i]
            for size in range(min(self.phrase_len.get(w, 1), n - i), 1, -1):
                phrase = tuple(words[i : i + size])
                tok = self.phrases.get(phrase) if phrase[-1] != "and" else None
                if tok is not None:
                    out.append(tok)
                    i += size
                    break
            else:
                i += 1
                tok = self.words.word_tok(w) if w != "and" else None
                if tok is not None:
                    out.append(tok)
        return out

    def _core(self, form: str) -> tuple[list[Tok], Doc]:
        doc = self.words.doc(form)
        return self._segment([doc.infos[k].word for k in doc.seq]), doc

    def _add(self, entity: int, label: str, form: str) -> None:
        core, doc = self._core(form)
        while core and core[-1].kind == Kind.LEGAL:
            core.pop()  # company forms are matched on the fly after any name
        if not any(t.kind in (Kind.NAME, Kind.NUMBER, Kind.PLACE) for t in core):
            return  # only generic words ("China Group"): never a mention on its own
        content = [(raw, i) for raw, i in zip(doc.raws, doc.infos, strict=True)
                   if i.cls == WORD and not i.legal]
        hyphened = {k for k in range(1, doc.n) if doc.parts[2 * k].endswith(("-", "\u2010", "\u2011"))}
        single = len(content) == 1
        acronym = single and len(core) == 1 and is_upper_word(content[0][0])
        # written in lower case by the glossary ("launch vehicle", "China's first ... launch site");
        # the lower-case half of a hyphenated word ("High-end Forum") does not make a name so
        case_free = any(raw.islower() for k, raw in enumerate(doc.raws)
                        if k not in hyphened and doc.infos[k].cls == WORD and not doc.infos[k].legal)
        etype = self.index.entities[entity].type
        if acronym and sum(c.isalpha() for c in content[0][0]) < 3:
            return  # two-letter acronyms (GW, CE, FY) are ordinary tokens of prose
        if single and not acronym and (case_free or etype == "term"):
            return  # "rocket": an ordinary word, not a name
        if etype == "title":
            case_free = False  # a title in lower case is a title only by its context
        if acronym and core[0].key != core[0].text:
            # an acronym is its letters, not the word they spell: HEAD is no "director" (局长)
            word = core[0].text
            core = [Tok(word, word, frozenset((word,)), Kind.NAME)]
        self._insert(core, Variant(entity, label, form, acronym, case_free, single and not acronym))
        if case_free:
            self._free_roots.add(self._labels(core[0].key)[0])
        if etype == "title":
            self._title_first.add(doc.infos[doc.seq[0]].word)
        self.max_words = max(self.max_words, len(doc.seq))

    def _add_template(self, entity: int, template: str) -> None:
        """A template as a path: the words before its slot, the slot edge, the words after."""
        kind = template_slot(template)
        if kind is None:
            return
        head, _, tail = template.partition("{" + kind + "}")
        before, doc_b = self._core(head) if head.strip() else ([], None)
        after, doc_a = self._core(tail) if tail.strip() else ([], None)
        labels = [lab for tok in before for lab in self._labels(tok.key)] + [SLOT]
        labels += [lab for tok in after for lab in self._labels(tok.key)]
        for tok in (*before, *after):
            self._used_keys.add(tok.key)
        self._paths_in.append((tuple(labels), Variant(entity, "template", template, False, False, False)))
        if self.index.entities[entity].type == "title" and doc_b is not None and doc_b.seq:
            self._title_first.add(doc_b.infos[doc_b.seq[0]].word)
        words = sum(len(d.seq) for d in (doc_b, doc_a) if d is not None) + 3  # a place of up to 3 words
        self.max_words = max(self.max_words, words)

    def _insert(self, core: list[Tok], variant: Variant) -> None:
        labels: list[str] = []
        for tok in core:
            self._used_keys.add(tok.key)
            labels += self._labels(tok.key)
        self._paths_in.append((tuple(labels), variant))

    def flags(self, info: WordInfo) -> int:
        """What a word may do: open a path (START), be a capitalised word the glossary knows (CAPKNOWN)."""
        flags = 0
        tok = info.tok
        if tok is None:
            return flags
        if info.cap:
            if info.word in self.phrase_len or any(self._labels(k)[0] in self.root for k in tok.keys) or (
                    tok.kind == Kind.PLACE and SLOT in self.root):
                flags |= START
        elif info.word in self._free_phrase_first or any(
                self._labels(k)[0] in self._free_roots for k in tok.keys):
            flags |= START  # a lower-case word opens a lower-case name, or a title ("vice president")
        postings = self.index.postings
        if info.cap and tok.kind in (Kind.NAME, Kind.NUMBER) and any(k in postings for k in tok.keys):
            flags |= CAPKNOWN
        return flags

    def walk(self, doc: Doc, c0: int, probe: bool = False
             ) -> tuple[list[tuple[int, list[Variant]]], int, bool]:
        """Every glossary path through the text from content word ``c0``, by where it ends.

        Returns (ends, last word consulted, whether the result depends only on the words from
        ``seq[c0]`` to that one). A word that ends every path before it (a hard break) is
        consulted up to what makes the break: a word with Han characters, by its class alone
        (see :meth:`ends_noted`). With ``probe``, stops at the first path found.
        """
        infos = doc.infos
        seq = doc.seq
        n = len(seq)
        limit = min(n, c0 + self.max_words + 4)
        phrase_len = self.phrase_len
        phrases = self.phrases
        paths_of = self._tok_paths.get
        ends: list[tuple[int, list[Variant]]] = []
        join = doc.join
        hi = seq[c0]
        complete = True
        stack: list[tuple[_Node, int, int, int]] = [(self.root, 0, c0, -1)]
        while stack:
            node, at, c, last = stack.pop()
            if last >= 0:
                term = node.get(_END) if type(node) is dict else node[at + 1] if node[at] == _END else None
                if term is not None:
                    ends.append((last, term))
                    if probe:
                        break
                if c >= limit:
                    complete = complete and c < n
                    continue
                if join[c] != 1 and not doc.joins(c):
                    k = doc.parting(c)  # the words up to it say that the name cannot go on
                    if k > hi:
                        hi = k
                    continue
                if seq[c] > hi:
                    hi = seq[c]
            info = infos[seq[c]]
            tok = info.tok
            if tok is None:
                if info.cls == AND and last >= 0:  # "and" between two words of a name
                    stack.append((node, at, c + 1, last))
                continue
            paths = paths_of(tok.keys)
            if paths is None:
                paths = self._paths(tok)
            for labels in paths:
                child = _descend(node, at, labels)
                if child is not None:
                    stack.append((*child, c + 1, c))
            if tok.kind == _PLACE and info.cap:
                slot = _descend(node, at, _SLOT_LABELS)
                if slot is not None:
                    stack.append((*slot, c + 1, c))  # a place fills a template's slot
            longest = phrase_len.get(info.word)
            if longest:
                if c + longest > n:
                    complete = False
                ws = [info.word]
                for d in range(c + 1, min(c + longest, limit)):
                    if join[d] != 1 and not doc.joins(d):
                        k = doc.parting(d)
                        if k > hi:
                            hi = k
                        break
                    if seq[d] > hi:
                        hi = seq[d]
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
                        child = _descend(node, at, labels)
                        if child is not None:
                            stack.append((*child, q + 1, q))
                    if ptok.kind == _PLACE and info.cap:
                        slot = _descend(node, at, _SLOT_LABELS)
                        if slot is not None:
                            stack.append((*slot, q + 1, q))
        return ends, hi, complete

    def ends(self, doc: Doc, c0: int) -> list[tuple[int, list[Variant]]]:
        """:meth:`walk`'s ends, longest first, remembered per stretch of text (names recur in a
        corpus)."""
        rel = self.ends_noted(doc, c0)[0]
        return [(c0 + d, term) for d, term in rel]

    def ends_noted(self, doc: Doc, c0: int) -> tuple[list[tuple[int, list[Variant]]], dict[Any, Any]]:
        """:meth:`ends` relative to ``c0`` (``(c - c0, forms)``: not to be changed), and a dict
        kept with the remembered stretch (empty at first; a fresh one when the stretch is not
        remembered): what a caller derives from the words of the stretch alone may be kept there."""
        k0 = doc.seq[c0]
        parts = doc.parts
        infos = doc.infos
        p = 2 * k0 + 1
        # Stretches are kept by their first two words: few to compare, however many stretches
        # open with one word ("China"). A word with Han characters ends every name (a hard
        # break) whatever its characters: it is kept as its class, so that a name glued to
        # Chinese ("Nanjing University的工程师") is one stretch whatever the Chinese. A
        # remembered stretch that ends on such a word leaves it out of its parts (an even number
        # of them: it ends on the gap before it), and the word there must be one too.
        second = parts[p + 2] if p + 2 < len(parts) else None
        if second is not None and infos[k0 + 1].cls == HAN:
            second = _HAN_WORD
        bucket = (parts[p], second)
        entries = self._walk_memo.get(bucket)
        if entries is not None:
            n = doc.n
            for i, entry in enumerate(entries):
                size, key, rel, notes = entry
                if parts[p : p + size] == key and (size & 1 or (
                        k0 + (size >> 1) < n and infos[k0 + (size >> 1)].cls == HAN)):
                    if i:  # the stretches met most stay first
                        entries[i] = entries[i - 1]
                        entries[i - 1] = entry
                    return rel, notes
        ends, hi, complete = self.walk(doc, c0)
        ends.sort(key=_FIRST, reverse=True)  # longest first; stable among equals
        rel = [(c - c0, term) for c, term in ends]
        notes = {}
        if complete:
            key = parts[p : 2 * hi + (1 if infos[hi].cls == HAN else 2)]
            if entries is None:
                entries = self._walk_memo.put(bucket, [])
            entries.insert(0, (len(key), key, rel, notes))
            del entries[_MEMO_WAYS:]
        return rel, notes


def _descend(node: _Node, at: int, labels: Sequence[str]) -> tuple[_Node, int] | None:
    """The place in the trie (node, position in a run) reached from ``node`` at ``at`` along
    ``labels``, or ``None`` where the path ends."""
    for lab in labels:
        if type(node) is dict:
            node = node.get(lab)
            if node is None:
                return None
            at = 0
        elif node[at] == lab:
            at += 1
            if at == len(node) - 1:  # the run's last label: on to what it leads to
                node, at = node[at], 0
        else:
            return None
    return node, at


def _trie_of(paths: list[tuple[tuple[str, ...], Variant]]) -> dict[str, Any]:
    """The trie of ``paths`` (labels, and a form that ends there; a path's forms keep their
    order), its root a dict. A node that holds one thing (most of them: the rest of one name's
    path, or the forms ending there) is a ``(label, what)`` tuple, 56 bytes, not a dict's 184;
    it is made so at once from the sorted paths, never first as a dict (at 100,000 entities
    700,000 dicts for a moment). Built without recursion: a path may have 1,000 labels."""
    paths.sort(key=_FIRST)  # stable
    labels = [p[0] for p in paths]

    def chain(lo: int, hi: int, d: int) -> Any:
        """The node of paths ``lo:hi``, all the same, below their first ``d`` labels: one run."""
        return (*labels[lo][d:], _END, [p[1] for p in paths[lo:hi]])

    # frames: [end of its paths, depth, next path, what it holds so far, its label in its parent]
    root: list[Any] = [len(paths), 0, 0, [], None]
    stack = [root]
    while stack:
        frame = stack[-1]
        hi, d, k, held = frame[0], frame[1], frame[2], frame[3]
        if not held:  # a new frame: first the forms that end here
            end = k
            while end < hi and len(labels[end]) == d:
                end += 1
            if end > k:
                held.append((_END, [p[1] for p in paths[k:end]]))
            k = end
        if k < hi:
            lab = labels[k][d]
            end = k + 1
            while end < hi and labels[end][d] == lab:
                end += 1
            frame[2] = end
            if labels[k] == labels[end - 1]:
                held.append((lab, chain(k, end, d + 1)))  # (lab, run): made one run below
            else:
                stack.append([end, d + 1, k, [], lab])
            continue
        stack.pop()
        if stack:
            if len(held) > 1:
                node: Any = dict(held)
            else:  # one thing: a run, the label before it joined to it
                lab, what = held[0]
                node = (lab, *what) if type(what) is tuple else (lab, what)
            stack[-1][3].append((frame[4], node))
    return dict(root[3])
