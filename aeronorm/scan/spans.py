"""Capitalised runs of words that the trie left alone (another word order, a romanisation, a
typo), resolved by the full matcher.

A run's answer is kept when a sure stage gave it (exact, abbreviation, pinyin, chinese), or when
the run and one written form of the entity agree on every naming word; and when its neighbours
leave it that entity (see :meth:`Acceptor.fits_neighbours <aeronorm.scan.accept.Acceptor.fits_neighbours>`).
Titles are the trie's alone: whether title words are a post depends on the sentence
(:mod:`~aeronorm.scan.titles`). A run followed by "of the" and another capitalised name is part
of a longer name ("Committee for Discipline Inspection of the School"): the whole is tried.

The trie's own mentions are held to the matcher's answers too (:meth:`SpanResolver.check`): a
name found by concepts is kept only when the matcher answers that entity for it ("Beijing
University of Technology" is not the Beijing Institute of Technology, whatever concepts they
share), and two names side by side, a place or an organisation before an organisation, are one
longer name ("Beijing Aerospace Technology Co., Ltd.", "Hubei Provincial Department of ..."):
the whole is what the matcher answers for it, or no mention at all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import compress
from operator import attrgetter

from ..caching import BoundedCache
from ..glossary.entity import body_kind_of_words
from ..index import Index
from ..lexicon import Kind
from ..lexicon.compare import is_field_word
from ..lexicon.word_classes import load_word_classes
from ..pipeline.calibration import Calibration
from ..pipeline.may_match import SURE_METHODS, FormAgreement
from ..resources import load_chinese_words
from ..results import Match, Mention
from ..text.fold import fold_key, is_upper_word
from .keep import names_a_part
from .words import JOIN, SOFT, WORD, Doc, close_aside, with_period

__all__ = ["SpanResolver", "overlapping"]

#: Types of the names that, side by side, make one longer name: a place or an organisation
#: before an organisation ("Beijing X Co.", "CASC Tenth Academy").
_QUALIFIERS = frozenset({"place", "org"})
_QUALIFIED = frozenset({"org"})
#: A capitalised domain term after such a name continues it ("Hainan Commercial Space Launch
#: Site"): the place is then the qualifier of a name the glossary may not hold, not a mention.
_CONTINUING = frozenset({"org", "term"})
_CACHE_LIMIT = 20_000
_MAX_LONGER = 8  # words of a longer name read after a place that opens it
#: Kinds of body whose name a place may open without being a mention ("Hubei X Institute"; not
#: a government, a province or a programme: those are the place's own)
_ORGANISATIONS = frozenset({"academy", "university", "institute", "company", "society", "office",
                            "administration", "ministry", "organisation"})
_CAPKNOWN = attrgetter("capknown")


class SpanResolver:
    """Resolves capitalised runs with ``resolve(span, type=...) -> Match | None`` (the matcher).

    ``may_match(span) -> bool``, when given, is a necessary condition for an answer kept here
    (:class:`~aeronorm.pipeline.may_match.MayMatch`): a span it rules out is not sent to the
    matcher. ``agreement`` is the :class:`~aeronorm.pipeline.may_match.FormAgreement` both use.
    """

    def __init__(self, index: Index, calibration: Calibration, resolve: Callable[..., Match | None],
                 neighbours: Callable[[Doc, int, int, str, int], bool] | None = None, *,
                 may_match: Callable[[str], bool] | None = None, agreement: FormAgreement | None = None):
        self.index = index
        self.neighbours = neighbours
        self.lexicon = index.lexicon
        self.resolve = resolve
        self.may_match = may_match
        self.agreement = agreement or FormAgreement(index)
        self.fuzzy_min = calibration.span_fuzzy_min
        self._glue = load_word_classes().name_glue
        self._countries = load_chinese_words().country_words
        self._span_cache: BoundedCache[tuple[str, str | None], Match | None] = BoundedCache(
            max_entries=_CACHE_LIMIT)
        self._ids = index.positions

    def find(self, doc: Doc, taken: list[tuple[int, int, Match]], type_: str | None
             ) -> tuple[list[Mention], set[int]]:
        """Resolve capitalised runs that the trie left alone with the full matcher.

        Returns the mentions and the positions in ``taken`` of the trie's mentions that a longer
        one replaces: "X of the Y", where the trie found only Y ("National Astronomical
        Observatories of the Chinese Academy of Sciences").
        """
        covered = bytearray(doc.n)
        for a, b, _ in taken:
            covered[a : b + 1] = b"\x01" * (b - a + 1)
        firsts = [a for a, _, _ in taken]
        lasts = [b for _, b, _ in taken]
        out: list[Mention] = []
        replaced: set[int] = set()
        done = -1
        for k in list(compress(range(doc.n), map(_CAPKNOWN, doc.infos))):
            if k <= done or covered[k]:
                continue
            a, b, content = self._run(doc, k)
            done = b
            if content < 2:
                continue
            line = self._whole_line_name(doc, a, b, covered, type_)
            if line is not None:
                out.append(line[0])
                done = line[1]  # the next line is a run of its own
                continue
            inner: list[int] = []
            if any(covered[a : b + 1]):
                inner = self._of_the_tail(doc, taken, covered, a, b, firsts, lasts)
                if not inner:
                    continue
            tries = [(a, b)]
            if doc.sent(a) and content > 2 and not inner \
                    and not (doc.infos[a].tok is not None and is_field_word(doc.infos[a].tok)):
                # "Yesterday Xibei Gongye Daxue ...", "Officials of Beijing ...": the word that
                # opens the sentence (and an "of" after it) left out; but not a type of body
                # before "of" ("University of ..."), the head of the name, nor a word of the
                # field, which opens a group company's name ("Aerospace Dongfanghong Satellite
                # Co Ltd", 航天东方红卫星: not the company named without it)
                s = a + 1
                while s < b and not self._capword(doc, s):
                    s += 1
                if s == a + 1 or body_kind_of_words([doc.raws[a].casefold()]) is None:
                    tries.append((s, b))
            for s, e in tries:
                if not inner and (cut := self._before_closing_place(doc, s, e)) is not None:
                    # "Space Pioneer China's first ...", "X China and abroad": a place after a
                    # name is a qualifier or the next phrase's, written as it is; the run
                    # with it is an answer only where the entity's name has that place
                    m = self._resolve_span(doc, s, cut, type_)
                    if m is None:
                        m = self._resolve_span(doc, s, e, type_)
                        if m is not None and not self._names_place(m.match, doc.infos[e].tok.key):
                            m = None
                else:
                    m = self._resolve_span(doc, s, e, type_)
                if m is None and inner:
                    m = self._part_of(doc, a, b, taken[inner[0]][0], [taken[i][2] for i in inner], type_)
                if m is not None:
                    out.append(m)
                    replaced.update(inner)
                    break
        return out, replaced

    def _whole_line_name(self, doc: Doc, a: int, b: int, covered: bytearray, type_: str | None
                         ) -> tuple[Mention, int] | None:
        """When run ``a..b`` crosses a line break and its words before the break are the whole of
        their line and a name a sure stage answers ("China Communications Construction Company
        Limited⏎Orienspace", a list): that mention and its last word. A run wrapped inside a
        sentence, or whose first line is no such name, is read whole."""
        brk = next((k for k in range(a + 1, b + 1) if doc.line_break(k)), None)
        if brk is None or any(covered[a:brk]) or not doc.line_name(a, brk):
            return None
        if sum(1 for j in range(a, brk) if doc.infos[j].cls == WORD and not doc.raws[j][0].isdigit()) < 2:
            return None
        m = self._resolve_span(doc, a, brk - 1, type_)
        if m is None or m.match.method not in SURE_METHODS:
            return None
        return m, brk - 1

    def check(self, doc: Doc, taken: list[tuple[int, int, Match]], type_: str | None
              ) -> tuple[list[Mention], set[int]]:
        """Hold the trie's mentions to the matcher (see the module's docstring): the mentions that
        replace some of them, and the positions in ``taken`` of those dropped or replaced."""
        out: list[Mention] = []
        dropped: set[int] = set()
        k = 0
        while k < len(taken):
            if k + 1 < len(taken) and (whole := self._of_its_parent(doc, taken[k], taken[k + 1], type_)):
                out.append(whole)  # "X of the Y", X a part of Y: one mention of X
                dropped.update((k, k + 1))
                k += 2
                continue
            j = k
            while j + 1 < len(taken) and self._side_by_side(doc, taken[j], taken[j + 1], chained=j > k):
                j += 1
            if j > k:  # one longer name: what the matcher answers for the whole, or nothing
                a, b = taken[k][0], taken[j][1]
                mention = self._mention(doc, a, b, self._answer(doc, a, b, type_))
                if mention is not None:
                    out.append(mention)
                dropped.update(range(k, j + 1))
            elif taken[k][2].type == "place" and self._opens_a_longer_name(doc, taken[k][1]):
                dropped.add(k)  # "Shanghai Aerospace System Engineering Institute": the place
                # opens the name of a body the glossary lacks, which no mention stands for
            elif self._by_concepts(taken[k]):
                a, b, match = taken[k]
                m = self._answer(doc, a, b, type_)
                if m is None or m.entity_id != match.entity_id:
                    dropped.add(k)
            k = j + 1
        return out, dropped

    def _of_its_parent(self, doc: Doc, part: tuple[int, int, Match], parent: tuple[int, int, Match],
                       type_: str | None) -> Mention | None:
        """"X of the Y" (or "X of Y") as one mention of X, when the trie found X and Y and X's
        entity is a part of Y's ("Department of Outreach of the Lanzhu Space Agency" is the
        department, written as the glossary may write its name whole): not X and, beside it,
        its parent."""
        a, b, match = part
        j = parent[0]
        of = j - 2 if doc.raws[j - 1].casefold() == "the" else j - 1
        if of != b + 1 or doc.raws[of].casefold() != "of" or doc.infos[b].possessive or \
                any(doc.brk(k) != JOIN for k in range(of, j + 1)):
            return None
        entity = self.index.entities[self._ids[match.entity_id]]
        if entity.parent != parent[2].entity_id:
            return None
        if names_a_part(doc.text[doc.start(a) : doc.end(b)], entity.name):
            return None  # X is one side of a name joined by "and": left as written, as X alone is
        if self._by_concepts(part):
            m = self._answer(doc, a, b, type_)
            if m is None or m.entity_id != match.entity_id:
                return None  # the part alone is not the matcher's answer: nor is the whole
        start, end = doc.start(a), doc.end(parent[1])
        span = doc.text[start:end]
        evidence = (*match.evidence, f"of its parent {parent[2].canonical!r}")
        return self._mention(doc, a, parent[1], Match.of(span, entity, match.score, match.method, evidence))

    @staticmethod
    def _side_by_side(doc: Doc, left: tuple[int, int, Match], right: tuple[int, int, Match], *,
                      chained: bool = False) -> bool:
        """Whether ``right`` continues the name ``left`` starts (or, ``chained``, continues): an
        organisation after a place or an organisation, or a capitalised term after either (a
        term inside such a chain continues it too)."""
        if right[0] != left[1] + 1 or doc.brk(right[0]) != JOIN or doc.infos[left[1]].possessive:
            return False
        if doc.line_name(left[0], right[0]):
            return False  # a name that is its whole line (a list, a heading): the break ends it
        if left[2].type in _QUALIFIERS or (chained and left[2].type == "term"):
            if right[2].type in _QUALIFIED:
                return True
            return right[2].type in _CONTINUING and doc.raws[right[0]][:1].isupper()
        return False

    def _opens_a_longer_name(self, doc: Doc, b: int) -> bool:
        """Whether capitalised words glued after a place's last word ``b`` end in an
        organisation's head noun or company form ("... Engineering Institute", "... Co., Ltd."):
        a longer name, the place its first word (as the Chinese scan reads 上海X研究所). A few
        words are read, not the whole run (:meth:`_run` reads both ways and to its end: asked
        of every place of a long run of capitals, it would make ``find`` quadratic)."""
        last, k = None, b + 1
        while k < doc.n and k <= b + _MAX_LONGER and doc.brk(k) == JOIN and not doc.apart(k) \
                and not doc.infos[k - 1].possessive:
            if self._capword(doc, k) or doc.infos[k].legal:
                last = k
            elif doc.raws[k].casefold() not in self._glue:
                break
            k += 1
        if last is None:
            return False
        word = doc.raws[last].casefold().rstrip(".")
        return doc.infos[last].legal or body_kind_of_words([word]) in _ORGANISATIONS

    @staticmethod
    def _by_concepts(mention: tuple[int, int, Match]) -> bool:
        """A name of several words found by its concepts (a domain term, a title and a plural
        acronym are the trie's own business)."""
        a, b, match = mention
        return b > a and match.method == "concept" and match.type not in ("term", "title")

    def _answer(self, doc: Doc, a: int, b: int, type_: str | None) -> Match | None:
        """The matcher's own answer for words ``a`` to ``b`` (remembered per span)."""
        return self._answer_text(doc.text[doc.start(a) : doc.end(b)], type_)

    def _part_of(self, doc: Doc, a: int, b: int, j: int, parents: list[Match], type_: str | None
                 ) -> Mention | None:
        """"X of the Y" (or "X of Y") as one mention when X alone names an entity whose parent is
        Y (the glossary writes "National Astronomical Observatories, CAS"), or X with another
        form of Y does ("Sixth Academy of CASC" for "Sixth Academy of China Aerospace Science and
        Technology Corporation"); a part the glossary lacks ("Foreign Affairs Department of the
        ...") is no mention, and Y stays Y."""
        if len(parents) != 1:
            return None
        # (``j``: the first word of Y's name, after "of" or "of the")
        of = j - 2 if doc.raws[j - 1].casefold() == "the" and doc.raws[j - 2].casefold() == "of" else j - 1
        if of - 1 < a or doc.raws[of].casefold() != "of":
            return None
        head = self._resolve_span(doc, a, of - 1, type_)
        m = head.match if head is not None else self._of_another_form(doc, a, of - 1, parents[0], type_)
        if m is None:
            # the capitalised words right before "of" ("Engineers of the Sixth Academy of ..."
            # opens a sentence: "Sixth Academy"), with another form of the parent
            while a < of - 1 and not all(doc.raws[k][0].isupper() for k in range(a, of)):
                a += 1
            m = self._of_another_form(doc, a, of - 1, parents[0], type_)
        if m is None:
            return None
        entity = self.index.entities[self._ids[m.entity_id]]
        if entity.parent != parents[0].entity_id:
            return None
        start, end = doc.start(a), doc.end(b)
        span = doc.text[start:end]
        evidence = (*m.evidence, f"of its parent {parents[0].canonical!r}")
        match = Match.of(span, entity, m.score, m.method, evidence)
        return Mention(start, close_aside(doc.text, start, end), span, match)

    def _of_another_form(self, doc: Doc, a: int, b: int, parent: Match, type_: str | None) -> Match | None:
        """Words ``a`` to ``b`` ("Sixth Academy", which names no one alone) with "of" and another
        written form of the parent the text names after them ("Sixth Academy of CASC"), as a
        sure stage answers it."""
        head = doc.text[doc.start(a) : doc.end(b)]
        entity = self.index.entities[self._ids[parent.entity_id]]
        for form in (*entity.abbreviations, entity.name, *entity.aliases):
            # (the glossary may write the part as "X, Y": "Department of Outreach, LSA")
            for text in (f"{head} of {form}", f"{head}, {form}"):
                m = self._answer_text(text, type_)
                if m is not None and m.method in SURE_METHODS:
                    return m
        return None

    def _answer_text(self, text: str, type_: str | None) -> Match | None:
        """The matcher's own answer for ``text``, not :meth:`_span_match`'s checked one (remembered)."""
        key = ("=" + text, type_)
        if key in self._span_cache:
            return self._span_cache[key]
        return self._span_cache.put(key, self.resolve(text, type=type_))

    def _of_the_tail(self, doc: Doc, taken: list[tuple[int, int, Match]], covered: bytearray, a: int, b: int,
                     firsts: list[int], lasts: list[int]) -> list[int]:
        """When the trie's mentions in run ``a..b`` all follow its first "of the" or "of" ("X of the Y"),
        their positions in ``taken``; else ``[]``. ``taken`` is in text order and its mentions do
        not overlap (``firsts`` and ``lasts`` their first and last words, both increasing)."""
        j = next(k for k in range(a, b + 1) if covered[k])
        raws = doc.raws
        of_the = j - a >= 3 and raws[j - 1].casefold() == "the" and raws[j - 2].casefold() == "of"
        if not of_the and not (j - a >= 2 and raws[j - 1].casefold() == "of"):  # "X of the Y", "X of Y"
            return []
        inside = overlapping(firsts, lasts, a, b)
        if any(taken[i][0] < j or taken[i][1] > b for i in inside):
            return []
        return inside

    def _before_closing_place(self, doc: Doc, a: int, b: int) -> int | None:
        """The last word before the place word that closes run ``a..b``, when one does and the
        run goes on before it without a joining word ("Bank of China" is one name)."""
        tok = doc.infos[b].tok
        if b - 1 < a or tok is None or doc.infos[b - 1].cls != WORD:
            return None
        # ("China" is a generic word to the lexicon, and a place after a name)
        if tok.kind != Kind.PLACE and not (tok.kind == Kind.GENERIC and tok.key in self._countries):
            return None
        if doc.raws[b - 1].casefold() in self._glue or doc.brk(b) != JOIN:
            return None
        return b - 1

    def _names_place(self, match: Match, place: str) -> bool:
        """Whether one English form of the answer's entity names ``place`` (a concept key)."""
        entity = self.index.entities[self._ids[match.entity_id]]
        return any(t.key == place
                   for form in entity.english_names() for t in self.lexicon.tokens(form))

    def _capword(self, doc: Doc, k: int) -> bool:
        info = doc.infos[k]
        return info.cls == WORD and (doc.raws[k][0].isupper() or info.upper)

    def _run(self, doc: Doc, k: int) -> tuple[int, int, int]:
        """The run of capitalised words around word ``k``: (first, last, number of words)."""
        infos, raws, n = doc.infos, doc.raws, doc.n
        a = k
        while a > 0 and doc.brk(a) == JOIN and not infos[a - 1].possessive and not doc.apart(a):
            if self._capword(doc, a - 1) or (infos[a - 1].cls == WORD and raws[a - 1][0].isdigit()):
                a -= 1
            elif (a > 1 and raws[a - 1].casefold() in self._glue and doc.brk(a - 1) == JOIN
                  and self._capword(doc, a - 2) and not infos[a - 2].possessive):
                a -= 2
            else:
                break
        while a < k and not self._capword(doc, a):
            a += 1  # a run starts with a capitalised word, not a number
        b = k
        while b + 1 < n and not infos[b].possessive:
            nb = doc.brk(b + 1)
            if nb == JOIN and infos[b + 1].cls == WORD and doc.parts[2 * b + 2] == "-":
                b += 1  # the rest of a hyphenated word: "Ke-jian"
            elif nb == SOFT and infos[b + 1].legal and infos[b + 1].cap:
                b += 1  # ", Ltd."
            elif nb != JOIN or doc.apart(b + 1, lines=False):
                break
            elif self._capword(doc, b + 1) or (infos[b + 1].cls == WORD and raws[b + 1][0].isdigit()):
                b += 1
            elif (b + 2 < n and raws[b + 1].casefold() in self._glue and doc.brk(b + 2) == JOIN
                  and self._capword(doc, b + 2)):
                b += 2
            elif (b + 3 < n and raws[b + 1].casefold() == "of" and raws[b + 2].casefold() == "the"
                  and doc.brk(b + 2) == JOIN and doc.brk(b + 3) == JOIN and self._capword(doc, b + 3)):
                b += 3  # "... of the School": one longer name
            else:
                break
        # naming words: capitalised words with letters ("March 3" is a date, not a name)
        content = sum(1 for j in range(a, b + 1) if infos[j].cls == WORD and not raws[j][0].isdigit())
        return a, b, content

    def _resolve_span(self, doc: Doc, a: int, b: int, type_: str | None) -> Mention | None:
        start, end = doc.start(a), doc.end(b)
        span = doc.text[start:end]
        key = (span, type_)
        if key in self._span_cache:
            m = self._span_cache[key]
        else:
            m = self._span_cache.put(key, self._span_match(span, type_))
        return self._mention(doc, a, b, m)

    def _mention(self, doc: Doc, a: int, b: int, m: Match | None) -> Mention | None:
        """The mention of words ``a`` to ``b`` as ``m`` (no title: the trie's alone), when its
        neighbours leave it that entity."""
        if m is None or m.type == "title":
            return None
        if a == b and not doc.infos[a].upper and self._capitals_only(doc.raws[a], m.entity_id):
            return None  # "Air China": a word the entity writes only as an acronym (AIR) is the word
        if self.neighbours is not None and not self.neighbours(doc, a, b, m.type, self._ids[m.entity_id]):
            return None
        start = doc.start(a)
        end = close_aside(doc.text, start, with_period(doc, b, m.canonical))
        return Mention(start, end, doc.text[start:end], m)

    def _capitals_only(self, word: str, entity_id: str) -> bool:
        """Whether the entity writes ``word`` (case aside) only as an acronym in capitals: in
        text, as the trie reads it, such a word not in capitals is the ordinary word."""
        key = fold_key(word)
        written = [form for _, form in self.index.entities[self._ids[entity_id]].forms()
                   if fold_key(form) == key]
        return bool(written) and all(map(is_upper_word, written))

    def _span_match(self, span: str, type_: str | None) -> Match | None:
        if self.may_match is not None and not self.may_match(span):
            return None  # no answer the matcher gives it would be kept
        m = self.resolve(span, type=type_)
        if m is None:
            return None
        if m.method in SURE_METHODS:
            return m
        if m.method == "fuzzy" and m.score < self.fuzzy_min:
            return None
        # the span and one form of the entity share every naming word
        return m if self.agreement.agrees(span, self._ids[m.entity_id]) else None


def overlapping(firsts: list[int], lasts: list[int], a: int, b: int) -> list[int]:
    """Positions of the spans ``firsts[i]..lasts[i]`` that overlap ``a..b``, for spans in order
    that do not overlap (both lists increasing): one contiguous range, found by bisection."""
    return list(range(bisect_left(lasts, a), bisect_right(firsts, b)))
