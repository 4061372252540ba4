"""Acceptance: which paths the trie found in a text are mentions, and the longest one that is.

A path must be written like a name: capitalised unless the glossary writes it in lower case,
acronyms in capitals (three letters or more), one ordinary word only for names, never for titles
and domain terms. A path owned by several entities is no mention. A mention may not end or start
inside a longer capitalised name (``China Great Wall Asset Management Co., Ltd.`` is not China
Great Wall Industry Corporation), except where the neighbour is a company form, another known
name, a title, or the first word of a sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection

from ..caching import BoundedCache
from ..index import Index
from ..pipeline.calibration import Calibration
from ..resources import load_prose_words
from ..results import Match, Mention
from ..text.fold import fold_key
from .trie import NO_SINGLE_WORD, Trie, Variant
from .words import JOIN, STOP, WORD, Doc, close_aside, sentence_goes_on

__all__ = ["Acceptor"]

#: Types that may follow another capitalised word (``Administrator Zhang Kejian``).
_PRECEDED_OK = frozenset({"person", "title"})
_CACHE_LIMIT = 20_000


class Acceptor:
    """Turns the trie's paths through a text into mentions (see the module's docstring)."""

    def __init__(self, index: Index, trie: Trie, calibration: Calibration):
        self.index = index
        self.trie = trie
        self.lexicon = index.lexicon
        self.concept_score = calibration.concept
        self._prose = load_prose_words()
        self._match_cache: BoundedCache[tuple[str, int], Match] = BoundedCache(max_entries=_CACHE_LIMIT)
        self._canon_words: dict[int, frozenset[str]] = {}

    def longest(self, doc: Doc, c0: int, allowed: Collection[int] | None, covered_until: int,
                probe: bool = False) -> tuple[int, int, Match] | None:
        """Longest accepted mention starting at content word ``c0``: (first word, last word, match).

        With ``probe``, only tell whether any glossary path starts there (a truthy tuple).
        """
        if probe:
            return (c0, c0, None) if self.trie.walk(doc, c0, probe=True)[0] else None  # type: ignore[return-value]
        ends = self.trie.ends(doc, c0)
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

    def _drop_descriptors(self, doc: Doc, ends: list[tuple[int, list[Variant]]], last: int, chosen: int,
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
            if not all(infos[k].cls != WORD or (not infos[k].cap and infos[k].word not in canon)
                       for k in tail):
                return last
            if self._choose(doc, list(term), k0, seq[shorter], allowed) == chosen:
                return shorter
        return last

    def _canonical_tail(self, doc: Doc, last: int, canonical: str) -> int:
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
            if all(doc.brk(k) == JOIN and doc.gap(doc.parts[2 * k])[0] == JOIN for k in nxt) and \
                    [raws[k].casefold() for k in nxt] == words[-size:] and \
                    [raws[k].casefold() for k in range(last - size + 1, last + 1)] != words[-size:] and \
                    not infos[last].possessive:
                return last + size
        return last

    def _choose(self, doc: Doc, variants: list[Variant], first: int, last: int,
                allowed: Collection[int] | None) -> int | None:
        """The one entity whose form fits the text; -1 when several do, None when none does."""
        infos = doc.infos
        content = [k for k in range(first, last + 1) if infos[k].cls == WORD and not infos[k].legal]
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
                if entities[v.entity].type in NO_SINGLE_WORD:
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

    def _name_like(self, doc: Doc, k: int) -> bool:
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

    def _fits_context(self, doc: Doc, first: int, last: int, etype: str, covered_until: int) -> bool:
        """False when the mention sits inside a longer capitalised name."""
        infos, raws, n = doc.infos, doc.raws, doc.n
        nxt = last + 1
        if nxt < n and doc.brk(nxt) == JOIN and not infos[last].possessive:
            info = infos[nxt]
            if (info.cls == STOP and raws[nxt].casefold() in ("of", "for") and nxt + 1 < n
                    and doc.brk(nxt + 1) == JOIN and infos[nxt + 1].cls == WORD
                    and raws[nxt + 1][0].isupper()):
                return False  # "Nanjing University of Aeronautics ...": a longer name goes on
            if info.cls == WORD and raws[nxt][0].isupper() and not info.legal \
                    and not self.longest(doc, bisect_left(doc.seq, nxt), None, -1, probe=True):
                return False
        prv = first - 1
        if prv >= 0 and prv > covered_until and etype not in _PRECEDED_OK and doc.brk(first) == JOIN:
            info = infos[prv]
            if info.cls == WORD and raws[prv][0].isupper() and not doc.sent(prv) and not info.possessive \
                    and not info.generic:
                return False
        return True

    def _match(self, span: str, entity: int, variants: list[Variant]) -> Match:
        key = (span, entity)
        m = self._match_cache.get(key)
        if m is None:
            m = self._new_match(span, entity, variants)
            self._match_cache.put(key, m)
        return m

    def _new_match(self, span: str, entity: int, variants: list[Variant]) -> Match:
        e = self.index.entities[entity]
        key = fold_key(span)
        own = [v for v in variants if v.entity == entity]
        if entity in self.index.exact.get(key, ()):
            label = self.index.exact_label.get((key, entity), own[0].label if own else "name")
            return Match.of(span, e, 1.0, "exact", (f"{label} {span!r}",))
        evidence = (f"concepts of {own[0].label} {own[0].form!r}",) if own else ()
        return Match.of(span, e, self.concept_score, "concept", evidence)

    def mention(self, doc: Doc, first: int, last: int, match: Match) -> Mention:
        """The mention of words ``first`` to ``last``: a final period of an abbreviation and a
        closing bracket taken in."""
        text = doc.text
        start, end = doc.start(first), doc.end(last)
        info = doc.infos[last]
        if not info.possessive and text.startswith(".", end) and (
            match.canonical.endswith(".") or (info.abbrev and sentence_goes_on(text, end + 1))
        ):
            # "Corp. signed": the period belongs to the name; "... Corp." at the end of a sentence
            # keeps it, unless the canonical name brings its own ("Co., Ltd.").
            end += 1
        end = close_aside(text, start, end)
        return Mention(start, end, text[start:end], match)
