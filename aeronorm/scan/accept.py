"""Acceptance: which paths the trie found in a text are mentions, and the longest one that is.

A path must be written like a name: capitalised unless the glossary writes it in lower case,
acronyms in capitals (three letters or more), one ordinary word only for names, never for domain
terms. A name that opens with a proper noun and goes on in lower case ("Hainan commercial
spacecraft launch site") is still written like a name when it has three words or more. Titles
are decided by :mod:`~aeronorm.scan.titles`. A path owned by several entities is no mention.

A mention may not end or start inside a longer capitalised name (``China Great Wall Asset
Management Co., Ltd.`` is not China Great Wall Industry Corporation), except where the neighbour
is a company form, another known name, a title, an honorific ("CNSA Mr. Wu"), or the first word
of a sentence. What stands next to a name can make it another thing: a country before it ("U.S.
Space Force"), a geographic feature after a place ("Hainan Island"), a designation after a
programme ("Long March 2D" is a vehicle the glossary may lack, not the family). A domain term
never spans a comma, nor function words its written form lacks ("a great power and the space").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator
from functools import cache
from itertools import pairwise

from ..caching import BoundedCache
from ..glossary.entity import body_kind_of_words
from ..index import Index
from ..lexicon import Kind
from ..lexicon.compare import is_field_word
from ..lexicon.word_classes import load_word_classes
from ..pipeline.calibration import Calibration
from ..pipeline.places import located_places, places_around, stated_places
from ..resources import load_prose_words
from ..results import Match, Mention
from ..text.fold import fold_key
from ..text.pinyin import is_pinyin_word
from .cues import load_text_cues
from .titles import TitleResolver
from .trie import Trie, Variant
from .words import JOIN, SOFT, STOP, WORD, Doc, WordInfo, close_aside, with_period

__all__ = ["Acceptor"]

#: Types that may follow another capitalised word (``Administrator Zhang Kejian``).
_PRECEDED_OK = frozenset({"person", "title"})
#: Types whose name may open with a proper noun and go on in lower case.
_PROPER_HEAD_TYPES = frozenset({"org", "place", "program", "event"})
_PROPER_HEAD_MIN_WORDS = 3
_CACHE_LIMIT = 20_000
# A designation after a programme's name: "2D", "1", "03", "II" (a four-digit year is no designation).
_DESIGNATION = re.compile(r"(?:\d{1,3}[A-Za-z]{0,2}|[IVX]{1,4}|[A-Z]\d{0,2})$")
_LETTERS = re.compile(r"[A-Za-z]+")
_ACRONYM_WORD = re.compile(r"[A-Z][A-Z&]{1,9}")
_LINKS = frozenset({"of", "for"})  # what a name is "of": its owner, or its field
_UNIT_NUMBER = re.compile(r"\d{1,3}(?:st|nd|rd|th)?")  # a unit's number; a year (four digits) is none
_SLOT_RE = re.compile(r"\{[a-z]+\}")
_QUALIFIER_GAP = frozenset(" .\u00a0-")  # what may stand between a country and a name
# a Chinese gloss in brackets right after a name, and a capitalised word glued to it: the name
# goes on ("Tianyi (天仪)Space Science ..."); after a space, the gloss may end it
_GLOSS_AFTER = re.compile(r"\s*[(\uff08][^()\uff08\uff09a-zA-Z]{1,20}[)\uff09](?=[A-Z])")
_ARTICLES = frozenset({"the", "a", "an"})
#: A step of :meth:`Acceptor._steps`: (entity, last content word relative to the first, forms).
_Step = tuple[int, int, list[Variant]] | None
_STOP: _Step = (-1, -1, [])  # several entities own the name: no mention
_NO_PLAN: list[_Step] = []  # the stretch's steps are not kept (a title is among its forms)


def _romanised_run(doc: Doc, first: int, nxt: int) -> bool:
    """Whether words ``first`` to ``nxt`` are all pinyin, two of them before ``nxt`` at least:
    one romanised Chinese name, of which the words before ``nxt`` are only the beginning."""
    if nxt - first < 2:
        return False
    infos, raws = doc.infos, doc.raws
    return all(infos[k].cls == WORD and is_pinyin_word(fold_key(raws[k])) for k in range(first, nxt + 1))


def _crosses_apposition(doc: Doc, first: int, last: int) -> bool:
    """Whether words ``first`` to ``last`` cross a comma that opens an apposition: an article
    or a possessive after it ("Xichang, a satellite launch center"; "Hainan, the island
    province", "Tiangong, China's space station") begins a description of the name before it,
    never the rest of one name ("X Institute, CAS's team" ends a name with a possessive)."""
    infos, raws = doc.infos, doc.raws
    for k in range(first + 1, last + 1):
        if doc.brk(k) >= SOFT and "," in doc.parts[2 * k] and (
                raws[k].casefold() in _ARTICLES or (infos[k].possessive and k < last)):
            return True
    return False


def _leaves_a_bracket(doc: Doc, first: int, last: int) -> bool:
    """Whether words ``first`` to ``last`` close a bracket they did not open: the first word is
    inside an aside ("Communist Party of China (CPC) Central Committee"), and a name that ran out
    of it would leave the bracket that opens it unclosed."""
    depth = 0
    for k in range(first + 1, last + 1):
        gap = doc.parts[2 * k]
        if "(" in gap or ")" in gap:
            for c in gap:
                depth += (c == "(") - (c == ")")
                if depth < 0:
                    return True
    return False


class Acceptor:
    """Turns the trie's paths through a text into mentions (see the module's docstring)."""

    def __init__(self, index: Index, trie: Trie, calibration: Calibration):
        self.index = index
        self.trie = trie
        self.lexicon = index.lexicon
        self.concept_score = calibration.concept
        self._prose = load_prose_words()
        self._international = load_word_classes().international_scope
        self.cues = load_text_cues()
        self._match_cache: BoundedCache[tuple[str, int, str], Match] = BoundedCache(max_entries=_CACHE_LIMIT)
        self._canon_words: dict[int, frozenset[str]] = {}
        entities = index.entities
        self._types = [e.type for e in entities]
        self._bodies = {i for i, e in enumerate(entities) if e.type in ("org", "place", "program")}
        self._templated = frozenset(i for i, e in enumerate(entities) if e.templates)
        self.titles = TitleResolver(index, self._body_at, self._title_end)
        self._stop = frozenset(index.lexicon.words("of the and for in at a an on to by with under its"))
        self._suffixes = frozenset(self.cues.national_suffixes)
        self._form_words: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._foreign_last = frozenset(w.split()[-1] for w in self.cues.foreign if " " in w)
        self._foreign_kind: BoundedCache[str, int] = BoundedCache(max_entries=_CACHE_LIMIT)
        self._locations: dict[int, frozenset[str]] = {}  # (one entry per entity asked, at most)

    def longest(self, doc: Doc, c0: int, allowed: Collection[int] | None, covered_until: int,
                probe: bool = False, prev: tuple[int, int, Match] | None = None
                ) -> tuple[int, int, Match] | None:
        """Longest accepted mention starting at content word ``c0``: (first word, last word, match).

        ``prev`` is the mention before it, if any (a body written before a title). With
        ``probe``, only tell whether any glossary path starts there (a truthy tuple).
        """
        if probe:
            return (c0, c0, None) if self.trie.walk(doc, c0, probe=True)[0] else None  # type: ignore[return-value]
        rel, notes = self.trie.ends_noted(doc, c0)
        if not rel:
            return None
        seq = doc.seq
        infos = doc.infos
        k0 = seq[c0]
        cut = self._line_end(doc, c0, rel) if rel[0][0] else None
        if cut is not None:
            rel = [end for end in rel if end[0] <= cut]
        steps: Iterable[_Step] | None = None
        if allowed is None:
            # Which entity each path names depends on the words of the stretch, on whether its
            # first word opens a sentence and on where a line ends it, unless a title is among
            # them (a title depends on the sentence around it): kept with the stretch, for its
            # next occurrence.
            sent = doc.sent(k0)
            plan = notes.get((sent, cut))
            if plan is None:
                plan = notes[(sent, cut)] = _NO_PLAN if self._has_title(rel) else \
                    list(self._steps(doc, [(c0 + d, term) for d, term in rel], c0, k0, None, None))
            if plan is not _NO_PLAN:
                steps = plan
        if steps is None:
            steps = self._steps(doc, [(c0 + d, term) for d, term in rel], c0, k0, allowed, prev)
        for step in steps:
            if step is None:
                continue
            if step is _STOP:
                return None  # several entities own this name: no mention, and no shorter one
            chosen, d, variants = step  # type: ignore[misc]
            last = c0 + d
            entity = self.index.entities[chosen]
            if entity.type == "org":
                # company forms after the name: "... Industry Group Co., Ltd."
                c = last + 1
                while c < len(seq) and doc.joins(c):
                    info = infos[seq[c]]
                    if not info.legal or not info.cap:
                        break
                    if "\n" in doc.parts[2 * seq[c]] and not _form_goes_on(infos[seq[c - 1]], info):
                        break  # "... Corporation⏎Company type": the next line's label
                    last = c
                    c += 1
            last_k = seq[last]
            if entity.type == "org":
                last_k = self._national_suffix(doc, last_k)
            if not self._fits_context(doc, k0, last_k, entity.type, covered_until):
                continue
            if not self.fits_neighbours(doc, k0, last_k, entity.type, chosen):
                return None  # another thing of that name (a foreign body, an island, a vehicle)
            last_k = self._canonical_tail(doc, k0, last_k, entity.name)
            span = doc.text[doc.start(k0) : doc.end(last_k)]
            return k0, last_k, self._match(doc, span, chosen, variants, k0, last_k)
        return None

    @staticmethod
    def _line_end(doc: Doc, c0: int, rel: list[tuple[int, list[Variant]]]) -> int | None:
        """Where a line break ends the paths from content word ``c0`` (relative to it), or
        ``None``: a name that is the whole of its line (a list's item, a heading, an affiliation)
        ends there, though a longer path runs on into the next line ("CPC⏎Fujian Provincial
        Committee of the ..." is two names). A name wrapped inside a sentence, or one whose
        first line is no name by itself, reads on."""
        seq = doc.seq
        k0 = seq[c0]
        for k in range(k0 + 1, seq[c0 + rel[0][0]] + 1):
            if doc.line_break(k):
                before = bisect_left(seq, k) - 1 - c0  # the last content word before the break
                if before >= 0 and any(d == before for d, _ in rel) and doc.line_name(k0, k):
                    return before
                return None
        return None

    def _steps(self, doc: Doc, ends: list[tuple[int, list[Variant]]], c0: int, k0: int,
               allowed: Collection[int] | None, prev: tuple[int, int, Match] | None) -> Iterator[_Step]:
        """For each end of a path, longest first: the entity its forms name, where the mention
        ends without descriptors (relative to ``c0``) and the forms; ``None`` for none;
        :data:`_STOP` where several entities own the name (nothing shorter is a mention)."""
        seq = doc.seq
        i = 0
        while i < len(ends):
            last = ends[i][0]
            variants = [v for e, vs in ends if e == last for v in vs]
            while i < len(ends) and ends[i][0] == last:
                i += 1
            chosen = self._choose(doc, variants, k0, seq[last], allowed, prev)
            if chosen is None:
                continue
            if chosen == -1:
                yield _STOP
                return
            if self._types[chosen] == "term" and not self._term_fits(doc, k0, seq[last], variants, chosen):
                continue
            if _crosses_apposition(doc, k0, seq[last]) or _leaves_a_bracket(doc, k0, seq[last]):
                continue
            yield chosen, self._drop_descriptors(doc, ends, last, chosen, k0, allowed) - c0, variants

    def _has_title(self, ends: list[tuple[int, list[Variant]]]) -> bool:
        types = self._types
        return any(types[v.entity] == "title" for _, vs in ends for v in vs)

    # -- titles: what the acceptor tells the title resolver -----------------------------------
    def _body_at(self, doc: Doc, c: int, covered_until: int) -> tuple[int, int, Match] | None:
        """The organisation, place or programme mention starting at content word ``c``."""
        return self.longest(doc, c, self._bodies, covered_until)

    def _title_end(self, doc: Doc, c: int) -> int:
        """The last word of the longest title path from content word ``c`` (``-1``: none)."""
        best = -1
        for e, variants in self.trie.ends(doc, c):
            if any(self._types[v.entity] == "title" for v in variants):
                best = max(best, doc.seq[e])
        return best

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

    def _canonical_tail(self, doc: Doc, first: int, last: int, canonical: str) -> int:
        """Take in the words after a mention that end its canonical name.

        "Tiangong station" with canonical "Tiangong space station" becomes one mention, so that
        the rewrite does not read "Tiangong space station station". Not across the line break
        that ends a name written as its whole line ("CCDI⏎Commission for ...": the next item).
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
                    not infos[last].possessive and \
                    not any(doc.line_name(first, k) for k in nxt):
                return last + size
        return last

    def _choose(self, doc: Doc, variants: list[Variant], first: int, last: int,
                allowed: Collection[int] | None, prev: tuple[int, int, Match] | None = None) -> int | None:
        """The one entity whose form fits the text; -1 when several do, None when none does.

        Titles written alike are left to :class:`~aeronorm.scan.titles.TitleResolver`.
        """
        infos = doc.infos
        content = [k for k in range(first, last + 1) if infos[k].cls == WORD and not infos[k].legal]
        one = content[0] if len(content) == 1 else None
        # (the rest of a hyphenated word takes its head's capital: "State-owned", "Non-profit")
        caps = all(infos[k].cap or (k > first and doc.parts[2 * k] == "-" and infos[k - 1].cap)
                   for k in content)
        proper_head = not caps and self._proper_head(doc, content)
        name_ok: bool | None = None  # a one-word mention opening a sentence: decided once
        types = self._types
        ok: set[int] = set()
        strict: set[int] = set()  # titles as written
        loose: set[int] = set()  # titles only as a post of a named body
        for v in variants:
            e = v.entity
            if allowed is not None and e not in allowed:
                continue
            if types[e] == "title":
                if not self._written_as(doc, first, last, v):
                    continue  # titles are read as written, not by concept ("Dean" is no "Director")
                if v.single or one is not None or not caps:
                    loose.add(e)
                else:
                    strict.add(e)
                continue
            if e in ok:
                continue
            if v.acronym:
                if one is not None and infos[one].upper:
                    ok.add(e)
                continue
            if one is not None and not infos[one].cap:
                continue  # one lower-case word ("rocket") is never a mention
            if not (caps or v.case_free or (proper_head and types[e] in _PROPER_HEAD_TYPES)):
                continue
            if one is not None:
                if types[e] == "term":
                    continue  # one word of a domain term ("Aerospace" for "Aerospace+")
                if name_ok is None:
                    name_ok = not doc.sent(one) or self._name_like(doc, one)
                if not name_ok:
                    continue
            ok.add(e)
        if len(ok) > 1:
            return -1
        if ok and not strict:
            return next(iter(ok))
        if strict or loose:
            if ok:
                return -1  # a name and a title written alike
            if not strict and one is not None and not (infos[one].cap or infos[one].tok is not None):
                return None
            title = self.titles.resolve(doc, first, last, strict, loose - strict, prev)
            if title is not None:
                return title
            return -1 if strict else None
        return None

    def _written_as(self, doc: Doc, first: int, last: int, v: Variant) -> bool:
        """Whether words ``first`` to ``last`` are the title's form as written: the same words
        (case and plurals aside) and the same function words (articles aside); a template's
        slot holds the place words."""
        form = self._form_words.get(v.form)
        if form is None:
            text = v.form
            if v.label == "template":
                text = _SLOT_RE.sub(" ", text)
            fd = self.trie.words.doc(text)
            form = self._form_words[v.form] = self._words_of(fd, 0, fd.n - 1, template=False)
        return self._words_of(doc, first, last, template=v.label == "template") == form

    def _words_of(self, doc: Doc, first: int, last: int, *, template: bool) -> tuple[tuple[str, ...], ...]:
        content, function = [], []
        slot = self._slot_range(doc, first, last) if template else None
        for k in range(first, last + 1):
            info = doc.infos[k]
            if slot is not None and slot[0] <= k <= slot[1]:
                continue
            if info.cls == WORD:
                content.append(info.word)
            elif info.cls == STOP:
                w = doc.raws[k].casefold()
                if w not in _ARTICLES:
                    function.append(w)
            else:
                content.append("and")
        return tuple(content), tuple(function)

    def _proper_head(self, doc: Doc, content: list[int]) -> bool:
        """A proper noun, then lower-case words only ("Hainan commercial spacecraft launch site")."""
        infos = doc.infos
        head = infos[content[0]]
        return (len(content) >= _PROPER_HEAD_MIN_WORDS and head.cap and head.tok is not None
                and head.tok.kind in (Kind.NAME, Kind.PLACE) and not any(infos[k].cap for k in content[1:]))

    def _term_fits(self, doc: Doc, first: int, last: int, variants: list[Variant], chosen: int) -> bool:
        """A domain term spans no comma, and only the function words its written form has."""
        for k in range(first + 1, last + 1):
            if doc.brk(k) >= SOFT:
                return False
        skipped = [doc.raws[k].casefold() for k in range(first, last + 1) if doc.infos[k].cls != WORD]
        if not skipped:
            return True
        for v in variants:
            if v.entity == chosen:
                own = [w for w in _LETTERS.findall(v.form.casefold()) if w in self._stop]
                if own == skipped:
                    return True
        return False

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
        if etype == "org" and self._topic_of_a_name(doc, first, last):
            return False
        nxt = last + 1
        if nxt < n and doc.brk(nxt) == JOIN and not infos[last].possessive:
            info = infos[nxt]
            if (etype != "title" and info.cls == STOP and raws[nxt].casefold() in ("of", "for")
                    and nxt + 1 < n and doc.brk(nxt + 1) == JOIN and infos[nxt + 1].cls == WORD
                    and raws[nxt + 1][0].isupper()):
                return False  # "Nanjing University of Aeronautics ...": a longer name goes on
            if etype != "title" and info.cls == WORD and raws[nxt][0].isupper() and not info.legal \
                    and raws[nxt].casefold() not in self.cues.honorifics and not doc.apart(nxt) \
                    and (_romanised_run(doc, first, nxt)
                         or not self.longest(doc, bisect_left(doc.seq, nxt), None, -1, probe=True)):
                # (a romanised name runs on in pinyin: "Hangtian Kegong Huojian Jishu ..." is one
                # name, 航天科工火箭技术, whatever known word its rest begins with)
                return False
        if etype != "title" and not infos[last].possessive:
            gloss = _GLOSS_AFTER.match(doc.text, doc.end(last))
            if gloss is not None:
                # "Tianyi (天仪)Space Science and Technology Research Institute": a Chinese gloss
                # inside a longer name, which goes on right after it
                k = last + 1
                while k < n and doc.start(k) < gloss.end():
                    k += 1
                if k < n and infos[k].cls == WORD and not infos[k].legal and not raws[k].isupper() \
                        and raws[k].casefold() not in self.cues.honorifics:
                    # (but for a post or a person's name after the gloss: "CAST (...) Director")
                    after = self.longest(doc, bisect_left(doc.seq, k), None, -1)
                    if after is None or after[2].type not in _PRECEDED_OK:
                        return False
        prv = first - 1
        if prv >= 0 and prv > covered_until and etype not in _PRECEDED_OK and doc.brk(first) == JOIN \
                and not doc.apart(first):
            info = infos[prv]
            # a generic word before a name is no other name, but for a scope of its own
            # ("International Aerospace Science and Technology Corporation")
            generic = info.generic and (info.tok is None or self._international.isdisjoint(info.tok.keys))
            # (a sentence's first word is capitalised anyway; but a word of the field there opens
            # a group company's name as well: "Assignee: Aerospace Dongfanghong Satellite Co Ltd")
            opening_field = doc.sent(prv) and etype == "org" and info.tok is not None \
                and is_field_word(info.tok)
            if info.cls == WORD and raws[prv][0].isupper() and (not doc.sent(prv) or opening_field) \
                    and not info.possessive and not generic:
                return False
        return True

    def _topic_of_a_name(self, doc: Doc, first: int, last: int) -> bool:
        """Whether an organisation's mention is what a longer name is of: "(University) of
        Electronic Science and Technology of China", "the College of Space Technology of
        China": words of the lexicon naming no type of body and no proper name after "X of", X a
        type of body, are X's field, not its owner (the owner is a body or a proper name:
        "Institute of CASC", "Party Committee of Beihang")."""
        infos, raws = doc.infos, doc.raws
        k = first - 1
        if k < 1 or doc.brk(first) != JOIN or infos[k].cls != STOP or raws[k].casefold() not in _LINKS:
            return False
        head = k - 1  # a type of body, capitalised: "University", "Museum" (not "Officials")
        if doc.brk(k) != JOIN or infos[head].cls != WORD or not raws[head][:1].isupper() \
                or body_kind_of_words([raws[head].casefold()]) is None:
            return False
        lexicon = self.index.lexicon
        words = []
        for j in range(first, last + 1):
            info = infos[j]
            if info.cls != WORD:
                continue
            tok = info.tok
            if tok is None or (tok.kind == Kind.PLACE and (raws[j].casefold(),) not in self._suffixes) or (
                    tok.kind == Kind.NAME and (tok.key == tok.text or lexicon.is_proper(tok))):
                return False  # a proper name ("Party Committee of Beihang"): a body's own
            words.append(info.word)
        return body_kind_of_words(words) is None

    def fits_neighbours(self, doc: Doc, first: int, last: int, etype: str, entity: int | None = None) -> bool:
        """False when a neighbour makes the name another thing: a foreign country before it
        ("U.S. Space Force"), a geographic feature by a place ("Hainan Island", "the island of
        Hainan"), a designation after a programme ("Long March 2D") or hyphened to an
        organisation's name ("Tianyi-26", its satellite), a unit's number after an organisation's
        acronym ("CETC 38"), a place that is not where ``entity`` is after its name ("Harbin
        Institute of Technology, Weihai": a campus)."""
        infos, raws, n = doc.infos, doc.raws, doc.n
        if self._foreign_before(doc, first):
            return False
        if etype == "org" and entity is not None and self._campus_after(doc, last, entity):
            return False  # "Harbin Institute of Technology, Weihai": its campus there
        nxt = last + 1
        if etype == "place":
            if raws[last].casefold() in self.cues.features_after or (
                    nxt < n and doc.brk(nxt) == JOIN and raws[nxt].casefold() in self.cues.features_after):
                return False
            k = first - 1
            while k >= 0 and doc.brk(k + 1) == JOIN and infos[k].cls == STOP and first - k <= 2:
                if raws[k].casefold() == "of" and k > 0 and doc.brk(k) == JOIN and \
                        raws[k - 1].casefold() in self.cues.features_before:
                    return False
                k -= 1
        if etype == "program" and nxt < n and not infos[last].possessive:
            gap = doc.parts[2 * nxt]
            if gap in (" ", "-", "\u2010", "\u2011") and _DESIGNATION.match(raws[nxt]) and \
                    not (gap == " " and raws[nxt].isdigit() and len(raws[nxt]) > 2):
                return False
        if etype == "org" and nxt < n and doc.parts[2 * nxt] in ("-", "\u2010", "\u2011") and \
                raws[nxt][:1].isdigit() and _DESIGNATION.match(raws[nxt]):
            return False  # "Tianyi-26": a satellite named after its maker, not the maker
        # "CETC 38", "CAST 502": one of its numbered units, not the organisation itself; so is
        # any name followed by a number and a type of body ("China Academy of Space Technology
        # 502 Research Institute", "... Corporation 43rd Research Institute"), its acronym in
        # brackets between them or the acronym itself so ("X Corporation (XC) 9th Academy")
        if etype != "org" or nxt >= n or infos[last].possessive:
            return True
        gap = doc.parts[2 * nxt]
        if gap == " (" and nxt + 1 < n and _ACRONYM_WORD.fullmatch(raws[nxt]) \
                and doc.parts[2 * nxt + 2] == ") ":
            nxt, gap = nxt + 1, " "  # the name's acronym in brackets, then what follows it
        elif gap == ") " and doc.parts[2 * last].endswith("(") and _ACRONYM_WORD.fullmatch(raws[last]):
            gap = " "  # the acronym in brackets itself
        if gap not in (" ", "-") or not _UNIT_NUMBER.fullmatch(raws[nxt]):
            return True
        if first == last and _ACRONYM_WORD.fullmatch(raws[last]):
            return False
        return not self._body_type_at(doc, nxt + 1)

    @staticmethod
    def _body_type_at(doc: Doc, k: int) -> bool:
        """Whether capitalised words from word ``k`` (a few at most) are a type of body: "Research
        Institute", "Academy", "Factory"."""
        words = []
        for j in range(k, min(doc.n, k + 3)):
            if doc.brk(j) != JOIN or doc.infos[j].cls != WORD or not doc.raws[j][:1].isupper():
                break
            words.append(doc.raws[j].casefold())
        return bool(words) and body_kind_of_words(words) is not None

    def _campus_after(self, doc: Doc, last: int, entity: int) -> bool:
        """Whether a place another than the entity's own closes its name, after a comma or in
        brackets ("X University, Weihai", "X University (Shenzhen)"): a campus or a branch there,
        which the names path answers as no entity (the Chinese scan reads 哈尔滨工业大学（深圳） so).
        Where the glossary says nothing of where the entity is, the place is taken as its address."""
        k = last + 1
        if k >= doc.n or doc.parts[2 * k].strip() not in (",", "("):
            return False
        info = doc.infos[k]
        if info.tok is None or info.tok.kind != Kind.PLACE or not doc.raws[k][:1].isupper() \
                or info.possessive:
            return False
        nxt = k + 1
        if nxt < doc.n:
            # the place ends the name's clause ("X University, Weihai.", "(Shenzhen)", "Weihai
            # campus"); not one that opens another name or an item of a list ("X, Nanjing and Y")
            gap = doc.parts[2 * nxt]
            if not any(c in gap for c in ").;:\n") and (
                    gap.strip() or not doc.raws[nxt][:1].islower() or doc.raws[nxt] in ("and", "or")):
                return False
        own = self._located(entity)
        return bool(own) and own.isdisjoint(info.tok.keys)

    def _located(self, entity: int) -> frozenset[str]:
        """Where the entity is, as place concepts: where the glossary says it is (the fuzzy stage's
        reading, :func:`~aeronorm.pipeline.places.located_places`), else the places its names
        state and those they are in; remembered."""
        found = self._locations.get(entity)
        if found is None:
            lexicon, this = self.index.lexicon, self.index.entities[entity]
            stated = stated_places(this, lexicon)
            found = located_places(this, lexicon, stated) or stated | places_around(stated, lexicon)
            self._locations[entity] = found
        return found

    def _foreign_before(self, doc: Doc, first: int) -> bool:
        """Whether a foreign country or its adjective stands right before word ``first``
        ("U.S. Space Force", "Russian Space Agency")."""
        k = first - 1
        if k < 0:
            return False
        raws = doc.raws
        kind = self._foreign_kind.get(raws[k])
        if kind is None:
            kind = self._foreign_kind.put(raws[k], self._classify_foreign(raws[k]))
        if not kind or not _QUALIFIER_GAP.issuperset(doc.parts[2 * first]):
            return False  # not a country's word (the common case: "the", "of")
        if kind & 1:
            return True
        # the last word of "U.S." or "United States"
        return k > 0 and _QUALIFIER_GAP.issuperset(doc.parts[2 * k]) and \
            f"{raws[k - 1].casefold()} {raws[k].casefold()}" in self.cues.foreign

    def _classify_foreign(self, raw: str) -> int:
        """1: a country's word on its own ("Russian"); 2: the last word of a two-word one ("S")."""
        word = raw.casefold()
        return (1 if word in self.cues.foreign else 0) | (2 if word in self._foreign_last else 0)

    def _national_suffix(self, doc: Doc, last: int) -> int:
        """The last word of "of China" (or of "the People's Republic of China") right after an
        organisation's name: the country is its scope, not another name."""
        n = doc.n
        k = last + 1
        if k >= n or doc.raws[k] not in ("of", "Of") or doc.brk(k) != JOIN:
            return last
        words: list[str] = []
        for j in range(k + 1, min(n, k + 7)):
            if doc.brk(j) != JOIN:
                break
            words += _LETTERS.findall(doc.raws[j].casefold())
            if tuple(words) in self._suffixes:
                nxt = j + 1
                if nxt < n and doc.brk(nxt) == JOIN and doc.infos[nxt].cls == WORD and \
                        doc.raws[nxt][0].isupper():
                    return last  # the name goes on
                return j
        return last

    def _match(self, doc: Doc, span: str, entity: int, variants: list[Variant], first: int, last: int
               ) -> Match:
        slot = ""
        if entity in self._templated and \
                not any(v.entity == entity and v.label != "template" for v in variants):
            slot = self._slot(doc, first, last)
        key = (span, entity, slot)
        m = self._match_cache.get(key)
        if m is None:
            m = self._new_match(span, entity, variants, slot)
            self._match_cache.put(key, m)
        return m

    def _slot(self, doc: Doc, first: int, last: int) -> str:
        """What fills a template's slot between words ``first`` and ``last``, as written."""
        found = self._slot_range(doc, first, last)
        return doc.text[doc.start(found[0]) : doc.end(found[1])] if found else ""

    def _slot_range(self, doc: Doc, first: int, last: int) -> tuple[int, int] | None:
        """The first and last word of the first place between words ``first`` and ``last``: a
        place phrase of the lexicon ("Inner Mongolia") or a place word."""
        infos, phrases = doc.infos, self.trie.phrases
        for k in range(first, last + 1):
            if infos[k].cls != WORD or not infos[k].cap:
                continue
            for size in (3, 2):
                b = k + size - 1
                if b <= last and all(infos[j].cls == WORD and doc.brk(j) == JOIN
                                     for j in range(k + 1, b + 1)):
                    tok = phrases.get(tuple(infos[j].word for j in range(k, b + 1)))
                    if tok is not None and tok.kind == Kind.PLACE:
                        return k, b
            if infos[k].tok is not None and infos[k].tok.kind == Kind.PLACE:
                return k, k
        return None

    def _new_match(self, span: str, entity: int, variants: list[Variant], slot: str = "") -> Match:
        e = self.index.entities[entity]
        key = fold_key(span)
        own = [v for v in variants if v.entity == entity]
        if slot:
            template = next(v.form for v in own if v.label == "template")
            evidence = (f"template {template!r}", f"slot {slot!r}")
            return Match.of(span, e, self.concept_score, "template", evidence, slot=slot)
        if entity in self.index.exact.get(key, ()):
            label = self.index.exact_label.get((key, entity), own[0].label if own else "name")
            return Match.of(span, e, 1.0, "exact", (f"{label} {span!r}",))
        evidence = (f"concepts of {own[0].label} {own[0].form!r}",) if own else ()
        return Match.of(span, e, self.concept_score, "concept", evidence)

    def mention(self, doc: Doc, first: int, last: int, match: Match) -> Mention:
        """The mention of words ``first`` to ``last``: a final period of an abbreviation and a
        closing bracket taken in."""
        text = doc.text
        start = doc.start(first)
        end = close_aside(text, start, with_period(doc, last, match.canonical))
        return Mention(start, end, text[start:end], match)


@cache
def _form_pairs() -> frozenset[tuple[str, str]]:
    """Pairs of words one company form writes one after the other ("co" "ltd", "corporation"
    "limited"), with "limited" and "ltd" after any form word."""
    pairs = {(a, b) for phrase in load_word_classes().legal_phrases for a, b in pairwise(phrase)}
    forms = {w for phrase in load_word_classes().legal_phrases for w in phrase}
    return frozenset(pairs | {(a, b) for a in forms for b in ("limited", "ltd")})


def _form_goes_on(prev: WordInfo, info: WordInfo) -> bool:
    """Whether ``info``, on a new line, goes on with the company form ``prev`` ends the line with
    (a form wrapped onto the next line) rather than starting a line of its own."""
    return prev.legal and (prev.word.split(" ")[-1], info.word.split(" ")[0]) in _form_pairs()

