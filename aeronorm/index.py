"""The look-up structures a :class:`~aeronorm.Normalizer` builds once from a glossary.

* exact keys of every name, alias, abbreviation and Chinese name;
* order-free concept keys of every English and Chinese name;
* an inverted index from concepts to names (blocking for the fuzzy stage), with document
  frequencies for informativeness weights;
* derived acronyms and pinyin keys, built on first use.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any, TypeVar

from rapidfuzz.distance import OSA

from .chinese import chinese_words
from .glossary.entity import Entity
from .lexicon import Kind, TermLexicon, Tok
from .names import chinese_name_keys
from .resources import load_word_classes
from .romanization import split_syllables, to_pinyin
from .text import fold, fold_key, has_han

T = TypeVar("T")

__all__ = ["KIND_WEIGHT", "Index", "Rep", "concept_key"]

#: How much a token of each kind counts, before informativeness (IDF).
KIND_WEIGHT = {Kind.NAME: 1.0, Kind.NUMBER: 1.0, Kind.PLACE: 0.6, Kind.GENERIC: 0.3, Kind.LEGAL: 0.0}

_COMPASS = ("north", "south", "east", "west")
_ACRONYM_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


@dataclass(frozen=True, slots=True)
class Rep:
    """One way an entity is written (a name, an alias or a Chinese name) as concept tokens."""

    entity: int
    label: str
    text: str
    tokens: tuple[Tok, ...]


def concept_key(tokens: Iterable[Tok]) -> tuple[str, ...]:
    """Order-free key of a token list: sorted concept keys, legal forms left out."""
    return tuple(sorted(t.key for t in tokens if t.kind != Kind.LEGAL))


class Index:
    """Look-up tables over a glossary's entities.

    Parameters
    ----------
    entities : sequence of Entity
    lexicon : TermLexicon
    """

    def __init__(self, entities: Iterable[Entity], lexicon: TermLexicon):
        self.entities: list[Entity] = list(entities)
        self.lexicon = lexicon
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.exact_label: dict[tuple[str, int], str] = {}
        self.concepts: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.concept_reps: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self.reps: list[Rep] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.by_type: dict[str, set[int]] = defaultdict(set)
        df: dict[str, int] = defaultdict(int)
        expansions = self._abbreviation_expansions()
        by_id = {e.id: e for e in self.entities}
        for i, entity in enumerate(self.entities):
            parent = by_id.get(entity.parent) if entity.parent else None
            parent_forms = self._parent_forms(parent) if parent is not None else ()
            self.by_type[entity.type].add(i)
            seen_keys: set[str] = set()
            for label, text in self.names_of(entity):
                key = fold_key(text)
                if key:
                    self.exact[key].add(i)
                    self.exact_label.setdefault((key, i), label)
                if label == "abbreviation":
                    continue
                tokens = tuple(lexicon.zh_tokens(text) if has_han(text) else lexicon.tokens(text))
                if not tokens:
                    continue
                forms = [(label, text, tokens)]
                if len(tokens) > 1 and any(t.text in expansions for t in tokens):
                    # "Sixth Academy of CASC" is also "Sixth Academy of China Aerospace
                    # Science and Technology Corporation": another entity's acronym spelt out.
                    spelt = tuple(e for t in tokens for e in expansions.get(t.text, (t,)))
                    forms.append((label, text, spelt))
                for label_, text_, toks in forms:
                    if parent_forms:
                        toks = _qualify(toks, parent_forms)
                    self._add_rep(i, label_, text_, toks, seen_keys, df)
        self.df = dict(df)
        self.n = max(1, len(self.entities))
        self._lock = threading.Lock()
        self._weights: dict[Tok, float] = {}
        self._extensions: dict[str, Any] = {}
        self._extension_lock = threading.RLock()
        self._spellings: dict[str, tuple[str, ...]] | None = None
        self._acronyms: dict[str, set[int]] | None = None
        self._part_acronyms: dict[str, set[int]] | None = None
        self._pinyin: dict[str, set[int]] | None = None

    def _add_rep(
        self, i: int, label: str, text: str, tokens: tuple[Tok, ...], seen_keys: set[str], df: dict[str, int]
    ) -> None:
        rep_id = len(self.reps)
        self.reps.append(Rep(i, label, text, tokens))
        ckey = concept_key(tokens)
        if ckey:
            self.concepts[ckey].add(i)
            self.concept_reps[ckey].append(rep_id)
        for tok in tokens:
            if tok.kind == Kind.LEGAL:
                continue
            for k in tok.keys:
                posting = self.postings[k]
                if not posting or posting[-1] != rep_id:
                    posting.append(rep_id)
                if k not in seen_keys:
                    seen_keys.add(k)
                    df[k] += 1

    def _parent_forms(self, parent: Entity) -> tuple[tuple[str, ...], ...]:
        """Concept-key sequences of a parent's English names and acronyms."""
        forms = set()
        for text in (*parent.english_names(), *parent.abbreviations):
            keys = tuple(t.key for t in self.lexicon.tokens(text) if t.kind != Kind.LEGAL)
            if keys:
                forms.add(keys)
        return tuple(sorted(forms, key=len, reverse=True))

    def _abbreviation_expansions(self) -> dict[str, tuple[Tok, ...]]:
        """Given English acronyms that name one entity only, with that entity's name tokens."""
        owners: dict[str, set[int]] = defaultdict(set)
        for i, entity in enumerate(self.entities):
            for abbreviation in entity.abbreviations:
                words = self.lexicon.words(abbreviation)
                if len(words) == 1 and abbreviation.isupper() and len(abbreviation) >= 3:
                    owners[words[0]].add(i)
        out = {}
        for word, ids in owners.items():
            if len(ids) == 1:
                (i,) = ids
                out[word] = tuple(self.lexicon.tokens(self.entities[i].name))
        return out

    @staticmethod
    def names_of(entity: Entity) -> Iterable[tuple[str, str]]:
        """Every written form of an entity with its label: name, alias, abbreviation, zh, zh_alias."""
        yield "name", entity.name
        for a in entity.aliases:
            yield "alias", a
        for a in entity.abbreviations:
            yield "abbreviation", a
        if entity.zh:
            yield "zh", entity.zh
        for a in entity.zh_aliases:
            yield "zh_alias", a

    # -- informativeness ----------------------------------------------------------------------
    def idf(self, tok: Tok) -> float:
        """Inverse document frequency of a token's most common concept (rare -> large)."""
        df = max((self.df.get(k, 0) for k in tok.keys), default=0)
        return math.log(1.0 + self.n / (1.0 + df))

    def weight(self, tok: Tok) -> float:
        """How much a token tells about identity: IDF times the weight of its kind (memoised:
        the index does not change once built)."""
        w = self._weights.get(tok)
        if w is None:
            if len(self._weights) > 200_000:
                self._weights.clear()
            w = self._weights[tok] = self.idf(tok) * KIND_WEIGHT[tok.kind]
        return w

    # -- tables other modules build over the index --------------------------------------------
    def extension(self, name: str, build: Callable[[Index], T]) -> T:
        """A table another module builds over this index (the Chinese and romanisation stages'),
        built once on first use, thread-safe, and kept on the index so that it lives and dies
        with it."""
        found = self._extensions.get(name)
        if found is None:
            with self._extension_lock:  # re-entrant: one table may need another
                found = self._extensions.get(name)
                if found is None:
                    found = self._extensions[name] = build(self)
        return found

    # -- spellings ---------------------------------------------------------------------------
    def near_spellings(self, word: str) -> list[str]:
        """Words of the glossary one edit away from ``word`` (a letter deleted, inserted,
        changed, or two neighbours swapped), same first letter; only words the lexicon does
        not know (brands, romanised names) and of 5 letters or more."""
        if len(word) < _MIN_SPELLING or not word.isalpha():
            return []
        table = self._spelling_table()
        found: set[str] = set()
        for key in (word, *_deletions(word)):
            found.update(table.get(key, ()))
        found.discard(word)
        return sorted(w for w in found if w[0] == word[0] and OSA.distance(word, w, score_cutoff=1) <= 1)

    def _spelling_table(self) -> dict[str, tuple[str, ...]]:
        if self._spellings is None:
            with self._lock:
                if self._spellings is None:
                    words = {
                        t.text
                        for rep in self.reps
                        for t in rep.tokens
                        if t.kind == Kind.NAME and t.key == t.text and len(t.keys) == 1
                        and len(t.text) >= _MIN_SPELLING and t.text.isalpha()
                    }
                    table: dict[str, list[str]] = defaultdict(list)
                    for w in sorted(words):
                        for key in (w, *_deletions(w)):
                            table[key].append(w)
                    self._spellings = {k: tuple(v) for k, v in table.items()}
        return self._spellings

    # -- derived acronyms ----------------------------------------------------------------------
    @property
    def acronyms(self) -> dict[str, set[int]]:
        """Acronyms derived from every whole English name: initials of content words, pinyin aware."""
        self._build_acronyms()
        return self._acronyms  # type: ignore[return-value]

    @property
    def part_acronyms(self) -> dict[str, set[int]]:
        """Acronyms of the comma-separated parts of names, consulted after whole-name ones."""
        self._build_acronyms()
        return self._part_acronyms  # type: ignore[return-value]

    def _build_acronyms(self) -> None:
        if self._acronyms is not None:
            return
        with self._lock:
            if self._acronyms is not None:
                return
            whole: dict[str, set[int]] = defaultdict(set)
            parts: dict[str, set[int]] = defaultdict(set)
            for i, entity in enumerate(self.entities):
                if entity.type == "person":
                    continue
                for text in entity.english_names():
                    core = _ASIDE.sub(" ", text)
                    for acro in self._acronyms_of(core, 64):
                        whole[acro].add(i)
                    if "," in core:
                        for part in core.split(","):
                            if len(part.split()) >= 2:
                                for acro in self._acronyms_of(part, 64):
                                    parts[acro].add(i)
            self._part_acronyms = dict(parts)
            self._acronyms = dict(whole)

    def derive_acronyms(self, text: str, *, limit: int = 64) -> set[str]:
        """Acronyms a name is commonly shortened to (3 letters or more).

        Each content word gives its initial; a romanised place or name may give the initial
        of each syllable (``Dalian`` -> ``DL``, ``Xi'an`` -> ``XA``); compass compounds give
        two (``NW``); a trailing company form may give its initial (``...Technology Ltd`` ->
        ``...TL``). Asides in brackets are left out, and each comma-separated part of a name
        ("Aerospace Information Research Institute, Chinese Academy of Sciences") gives its
        own acronyms too.
        """
        core = _ASIDE.sub(" ", text)
        parts = [core] + ([p for p in core.split(",") if len(p.split()) >= 2] if "," in core else [])
        out: set[str] = set()
        for part in parts:
            out |= self._acronyms_of(part, limit)
        return out

    def _acronyms_of(self, text: str, limit: int) -> set[str]:
        wc = load_word_classes()
        raw = _ACRONYM_WORD.findall(fold(text).replace("&", " and ").replace("-", " "))
        options: list[tuple[str, ...]] = []
        legal_tail: list[str] = []
        for word in raw:
            if word.endswith("'s"):
                word = word[:-2]
            pieces = [p for p in word.split("'") if p]
            joined = "".join(pieces)
            if not joined or (joined in wc.acronym_skip and (joined,) not in wc.legal_phrases):
                continue
            if (joined,) in wc.legal_phrases or wc.abbreviations.get(joined) in {"company", "corporation"}:
                legal_tail.append(joined[0])
                continue
            if legal_tail:  # a company form in the middle is not a tail
                legal_tail = []
            for w in self.lexicon.words(joined):
                opts = {w[0]}
                if w.isalpha():
                    head = next((c for c in _COMPASS if w.startswith(c) and len(w) > len(c) + 2), None)
                    if head and any(w[len(head) :].startswith(c) for c in _COMPASS):
                        opts.add(head[0] + w[len(head)])
                    if len(pieces) > 1 and all(split_syllables(p) for p in pieces):
                        opts.add("".join(p[0] for p in pieces))
                    else:
                        syl = split_syllables(w)
                        if syl and len(syl) >= 2 and self._romanised(w):
                            opts.add("".join(s[0] for s in syl))
                options.append(tuple(sorted(opts)))
        if not options or len(options) > 10:
            return set()
        tails = [""] + (["".join(legal_tail[:1])] if legal_tail else [])
        out: set[str] = set()
        for combo in product(*options):
            stem_ = "".join(combo).upper()
            for tail in tails:
                acro = stem_ + tail.upper()
                if len(acro) >= 3:
                    out.add(acro)
            if len(out) >= limit:
                break
        return out

    def _romanised(self, word: str) -> bool:
        toks = self.lexicon.tokens(word)
        return len(toks) == 1 and (toks[0].kind == Kind.PLACE or toks[0].key == word)

    # -- pinyin keys --------------------------------------------------------------------------
    @property
    def pinyin_keys(self) -> dict[str, set[int]]:
        """Romanisation keys of every Chinese name: pinyin letters with and without the place
        prefix and the company-form suffix (北京天兵科技有限公司 -> ``tianbingkeji`` too)."""
        if self._pinyin is None:
            with self._lock:
                if self._pinyin is None:
                    table: dict[str, set[int]] = defaultdict(set)
                    for i, entity in enumerate(self.entities):
                        for zh in entity.chinese_names():
                            # A person's name reads its surname as a surname (单 Shan, not Dan).
                            person = entity.type == "person" and chinese_name_keys(zh)
                            keys = {s + g for s, g in person} if person else self.pinyin_variants(zh)
                            for key in keys:
                                table[key].add(i)
                    self._pinyin = dict(table)
        return self._pinyin

    def pinyin_variants(self, zh: str) -> set[str]:
        """Pinyin keys of one Chinese name (6 letters or more; ü written ``u``).

        The full name, without its company form, without its place, without trailing
        descriptors (科技); a place with its administrative suffix also gives the bare place
        (上海市 -> ``shanghai``).
        """
        tokens = self.lexicon.zh_tokens(zh)
        pieces = [(t.kind, "".join(to_pinyin(t.text)) if has_han(t.text) else t.text) for t in tokens]
        variants = set()
        texts = [t.text for t in tokens]
        variants.add("".join(p for _, p in pieces))
        if len(texts) >= 2 and tokens[0].kind == Kind.PLACE and "".join(texts[1:]) in _admin_suffixes():
            # A place and its administrative suffix (内蒙古自治区): the bare place, never the suffix.
            variants.add(pieces[0][1])
            shortened: list[list[tuple[Kind, str]]] = []
        else:
            core = list(pieces)
            while core and core[-1][0] == Kind.LEGAL:
                core.pop()
            without_place = [p for p in core if p[0] != Kind.PLACE]
            descriptors = _descriptor_pinyin()
            short = list(without_place)
            while short and short[-1][1] in descriptors:
                short.pop()
            shortened = [core, without_place, short]
        names = {p: t.text for p, t in zip(pieces, tokens, strict=True) if t.kind == Kind.NAME}
        for k, seq in enumerate(shortened):
            key = "".join(p for _, p in seq)
            # Shortened keys must keep three syllables or more; without place or descriptors,
            # also two naming words or one that is no common morpheme (中国航天 is not
            # 中国航天科技 shortened; 微纳星空 is 北京微纳星空科技 shortened).
            kept = [names[p] for p in seq if p in names]
            telling = k == 0 or len(kept) >= 2 or any(t not in self.lexicon.zh_terms for t in kept)
            if len(split_syllables(key) or ()) >= 3 and telling:
                variants.add(key)
        return {v.replace("v", "u") for v in variants if len(v) >= 6}


def _admin_suffixes() -> frozenset[str]:
    return chinese_words().admin_suffixes


_MIN_SPELLING = 5


def _qualify(tokens: tuple[Tok, ...], parent_forms: tuple[tuple[str, ...], ...]) -> tuple[Tok, ...]:
    """Mark the parent's name inside a name as a descriptor: "National Space Science Center,
    CAS" is still the centre without ", CAS". Only a whole mention of the parent counts."""
    out = list(tokens)
    keys = [t.key for t in tokens]
    n = len(keys)
    for form in parent_forms:
        size = len(form)
        if size >= n:
            continue  # the name must say more than its parent
        for start in range(n - size + 1):
            if tuple(keys[start : start + size]) == form:
                for k in range(start, start + size):
                    t = out[k]
                    if t.kind == Kind.NAME:
                        out[k] = Tok(t.text, t.key, t.keys, Kind.GENERIC)
    return tuple(out)


def _deletions(word: str) -> set[str]:
    """Every string one letter shorter than ``word`` (the symmetric-deletion neighbourhood)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@cache
def _descriptor_pinyin() -> frozenset[str]:
    return frozenset("".join(to_pinyin(d)) for d in load_word_classes().zh_descriptors)
