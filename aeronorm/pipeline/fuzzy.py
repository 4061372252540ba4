"""Stage 7, fuzzy: weighted comparison of concept tokens, blocked through the inverted index.

A query and a name are aligned token by token (same concept, or a near-identical spelling of
one unknown word: :mod:`aeronorm.lexicon.compare`). What is left unaligned decides:

* an informative token left over on **both** sides is a substitution (Technology for
  Industry, Northwestern for Northeastern, 2 for 6): the pair is rejected outright;
* a leftover on the name's side only is an omission, cheap for descriptors (places, generic
  words, company forms) and dearer for naming words;
* a leftover on the query's side only is extra information the name lacks (a sub-unit),
  counted in full.

The score is a Dice coefficient over these weighted masses (costs in
:class:`~aeronorm.pipeline.calibration.Calibration`); a match needs the threshold and a margin
over the best other entity.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import filterfalse, islice
from operator import itemgetter
from typing import ClassVar

from rapidfuzz.distance import OSA

from ..caching import BoundedCache, BuildOnce
from ..glossary.entity import Entity, body_kind
from ..index import Index
from ..lexicon import Kind, Tok
from ..lexicon.compare import (
    Aligner,
    align,
    is_field_word,
    is_line_of_business,
    other_rendering,
    rendering,
    similarity,
    spelling_comparable,
)
from ..lexicon.word_classes import load_word_classes
from ..resources import (
    load_chinese_words,
    load_common_words,
    load_place_levels,
    load_places_abroad,
    load_places_within,
)
from ..results import Method
from ..text.fold import fold_key, has_han
from ..text.zh import body_ending
from .base import Outcome, SharedTables, found
from .calibration import Calibration
from .companies import is_company, named_without_place
from .entity_ids import KeyTable, add_id, ids_of, seal
from .places import keeps_its_place, located_places, stated_places
from .query import Query

__all__ = ["EntityFacts", "FuzzyStage", "Spellings"]

#: Kinds whose leftover on both sides means two different entities.
_DISTINCTIVE = (Kind.NAME, Kind.NUMBER, Kind.PLACE)
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_BRACKET = re.compile(r"[(\[（【]")  # an aside in brackets opens
#: What a place's name is made of, besides its administrative suffixes (市, 省).
_PLACE_LIKE = (Kind.PLACE, Kind.GENERIC, Kind.LEGAL)
#: Kinds whose leftover on both sides always means two entities, whatever they weigh.
_DIFFERING = (Kind.NAME, Kind.NUMBER)
_LEGAL, _NAME = Kind.LEGAL, Kind.NAME  # read per token of every blocked name: bound once
_MAX_CANDIDATES = 24
#: Names read from the inverted index per query, rarest concepts first.
_BLOCK_BUDGET = 2000
_MIN_SPELLING = 5


class Spellings:
    """Words of the glossary that the lexicon does not know (brands, romanised names), of 5
    letters or more, by their one-deletion neighbourhoods (symmetric deletion).

    The neighbourhoods (nine keys a word) are a :class:`~aeronorm.pipeline.entity_ids.KeyTable`
    from each key to the words' positions in :attr:`words`: a dict of their strings and tuples
    was about 120 bytes a key."""

    def __init__(self, index: Index):
        self.words: tuple[str, ...] = tuple(sorted({
            t.text
            for rep in index.reps
            for t in rep.tokens
            if t.kind == Kind.NAME and t.key == t.text and len(t.keys) == 1
            and len(t.text) >= _MIN_SPELLING and t.text.isalpha()
        }))
        table: dict[str, int | list[int]] = {}
        for k, w in enumerate(self.words):  # in order: each key's positions ascending
            for key in (w, *_deletions(w)):
                if table.setdefault(key, k) != k:
                    add_id(table, key, k)
        self.table = KeyTable(seal(table))

    def near(self, word: str) -> list[str]:
        """Words of the glossary one edit away from ``word`` (a letter deleted, inserted,
        changed, or two neighbours swapped), same first letter."""
        if len(word) < _MIN_SPELLING or not word.isalpha():
            return []
        found: set[int] = set()
        for key in (word, *_deletions(word)):
            found.update(ids_of(self.table, key))
        hits = {self.words[k] for k in found}
        hits.discard(word)
        return sorted(w for w in hits if w[0] == word[0] and OSA.distance(word, w, score_cutoff=1) <= 1)


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """What the glossary says of the entity a compared name belongs to, beyond that name (the
    defaults: nothing known, as for a query or a value of a column)."""

    #: a company (its names carry a company form): a place before its name may be where it is
    #: registered, which its name often leaves out
    company: bool = True
    #: a company whose full Chinese name states no place
    #: (:func:`~aeronorm.pipeline.companies.named_without_place`): a place before its name is
    #: another company's, not where this one is registered
    placeless: bool = False
    #: the places and scopes (China, International) any of its names states (火箭派（湖州）for
    #: "Rocket Pi ..."): a query's place among them is where the entity is
    stated: frozenset[str] = frozenset()
    #: where the entity is (its glossary ``location``, the places its names state, and the
    #: provinces of both; empty when none of them is known): such a place after the name ("X
    #: University, Beijing 100084, China") is an address
    located: frozenset[str] = frozenset()
    #: an institution named by common words: its leading place is part of its name
    #: (:func:`~aeronorm.pipeline.places.keeps_its_place`)
    institution: bool = False
    #: its Chinese names, joined ("" without one): what a romanised word of the query must be in
    chinese: str = ""
    #: itself and its descendants (glossary ``parent`` links), when it has any: a word only they
    #: have still names it ("BeiDou" with BeiDou-3 in the glossary)
    family: frozenset[int] = frozenset()
    #: a title: its words are read as its Chinese name has them (titles are precise posts)
    title: bool = False
    #: a place: what a query says more (a naming word, an organisation) is something in it
    place: bool = False
    #: its position in the index (-1: not an entity's)
    entity: int = -1
    #: an event or an award: its head noun (Agreement, Forum, Award) says what it is
    occasion: bool = False
    #: an office of a body (a department, a committee: ``bodies.yaml``), an event or an award:
    #: what every body of a kind has, named by its parent
    office: bool = False


_UNKNOWN = EntityFacts()
#: A blocked name's facts not read yet (:meth:`FuzzyStage.match`): told apart by identity.
_PENDING = EntityFacts()


@dataclass(slots=True)  # (not frozen: a frozen one's __init__ costs 5x, and a dozen are made a query)
class _Side:
    """One side of a comparison prepared once: its tokens but company forms and their parent
    organisations (a query is compared with two dozen names, a name with many queries). Never
    changed once made."""

    toks: tuple[Tok, ...]
    spans: Sequence[tuple[int, int, int]]  # parent organisations (Affiliations.spans)
    keys: frozenset[str]  # every concept of the tokens
    naming: tuple[Tok, ...]  # naming words and numbers in no parent organisation's name
    spelt: tuple[Tok, ...]  # words that may match another by spelling alone (similarity compares
    # unknown words of five letters or more only)
    facts: EntityFacts = _UNKNOWN  # of the entity whose name this is
    legal: bool = False  # the name carried a company form: a company's full name
    joined: frozenset[str] = frozenset()  # words joined to another by a hyphen ("Hangtian-Tsinghua")
    address: int = -1  # where a query's address may begin, -1 for nowhere (_may_address)
    # the naming words split for _any_alone, asked of a side once per name it meets: the concepts
    # of those that cannot match by spelling, and those that can (in spelt)
    fixed: tuple[frozenset[str], ...] = ()
    spellable: tuple[Tok, ...] = ()


class FuzzyStage:
    """Best entity by weighted token comparison, if above the threshold by the margin."""

    name: ClassVar[Method] = "fuzzy"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.calibration = calibration
        self.spellings = BuildOnce(lambda: Spellings(index))
        self.affiliations = shared.affiliations
        self.entity_orgs = BuildOnce(self._entity_orgs)
        self.gives_parents = BuildOnce(lambda: any(e.parent for e in index.entities))
        self.ancestors = BuildOnce(self._ancestors)
        self.families = BuildOnce(self._families)
        self._weights: BoundedCache[Tok, float] = BoundedCache(max_entries=200_000)
        self._names: BoundedCache[int, _Side] = BoundedCache(max_entries=200_000)  # by rep id
        self._scope = load_word_classes().national_scope
        self._international = load_word_classes().international_scope
        self._state = load_word_classes().state_scope
        self._descriptors = load_word_classes().zh_descriptors
        self._institution_abbreviations = load_word_classes().institution_abbreviations
        self._common_words = load_common_words()  # English words: no brand by themselves
        self._units = load_chinese_words().unit_endings
        self._admin = load_chinese_words().admin_suffixes
        self._fillers = load_chinese_words().fillers
        self._countries = load_chinese_words().country_words
        self._facts: dict[int, EntityFacts] = {}
        self._zh_words: dict[int, frozenset[str]] = {}  # only for entities a body type is read against
        self._company_form_set = frozenset(load_chinese_words().company_forms)
        self._abroad = load_places_abroad()

    def warm(self) -> None:
        """Build the spelling and parent-organisation tables now."""
        self.spellings.get()
        self.affiliations.get()
        self.entity_orgs.get()
        self.gives_parents.get()
        self.families.get()

    def weight(self, tok: Tok) -> float:
        """How much a token tells about identity: IDF times the weight of its kind."""
        w = self._weights.get(tok)
        if w is None:
            w = self.index.idf(tok) * self.calibration.kind_weight[tok.kind]
            self._weights.put(tok, w)
        return w

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        index, cal = self.index, self.calibration
        best: dict[int, tuple[float, list[str], str]] = {}
        # names that may hold every word of the query (each word shares a concept with the name),
        # with the query's side and aligner, for _covered_elsewhere
        holding: dict[int, list[tuple[_Side, Aligner, _Side]]] = defaultdict(list)
        lex = index.lexicon
        names = self._names
        for form in query.forms:
            tokens = query.tokens(lex, form)
            blocked = self._block(tokens)
            if not blocked:
                continue
            side = self._side(tokens, address=_may_address(form, tokens))
            aligner = Aligner(side.toks)
            reps, naming = index.reps, side.naming
            described = not query.han and self._described(tokens)
            for rep_id in blocked:
                rep = reps[rep_id]
                if allowed is not None and rep.entity not in allowed:
                    continue
                if described and rep.label == "zh_alias" and self._short_form(rep.entity, rep.text):
                    # 空间中心 read word by word is "Space Center": English common words name
                    # no body through a Chinese short form (its English names may still)
                    continue
                name = names.get(rep_id)
                if name is None:
                    name = names.put(rep_id, self._side(rep.tokens, facts=_PENDING, text=rep.text))
                if naming and name.naming and _any_alone(side, name) and _any_alone(name, side):
                    continue  # surely different (_surely_different): scores 0.0, no candidate
                if name.facts is _PENDING:
                    # what the glossary says of the entity (~25 µs the first time) is read only
                    # for a name that gets past the test above: most blocked names do not
                    name = names.put(rep_id, _with_facts(name, self.facts(rep.entity)))
                if side.toks and all(not name.keys.isdisjoint(t.keys) for t in side.toks):
                    holding[rep.entity].append((side, aligner, name))
                person = index.entities[rep.entity].type == "person"
                score, evidence = self._score(side, name, person, aligner)
                if score > 0 and self._states_another_parent(side.spans, rep.entity):
                    continue
                if score > best.get(rep.entity, (0.0,))[0]:
                    best[rep.entity] = (score, evidence, rep.text)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        top, (top_score, evidence, via) = ranked[0]
        runners = tuple((e, round(s, 4)) for e, (s, _, _) in ranked[1:4] if s > 0)
        second = runners[0][1] if runners else 0.0
        if top_score >= cal.threshold and top_score - second >= cal.margin and not (
                top_score < cal.full and _covered_elsewhere(holding, top)):
            why = (f"via {via!r}", "tokens " + ", ".join(evidence))
            return found(index, top, round(top_score, 4), "fuzzy", why, runners)
        if top_score <= 0:
            return None
        ents = index.entities
        candidates = ((ents[top], round(top_score, 4)), *((ents[e], s) for e, s in runners))
        return Outcome(None, 0.0, "fuzzy", ("below threshold or margin",), candidates)

    def score(self, query: Sequence[Tok], name: Sequence[Tok], *, person: bool = False,
              facts: EntityFacts = _UNKNOWN, address: int = -1) -> tuple[float, list[str]]:
        """Score a query against one written form of an entity; returns (score, evidence).

        ``person`` turns off the unique-word rule: a given name alone is not a person;
        ``facts`` are what the glossary says of the entity beyond this name (:meth:`facts`);
        ``address``: where the query's address may begin (:func:`_may_address`; -1: nowhere).
        A pair that is rejected scores 0.0 and its evidence is the reason (``explain`` shows it).
        """
        side = self._side(query, address=address)
        return self._score(side, self._side(name, facts=facts), person, Aligner(side.toks))

    def _described(self, tokens: Sequence[Tok]) -> bool:
        """Whether a name is common words only, each one the lexicon translates: no proper name,
        place, number or romanised word ("Space Center", "National Space Agency")."""
        lex = self.index.lexicon
        naming = [t for t in tokens if t.kind != Kind.LEGAL]
        return bool(naming) and all(
            t.kind in (Kind.NAME, Kind.GENERIC) and t.key != t.text and not lex.is_proper(t)
            and (lex.common_phrase(t.text) or lex.knows(t.text)) for t in naming)

    def _short_form(self, entity: int, alias: str) -> bool:
        """Whether a Chinese alias is a short form of the entity's Chinese name: shorter, and
        without the scope or place words a full name opens with (空间中心, not a former name)."""
        zh = self.index.entities[entity].zh
        words = load_chinese_words()
        return bool(zh) and len(alias) < len(zh) and not any(w in alias for w in words.scope_words) \
            and not any(t.kind == Kind.PLACE for t in self.index.lexicon.read_zh(alias))

    def facts(self, entity: int) -> EntityFacts:
        """What the glossary says of entity ``entity`` beyond any one of its names. Remembered."""
        known = self._facts.get(entity)
        if known is None:
            company = self._company(entity)
            lexicon, this = self.index.lexicon, self.index.entities[entity]
            stated = stated_places(this, lexicon, self._scope)
            known = self._facts[entity] = EntityFacts(
                company=company, stated=stated, located=located_places(this, lexicon, stated),
                placeless=company and named_without_place(self.index.entities[entity], self.index.lexicon),
                institution=self._institution(entity, company),
                chinese="|".join(self.index.entities[entity].chinese_names()),
                family=self.families.get().get(entity, frozenset()),
                title=self.index.entities[entity].type == "title",
                place=self.index.entities[entity].type == "place", entity=entity,
                occasion=self.index.entities[entity].type in ("event", "award"),
                office=self._office(entity))
        return known

    def _company(self, entity: int) -> bool:
        """Whether an entity is a company (:func:`~aeronorm.pipeline.companies.is_company`)."""
        return is_company(self.index.entities[entity], self.index.lexicon)

    def _ancestors(self) -> dict[int, tuple[int, ...]]:
        """Entity -> its glossary ancestors (``parent`` links, nearest first), for the entities
        that have a parent in the glossary."""
        entities = self.index.entities
        position = {e.id: i for i, e in enumerate(entities)}
        out: dict[int, tuple[int, ...]] = {}
        for i, e in enumerate(entities):
            chain: list[int] = []
            up = position.get(e.parent) if e.parent else None
            while up is not None and up != i and up not in chain:  # a cycle is lint's error, not ours
                chain.append(up)
                above = entities[up].parent
                up = position.get(above) if above else None
            if chain:
                out[i] = tuple(chain)
        return out

    def _families(self) -> dict[int, frozenset[int]]:
        """Entity -> itself and its descendants, for the entities that have descendants."""
        below: dict[int, set[int]] = defaultdict(set)
        for i, above in self.ancestors.get().items():
            for up in above:
                below[up].add(i)
        return {e: frozenset({e, *kids}) for e, kids in below.items()}

    def _only_in(self, tok: Tok, family: frozenset[int]) -> bool:
        """Whether one concept of ``tok`` belongs to the entities of ``family`` alone."""
        index = self.index
        reps = index.reps
        return any(all(reps[r].entity in family for r in index.postings.get(k, ())) for k in tok.keys
                   if index.df.get(k, 0) <= len(family))

    def _bridged_romanisation(self, q: Sequence[Tok], c: Sequence[Tok],
                              pairs: Sequence[tuple[int, int, float]], chinese: str, *, title: bool = False
                              ) -> str | None:
        """A romanised Chinese word of the query aligned with an English word of the name through
        a Chinese word the entity's Chinese names lack: pinyin says which word it is ("Xinghe" is
        星河, Galactic Energy's; GalaxySpace's "Galaxy" is 银河 in its Chinese name). For a title,
        any two English words: a post is what its Chinese name says ("Vice Chairman" is no
        副局长, "Vice Director", though 主任 is written both ways)."""
        concepts = self.index.lexicon.pinyin_concepts
        for i, j, _ in pairs:
            word = q[i].text
            if word == c[j].text or has_han(c[j].text):
                continue
            read = concepts(word)
            if read and not any(zh in chinese for zh in read):
                return f"{word!r} is {min(read)}, which no Chinese name of the entity has"
            if title and not read:
                shared = [k for k in q[i].keys & c[j].keys if has_han(k)]
                if shared and not any(k in chinese for k in shared):
                    return f"{word!r} is {c[j].text!r} only as {min(shared)}, not in the title's Chinese name"
        return None

    def _office(self, entity: int) -> bool:
        """:attr:`EntityFacts.office`: an event, an award, or an office of a body by
        :func:`~aeronorm.glossary.entity.body_kind` that is no centre (a national centre, 国家空间
        科学中心, is one of a kind, not every body's)."""
        e = self.index.entities[entity]
        if e.type in ("event", "award"):
            return True
        return body_kind(e) == "office" and not e.zh.endswith("中心") and \
            not any(w in ("center", "centre") for w in e.name.casefold().replace(",", " ").split())

    def _chinese_words(self, entity: int) -> frozenset[str]:
        """The words of entity ``entity``'s Chinese names as the lexicon reads them, runs of two
        or three of them, and their heads after two characters or more (指挥学院: 学院, 院; not
        科学院's 学院): what a type of body of the query must render. Remembered."""
        known = self._zh_words.get(entity)
        if known is not None:
            return known
        lex = self.index.lexicon
        out: set[str] = set()
        for zh in self.index.entities[entity].chinese_names():
            words = [t.text for t in lex.zh_tokens(zh)]
            out.update("".join(words[k:k + n]) for n in (1, 2, 3) for k in range(len(words) - n + 1))
            out.update(w[k:] for w in words for k in range(2, len(w)))
        known = self._zh_words[entity] = frozenset(out)
        return known

    def _other_body_type(self, q: Sequence[Tok], c: Sequence[Tok], pairs: Sequence[tuple[int, int, float]],
                         entity: int) -> str | None:
        """A type of body of the query, aligned with the name's, that renders no word of the
        entity's Chinese names where the name's does: "College" and "Academy" are both written
        for 学院, but 研究院 is never a college."""
        unit = self._unit
        for i, j, _ in pairs:
            if rendering(q[i].text) == rendering(c[j].text) or not (unit(q[i]) and unit(c[j])):
                continue
            shared = [k for k in q[i].keys & c[j].keys if has_han(k)]
            if not shared or entity < 0:
                continue
            words = self._chinese_words(entity)
            # (where the lexicon does not say which word of the Chinese name the name's word
            # renders, it cannot say the query's renders another)
            if not any(k in words for k in q[i].keys if has_han(k)) and \
                    any(k in words for k in c[j].keys if has_han(k)):
                return (f"{q[i].text!r} is {c[j].text!r} only as {min(shared)}, which its Chinese name "
                        "lacks: another body")
            # nor a type that can end no way its full Chinese name ends: a school (学校) named
            # "Academy" in English is no "Research Institute" (研究院, 研究所)
            ending = body_ending(self.index.entities[entity].zh)
            if ending and not any(k.endswith(ending) for k in q[i].keys if has_han(k)):
                return f"{q[i].text!r} is never a {ending}, which its Chinese name is: another body"
        return None

    def _institution(self, entity: int, company: bool) -> bool:
        """Whether an entity keeps its leading place (:func:`~aeronorm.pipeline.places.keeps_its_place`
        of its Chinese name; without one, an English name that is no company's, has a unit word
        and no proper word)."""
        e = self.index.entities[entity]
        lex = self.index.lexicon
        zh = next(iter(e.chinese_names()), None)
        if zh is not None:
            return keeps_its_place(lex.zh_tokens(zh), lex)
        toks = [t for t in lex.tokens(e.name) if t.kind == _NAME]
        return not company and any(map(self._unit, toks)) and not any(map(lex.is_proper, toks))

    def _side(self, tokens: Sequence[Tok], *, facts: EntityFacts = _UNKNOWN, text: str = "",
              address: int = -1) -> _Side:
        # Every blocked name the stage has not met yet is prepared here: kept to plain loops.
        toks = tuple(t for t in tokens if t.kind != _LEGAL)
        if not toks:
            return _Side(toks, (), frozenset(), (), (), facts)
        spans = self.affiliations.get().spans(toks) or ()  # () shared by the many without a parent
        in_parent = {k for start, end, _ in spans for k in range(start, end)} if spans else ()
        naming: list[Tok] = []
        spelt: list[Tok] = []
        fixed: list[frozenset[str]] = []
        spellable: list[Tok] = []
        for k, t in enumerate(toks):
            # may match by spelling: lexicon.compare.spelling_comparable, five letters or more
            spells = t.kind == _NAME and t.key == t.text and len(t.keys) == 1 and len(t.text) >= 5 \
                and t.text.isalpha()
            if spells:
                spelt.append(t)
            if t.kind in _DIFFERING and k not in in_parent:
                naming.append(t)
                if spells:
                    spellable.append(t)
                else:
                    fixed.append(t.keys)
        joined = frozenset()
        if "-" in text:
            read = self.index.lexicon.read
            joined = frozenset(t.text for m in _HYPHENATED.finditer(text) for part in m.group().split("-")
                               for t in read(part))
        return _Side(toks, spans, frozenset().union(*(t.keys for t in toks)), tuple(naming), tuple(spelt),
                     facts, len(toks) < len(tokens), joined, address, tuple(fixed), tuple(spellable))

    @staticmethod
    def _surely_different(qs: _Side, cs: _Side) -> bool:
        """Whether :meth:`_score` must reject the pair as naming two entities: each side has a
        naming word or number that nothing on the other side can align with (no concept in
        common, no near spelling) and that no parent organisation sets apart. Such a word is
        left over on both sides whatever the alignment, and :meth:`_score` rejects the pair
        (for this reason or an earlier one). Most blocked names are rejected so, and this
        costs a few set look-ups instead of an alignment."""
        return _any_alone(qs, cs) and _any_alone(cs, qs)

    def _score(self, qs: _Side, cs: _Side, person: bool, aligner: Aligner) -> tuple[float, list[str]]:
        """:meth:`score` of two prepared sides; ``aligner`` is the query side's."""
        index, cal = self.index, self.calibration
        q: Sequence[Tok] = qs.toks
        c: Sequence[Tok] = cs.toks
        if not q or not c:
            return 0.0, ["nothing but company forms"]
        # A parent organisation stated on one side only ("CAS" in "X, CAS"; "AVIC" before a
        # company's own name) is the same entity written fully; on both sides, it agrees (however
        # written) or they are two entities. Parents are set aside before the words are aligned.
        apart = self._set_parents_apart(q, c, qs.spans, cs.spans)
        if isinstance(apart, str):
            return 0.0, [apart]
        same_q, same_c, loose_q, loose_c = apart
        weight = self.weight
        wq: Sequence[float] = [weight(t) for t in q]
        wc: Sequence[float] = [weight(t) for t in c]
        # a parent both state agrees as a whole; one stated by one side only costs a little
        parent_matched = (sum(wq[i] for i in same_q) + sum(wc[j] for j in same_c)) / 2
        parent_extra = sum(wq[i] for i in loose_q) * self.calibration.parent_cost
        parent_omitted = sum(wc[j] for j in loose_c) * self.calibration.parent_cost
        if same_q or loose_q:
            keep = [i for i in range(len(q)) if i not in {*same_q, *loose_q}]
            q, wq = [q[i] for i in keep], [wq[i] for i in keep]
            aligner = Aligner(q)
        if same_c or loose_c:
            keep = [j for j in range(len(c)) if j not in {*same_c, *loose_c}]
            c, wc = [c[j] for j in keep], [wc[j] for j in keep]
        if not q or not c:
            return 0.0, ["nothing but a parent organisation and company forms"]
        pairs = aligner.align(c)
        if cs.facts.entity >= 0 and any(s < 1.0 for _, _, s in pairs):
            # a query's English word is spelt right: "Market" is no misspelt brand Marketa (an
            # entity's name; two values of a column, clustered, may be either's typo)
            common = self._common_words
            pairs = [(i, j, s) for i, j, s in pairs
                     if s >= 1.0 or q[i].text not in common or c[j].text in common]
        if cs.facts.chinese:
            bridged = self._bridged_romanisation(q, c, pairs, cs.facts.chinese, title=cs.facts.title) \
                or self._other_body_type(q, c, pairs, cs.facts.entity)
            if bridged:
                return 0.0, [bridged]
        matched = parent_matched
        telling = 0.0
        aligned_q = {i for i, _, _ in pairs}
        aligned_c = {j for _, j, _ in pairs}
        evidence = []
        for i, j, s in pairs:
            share = s * (wq[i] + wc[j]) / 2
            matched += share
            if q[i].kind in _DISTINCTIVE:
                telling += share
            evidence.append(q[i].text if q[i].text == c[j].text else f"{q[i].text}~{c[j].text}")
        if telling <= 0 or not any(s >= 1.0 and q[i].kind in _DISTINCTIVE for i, _, s in pairs):
            # nothing distinctive agrees as written: a near spelling alone is a guess
            return 0.0, ["no distinctive word in common"]
        if not same_q and all(self._unit(q[i]) or q[i].kind not in _DISTINCTIVE for i, _, _ in pairs) \
                and all(q[i].text != c[j].text for i, j, _ in pairs if self._unit(q[i])):
            # only the type of body agrees, and through another word ("Beijing Institute" with a
            # "Design Department", 设计部): every institute is an institute. Scope words agreeing
            # as written name nothing more: "Central Commission" is not the Central Committee
            # (委员会 both), though "Central Committee" is.
            return 0.0, ["only the type of body agrees"]
        left_q = [i for i in range(len(q)) if i not in aligned_q]
        if qs.address >= 0 and cs.facts.located and aligned_q:
            # a place after the name where the entity is: its address ("X, Beijing, China"), and
            # with it a district of that city ("X, Haidian District, Beijing")
            end, located = max(max(aligned_q), qs.address - 1), cs.facts.located
            after = [i for i in left_q if i > end and q[i].kind == Kind.PLACE]
            at = {i for i in after if not located.isdisjoint(q[i].keys)}
            if at:
                # a district is an address beside its own city, written there too (never a
                # city beside its province: "X, Suzhou, Jiangsu" is not Nanjing's X)
                within, provinces = load_places_within(), load_place_levels()[0]
                cities = {k for i in at for k in q[i].keys} - provinces
                at |= {i for i in after if any(within.get(k, ("",))[0] in cities for k in q[i].keys)}
                # (and a place's level written after it: "Haidian District", "Xi'an City")
                at |= {i + 1 for i in at if i + 1 < len(q) and q[i + 1].key in self._admin}
                # and the country that closes it ("..., Beijing 100084, China")
                at |= {i for i in left_q if i > min(at) and q[i].kind == Kind.GENERIC
                       and not self._countries.isdisjoint(q[i].keys)}
                left_q = [i for i in left_q if i not in at]
        if cs.facts.stated:
            # A place another name of the entity states is where the entity is, however this name
            # leaves it out ("Rocket Pi (Huzhou) Space Technology" for 火箭派（湖州）航天科技 named
            # "Rocket Pi Space Technology"): neither extra nor distinctive.
            left_q = [i for i in left_q if q[i].kind != Kind.PLACE or cs.facts.stated.isdisjoint(q[i].keys)]
            if cs.facts.company and not person:
                # and a company is in one place: the brand in another city ("Nanjing Galactic
                # Energy ..." for 北京星河动力) is another company of it, or another company
                elsewhere = next((q[i].text for i in left_q if q[i].kind == Kind.PLACE), None)
                if elsewhere:
                    return 0.0, [f"the query places the company in {elsewhere!r}; its names say elsewhere"]
        if not person:
            rendered = self._other_rendering(q, cs)
            if rendered:
                return 0.0, [f"the query has {rendered!r}: the entity's names render that word otherwise"]
        if not person and left_q:
            other_scope = self._other_scope(q, left_q, cs)
            if other_scope:
                return 0.0, [f"the query has {other_scope!r}: a body of another scope"]
            field = next((q[i] for i in left_q if is_field_word(q[i])), None) if aligned_q else None
            country = next((c[j] for j in range(len(c)) if j not in aligned_c
                            and not self._scope.isdisjoint(c[j].keys)), None) if field else None
            if country is not None:
                # a field's word where the name has the country: 航天东方红卫星 ("Aerospace
                # Dongfanghong Satellite", "Dongfanghong Aerospace Satellite": a group's company)
                # is not 中国东方红卫星 ("China ...")
                why = f"the query has {field.text!r} where the name has {country.text!r}: another company"
                return 0.0, [why]
            level = self._other_level(q, left_q, cs) if cs.facts.place else None
            if level:
                return 0.0, [f"the query has {level!r}: a place of another level"]
            if cs.facts.title:
                # A post is all its words, on the query's side too: "General Minister",
                # "Governor-General" are other posts than the Minister, the Governor
                extra = next((q[i].text for i in left_q if q[i].kind in (_NAME, Kind.GENERIC)
                              and len(q[i].text) > 2), None)  # ("he" for "the" is a typo)
                if extra:
                    return 0.0, [f"the query has {extra!r}, which the title lacks: another post"]
        left_c = [j for j in range(len(c)) if j not in aligned_c]
        if (loose_q or loose_c) and not same_q and not any(
                s >= 1.0 and q[i].kind == Kind.NAME and not self._unit(q[i]) for i, _, s in pairs):
            # "4th Academy" is named by its parent: with no naming word agreeing (a parent both
            # sides state counts), a unit type and a number do not say whose unit it is.
            return 0.0, ["no naming word agrees besides a parent organisation"]
        agreeing = [i for i, _, s in pairs if s >= 1.0 and q[i].kind == Kind.NAME and not self._unit(q[i])]
        if agreeing and all(self._names_another(q[i], cs.facts.entity) for i in agreeing) \
                and any(self._unit(q[i]) for i, _, _ in pairs):
            # "CAST Institute" names CAST and a type of unit: one of CAST's institutes, not which
            return 0.0, ["the query names another organisation and a type of unit, not which unit"]
        if not person and not same_q and any(q[i].kind != Kind.LEGAL for i in left_q) \
                and all(self._unit(q[i]) or q[i].kind in (Kind.GENERIC, Kind.LEGAL) for i, _, _ in pairs):
            # Every council is a council: where a type of body (and generic words) is all that
            # agrees, and no parent both state, a query that says more names another body
            # ("Council of State" is not the Party's Central Committee).
            return 0.0, ["nothing but the type of body agrees, and the query says more"]
        # Naming words and numbers veto however common they are (Technology vs Industry);
        # places and scope words only when they weigh something in this comparison.
        floor = 0.25 * max(max(wq), max(wc))
        differ_q = [q[i].text for i in left_q if self._telling(q[i], wq[i], floor)]
        differ_c = [c[j].text for j in left_c if self._telling(c[j], wc[j], floor)]
        if differ_q and differ_c:
            return 0.0, [f"{differ_q[0]!r} where the name has {differ_c[0]!r}: different words"]
        if not person:
            # A naming word of the query the name lacks, nearly as telling as the words they share,
            # names another entity ("China Medical Astronaut Center" is not the Astronaut Center);
            # descriptors (科技) and words of one or two letters (a mistyped "the") are left to cost.
            top = cal.extra_name_share * max((wq[i] for i in aligned_q), default=0.0)
            more = next((q[i].text for i in left_q if q[i].kind == _NAME and wq[i] >= top
                        and len(q[i].text) > 2 and self._descriptors.isdisjoint(q[i].keys)
                        and not self._unit(q[i])), None)
            if more:
                return 0.0, [f"the query has {more!r}, which the name lacks: another entity"]
            if not cs.facts.company and cs.facts.chinese:
                # An institution's Chinese name says what it is: a word of the query that
                # translates to nothing in it names another one ("National University of Defense
                # Technology" is 国防科技大学, not 国防大学; "Wuhan University of Technology")
                chinese = cs.facts.chinese
                more = next((q[i].text for i in left_q if q[i].kind == _NAME and len(q[i].text) > 2
                             and not self._unit(q[i]) and (han := [k for k in q[i].keys if has_han(k)])
                             and not any(k in chinese for k in han)), None)
                if more:
                    return 0.0, [f"the query has {more!r}, which its Chinese name lacks: another institution"]
                # so does a qualifier the lexicon gives no Chinese at all ("Nanjing Central
                # University" is the National Central University, not 南京大学)
                body = cs.facts.entity >= 0 and bool(body_ending(self.index.entities[cs.facts.entity].zh))
                more = None if not body else next(
                    (q[i].text for i in left_q if q[i].kind == Kind.GENERIC and len(q[i].text) > 2
                     and not any(has_han(k) for k in q[i].keys)), None)
                if more:
                    return 0.0, [f"the query has {more!r}, which its Chinese name lacks: another institution"]
        # A partial spelling match leaves the rest of both words unexplained.
        extra = sum(wq[i] * cal.extra_cost[q[i].kind] for i in left_q)
        extra += parent_extra
        extra += sum((1 - s) * wq[i] for i, _, s in pairs)
        omission = cal.person_omission_cost if person else cal.omission_cost
        omitted = sum(wc[j] * omission[c[j].kind] for j in left_c)
        omitted += sum((1 - s) * wc[j] for _, j, s in pairs)
        omitted += parent_omitted
        # (a word that is another entity's acronym, "CAST" in a unit's "CAST General Design
        # Department", names that entity: it is this one's own word no more)
        # (a word that meets a nickname's type of institution, 科大 of 国防科大, names none: "Keda")
        abbreviations = self._institution_abbreviations
        unique = [i for i, j, s in pairs if s >= 1.0 and q[i].kind in _DISTINCTIVE
                  and (_unique(index, q[i]) or (cs.facts.family and self._only_in(q[i], cs.facts.family)))
                  and not self._names_another(q[i], cs.facts.entity) and abbreviations.isdisjoint(c[j].keys)]
        proper = index.lexicon.is_proper
        # A national scope ("China Space Foundation") names the entity as much as a naming word:
        # without it the words describe what other countries' bodies are called too; unless the
        # query states a scope itself (inside a parent's name too: "Chinese People's ...") or
        # meets a proper word of the name, however spelt (a brand with a typo still names it).
        # (a common English word, "Reform", "Atomic", is no name of its own, whatever the
        # lexicon learned it from)
        common = self._common_words

        def own(tok: Tok) -> bool:
            return proper(tok) and tok.text not in common

        scope = self._scope
        branded = any(own(c[j]) and q[i].text not in common for i, j, _ in pairs)
        scoped = branded or any(not scope.isdisjoint(t.keys) for t in qs.toks)
        national_c = any(t.key in scope for t in c)
        left_names = [j for j in left_c if (c[j].kind == Kind.NAME and c[j].key not in self._fillers)
                      or (not scoped and c[j].key in scope)]  # (和 "and" of a Chinese name names nothing)
        # (a common English word names the entity only as its name writes it: "Torch" for the
        # brand written "Torch", not "Eastern" for the 东方 of a brand written "Dongfang")
        written_as = {i: rendering(q[i].text) == rendering(c[j].text) for i, j, _ in pairs}
        named = any((proper(q[i]) and (q[i].text not in common or written_as.get(i, False)))
                    or _identifying_number(q[i]) for i in unique)
        # a national scope left out must be made up for by a name of the entity's own
        # ("Development and Reform Commission" is every province's too)
        named_apart = named if any(c[j].key not in scope for j in left_names) else \
            any(own(q[i]) or _identifying_number(q[i]) for i in unique)
        # One side keeps content the other lacks: a unit (an institute, a factory), a number
        # (a plant's, an edition's year), or a place that is not just where the company is
        # registered. The entry is more specific than the query ("X Group" is not "X Group's
        # 517 Factory"), or the query than the entry ("X Co. (Chengdu)" is not "X Co."): two
        # different entities.
        specific = self._specific
        if person and any(q[i].kind == Kind.LEGAL or is_line_of_business(q[i]) for i in left_q):
            return 0.0, ["a company form or a line of business with a person's name: a company named so"]
        if person and any(q[i].kind == Kind.PLACE for i in left_q):
            # a place the person's names do not state ("Li Hong Nanjing") tells a namesake of that
            # place, or something there named after the person: a person's name is all of it
            place = next(q[i].text for i in left_q if q[i].kind == Kind.PLACE)
            return 0.0, [f"a place, {place!r}, with a person's name: which person, the names do not say"]
        if person and loose_q and cs.facts.entity >= 0 and cs.facts.entity not in self.ancestors.get():
            # an organisation stated beside a person the glossary gives no parent: an employer it
            # cannot confirm ("Chen Hong, China Mobile"), so a namesake as likely as the person
            return 0.0, ["an organisation with a person's name, and the glossary gives the person none"]
        after = [i for i in left_q if q[i].kind == _NAME and aligned_q and i > max(aligned_q)]
        if person and after:
            # an organisation after a person's name that is no parent the glossary gives the
            # person ("Chen Hong, China Mobile"): an employer the glossary cannot confirm, so a
            # namesake as likely as the person (a title goes before: "Chairman Wu Yansheng")
            other = q[after[0]].text
            return 0.0, [f"{other!r} with a person's name, which no name or parent of the person has"]
        if person and aligned_q and any(i > max(aligned_q) and self._organisation_word(q[i]) for i in left_q):
            # a word of an organisation's name after a person's ("Ye Peijian Aerospace", "Qian
            # Xuesen Institute") names something called after the person; a title goes before,
            # and an organisation's own name after it is the person's ("Ye Peijian, CAST")
            return 0.0, ["an organisation's word after a person's name: something named after the person"]
        institution = cs.facts.institution
        specific_c = [] if person else [c[j].text for j in left_c
                                        if specific(c, j, aligned_c, named=named, institution=institution)]
        if specific_c:
            return 0.0, [f"the name keeps {specific_c[0]!r}, which the query lacks: a more specific entity"]
        if cs.facts.company and not person and not qs.legal:
            # "X Technology" is another company than "X Aerospace Technology": a query that
            # keeps the name's descriptor (科技 "Technology") but not the word the name puts
            # before it (its trade, or the rest of its brand: "Gaoke Technology") names another.
            before = self._word_before_descriptor(c, aligned_c)
            if before is not None:
                return 0.0, [f"the query has the name's {c[before + 1].text!r} but not {c[before].text!r} "
                             "before it: another company"]
        if cs.facts.occasion and not person:
            # an event or an award is its head noun: "CASIC and CCCG" names the parties to an
            # agreement, "Major Project" the project, not the agreement or the award
            head = next((j for j in range(len(c) - 1, -1, -1) if c[j].kind == _NAME), None)
            if head is not None and head in left_c:
                return 0.0, [f"leaves out {c[head].text!r}, what the event or award is"]
        if cs.facts.title and not person:
            # A post is all its words: "Designer" is not the Chief Designer (总设计师), "Director"
            # not the Deputy Director.
            rank = next((c[j].text for j in left_c if c[j].kind in (_NAME, Kind.GENERIC)), None)
            if rank:
                return 0.0, [f"the title has {rank!r}, which the query lacks: another post"]
        if qs.legal and cs.facts.company and not person and any(map(self._trade, q)):
            # A company's full name (its trade and its company form) says what the company does;
            # a trade word of the name it lacks is another company under the same brand
            # ("Twenty First Technology Co., Ltd." is not "Twenty First Aerospace Technology
            # Co., Ltd."). A brand with a bare form ("Emposat Co.") is a short name, not this.
            # (a descriptor, 科技 "technology", is often left out of a name that keeps its trade)
            trade = next((c[j].text for j in left_c if self._trade(c[j])
                          and self._descriptors.isdisjoint(c[j].keys)), None)
            if trade:
                return 0.0, [f"a company's full name without {trade!r}, which the name has: another company"]
        # (a place before a national body's name is a local body: "Tianjin National Development
        # and Reform Commission" is not the national one, whatever names it; before an
        # institution's, it is another one: "Dalian X Observatory" is not X Observatory; and a
        # company is registered in one place: where the name states its own and the query
        # agrees, another place of the query is another company, "Sichuan Beijing X Co."; and
        # one whose full Chinese name states no place has none: "Hainan Aisino" is another one)
        registered = any(c[j].kind == Kind.PLACE for j in aligned_c)
        local = named and not national_c and cs.facts.company and not cs.facts.placeless and not registered
        specific_q = [] if person else [q[i].text for i in left_q
                                        if specific(q, i, aligned_q, named=local, query=True)]
        if specific_q:
            return 0.0, [f"the query has {specific_q[0]!r}, which the name lacks: a more specific entity"]
        named_q = [] if person else [q[i].text for i in left_q if q[i].kind == Kind.NAME]
        if (named_q or loose_q) and (cs.facts.place or self._place_name(c)):
            # A place's name is places and generic words: a naming word more, or an organisation
            # (no place's parent), is something in the place ("Wenchang Aerospace City", "Hainan
            # Satellite Park", the province's "Department of Science and Technology").
            what = named_q[0] if named_q else "an organisation"
            return 0.0, [f"the query has {what!r}: something in the place, not the place"]
        if loose_c and cs.facts.company and not person and not named and not loose_q \
                and not any(q[i].kind == Kind.PLACE for i in aligned_q):
            # A company named after its parent (中科宇航 "CAS Space Exploration Technology") has
            # the parent for its brand: the words left without it, no place among them, describe
            # a trade ("Space Exploration Technology"), which other companies share.
            return 0.0, ["leaves out the parent the company is named after, and no word of its own names it"]
        if loose_c and not same_q and not loose_q and cs.facts.office and not any(
                own(q[i]) or _identifying_number(q[i]) or q[i].kind == Kind.PLACE for i in aligned_q):
            # A department, an office, an event or an award named with its parent ("Department of
            # International Cooperation, CNSA", "CAIA 2020 Annual Meeting") is not named by its
            # common words once the parent is left out: every agency has such a department,
            # every alliance an annual meeting. (An institute's field is rarer: "Institute of
            # Computing Technology" is written for the CAS one.)
            return 0.0, ["leaves out the parent whose it is, and no word of its own names it"]
        if loose_c and not same_q and not loose_q and not national_c \
                and any(q[i].key in scope for i in left_q) \
                and not any(own(q[i]) or _identifying_number(q[i]) for i in aligned_q) \
                and sum(q[i].kind == Kind.NAME and not self._unit(q[i]) for i in aligned_q) <= 1:
            # The country in place of the parent, before one field and a type of body ("China
            # Academy of Information Technology" for "CASIC Academy of ..."): a national body of
            # the field, not the group's unit
            return 0.0, ["states the country where the name has the parent whose it is: a national body"]
        if not person and not same_q and not loose_q and cs.facts.company and any(
                c[j].kind in (_NAME, Kind.GENERIC) and c[j].key not in scope for j in left_c) \
                and all(self._trade(q[i]) or q[i].kind == Kind.GENERIC for i in range(len(q))):
            # A trade and a company form ("Finance Company Limited", "Technology Co.") name no
            # company: every company of the trade is called so. The name's own words left out
            # (however often the glossary writes them: "Aerospace Science and Industry") are what
            # tells this one.
            return 0.0, ["a trade and a company form only: the name's own words are left out"]
        coded = next((c[j].text for j in left_c if _identifying_number(c[j]) or _code(c[j])), None)
        if not person and coded is not None:
            # "Starlink" for "G60 Starlink", "Long March" for "Long March 5": a number or code
            # the name keeps makes it more specific than the query
            return 0.0, [f"leaves out the name's number or code {coded!r}"]
        if left_names and not named_apart:
            # A query that leaves out naming words of this name must name the entity some
            # other way: a proper name or number only it has ("Yitu" for "Shanghai Yitu
            # Network Technology"). Common words alone ("China Foundation", "Hainan Aerospace
            # Culture Media") describe a trade, and another company of that trade fits them too.
            return 0.0, [f"leaves out {c[left_names[0]].text!r} and names the entity by no word of its own"]
        score = min(2 * matched / (2 * matched + extra + omitted), cal.full)
        if not person and not left_q and score < cal.contained and any(
                own(q[i]) and q[i].text not in cs.joined for i in unique):
            # Every query word is in this name, and one of them is a proper name no other
            # entity has ("Yitu" for "Shanghai Yitu Network Technology Co., Ltd."), and no common
            # English word ("Galaxy" for the 星河 of another brand, "Observation"). Half of a
            # brand of two names ("Tsinghua" of a joint venture's "Hangtian-Tsinghua") is the
            # other party's name as much as this one's.
            score = cal.contained
            evidence.append("unique proper-name word")
        return score, evidence

    def nearest(self, query: Query, allowed: Collection[int] | None = None, *, limit: int = 5
                ) -> list[tuple[Entity, float, str]]:
        """The entities the query is nearest to, best first, with why each falls short of an
        answer (``explain`` on a miss)."""
        index, cal = self.index, self.calibration
        best: dict[int, tuple[float, float, str]] = {}  # entity -> score, words in common, why
        for form in query.forms:
            tokens = query.tokens(index.lexicon, form)
            spans = self._side(tokens).spans
            address = _may_address(form, tokens)
            for rank, rep_id in enumerate(self._block(tokens)):
                rep = index.reps[rep_id]
                if allowed is not None and rep.entity not in allowed:
                    continue
                person = index.entities[rep.entity].type == "person"
                score, evidence = self.score(tokens, rep.tokens, person=person, facts=self.facts(rep.entity),
                                             address=address)
                if score > 0 and self._states_another_parent(spans, rep.entity):
                    score, evidence = 0.0, ["the query states another parent organisation than the entity's"]
                if score <= 0:
                    why = evidence[0] if evidence else "nothing in common"
                elif score < cal.threshold:
                    why = f"score {score:.2f} below the threshold {cal.threshold:.2f}"
                else:
                    why = f"score {score:.2f}, too close to another entity (margin {cal.margin:.2f})"
                shared = len(align(tokens, rep.tokens)) - rank / 1000  # ties: the blocking's order
                if rep.entity not in best or (score, shared) > best[rep.entity][:2]:
                    best[rep.entity] = (score, shared, why)
        # best score first; among the rejected, those sharing the most words first
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))[:limit]
        return [(index.entities[i], round(s, 4), why) for i, (s, _, why) in ranked]

    def _specific(self, name: Sequence[Tok], j: int, aligned: set[int], *, named: bool, query: bool = False,
                  institution: bool = False) -> bool:
        """Whether ``name[j]``, left over on one side only, makes that side name a more specific
        entity than the other (``name`` is the entity's tokens or the query's):

        * a number (a plant's, an institute's, an edition's year);
        * a place, unless it comes before the first naming word, where a company's place of
          registration stands (北京天兵科技, Beijing Tianbing Technology), and the query names the
          entity by a proper word only it has; never in an ``institution``'s name (上海交通大学);
        * a unit word (an institute, a centre, a factory), unless the query names the entity's
          own unit (its last unit word is aligned: what is left is the affiliation, "China Academy
          of Space Technology" before "502 Research Institute"), or it is the entity's type word
          alone and the query names it by a proper word ("Beihang" for "Beihang University");
          on the query's side (``query``), a unit word the name lacks is always the query's own
          unit ("X Museum" is X's museum, and so is "Museum of X": the head before the name);
        * on the query's side, a line of business the name lacks (``business_lines`` of
          ``chinese.yaml``): "X Investment Co." is X's investment arm.
        """
        tok = name[j]
        if query and is_line_of_business(tok):
            return True  # a line of business: "X Investment Co." is X's investment arm, not X
        if tok.kind == Kind.NUMBER:
            return True
        if tok.kind == Kind.PLACE:
            if not self._abroad.isdisjoint(tok.keys):
                return True  # no Chinese company is registered in Japan: "Japan X" is not X
            leading = all(t.kind in (Kind.PLACE, Kind.GENERIC, Kind.LEGAL) for t in name[:j])
            return not (leading and named and not institution)
        if tok.kind != Kind.NAME or not self._unit(tok):
            return False
        if query and aligned and j < min(aligned):
            return True  # the query's head, before the name it is of: "Office of the X" is X's office
        units = [k for k, t in enumerate(name) if t.kind == Kind.NAME and self._unit(t)]
        if units[-1] in aligned:
            return False
        if query:
            return True  # the query's own unit: "X Museum", "X Research Institute" are X's, not X
        left_names = [k for k, t in enumerate(name) if t.kind == Kind.NAME and k not in aligned]
        return not (named and left_names == [j] == units[-1:])

    def _set_parents_apart(self, q: Sequence[Tok], c: Sequence[Tok], spans_q: Sequence[tuple[int, int, int]],
                           spans_c: Sequence[tuple[int, int, int]]
                           ) -> str | tuple[list[int], list[int], list[int], list[int]]:
        """Positions of the parent organisations of a query and a name (given their spans):
        those both state (on each side), those only the query states, those only the name
        states; or why the pair is rejected (two different parents; a query that is a parent's
        name, not its unit's)."""
        if not spans_q and not spans_c:
            return [], [], [], []
        whole_q = len(spans_q) == 1 and spans_q[0][:2] == (0, len(q))
        whole_c = len(spans_c) == 1 and spans_c[0][:2] == (0, len(c))
        if whole_q or whole_c:
            if whole_q and not whole_c:
                return "the query names a parent organisation, not one of its units"
            return [], [], [], []  # a parent itself: compared word by word
        orgs_q = {org: range(start, end) for start, end, org in spans_q}
        orgs_c = {org: range(start, end) for start, end, org in spans_c}
        only_q = [org for org in orgs_q if org not in orgs_c]
        only_c = [org for org in orgs_c if org not in orgs_q]
        if only_q and only_c:
            # one inside the other ("PLA" and "PLA Navy") disagrees too: the side stating the
            # inner one names a more specific entity
            a, b = orgs_q[only_q[0]], orgs_c[only_c[0]]
            return (f"{' '.join(q[i].text for i in a)!r} where the name has "
                    f"{' '.join(c[j].text for j in b)!r}: different parent organisations")
        both = orgs_q.keys() & orgs_c.keys()
        return ([i for org in both for i in orgs_q[org]], [j for org in both for j in orgs_c[org]],
                [i for org in only_q for i in orgs_q[org]], [j for org in only_c for j in orgs_c[org]])

    def _entity_orgs(self) -> tuple[dict[int, frozenset[int]], dict[int, frozenset[int]]]:
        """The parent organisations each entity's names state (a name that is the parent alone
        is the parent itself, not a statement about it), and those its glossary ancestors
        (``parent``) are: China Satcom is CASC's whether its names say so or not; and the
        organisations each entity itself is (CAS is the Chinese Academy of Sciences)."""
        parents: dict[int, set[int]] = defaultdict(set)
        itself: dict[int, set[int]] = defaultdict(set)  # entity -> the organisations it is
        spans_of = self.affiliations.get().spans
        for rep in self.index.reps:
            tokens = [t for t in rep.tokens if t.kind != Kind.LEGAL]
            spans = spans_of(tokens)
            if spans and len(spans) == 1 and spans[0][:2] == (0, len(tokens)):
                itself[rep.entity].add(spans[0][2])
            elif spans:
                parents[rep.entity].update(org for _, _, org in spans)
        for i, above in self.ancestors.get().items():
            for up in above:
                parents[i].update(itself.get(up, ()))
        return ({e: frozenset(orgs) for e, orgs in parents.items() if orgs},
                {e: frozenset(orgs) for e, orgs in itself.items()})

    def _other_rendering(self, q: Sequence[Tok], cs: _Side) -> str | None:
        """A word of the query the entity's English names render otherwise
        (:func:`~aeronorm.lexicon.compare.other_rendering`): "Department of Science and
        Technology" is no Ministry of Science and Technology, even through 科技部."""
        if cs.facts.entity < 0:
            return None
        return other_rendering((t.text for t in q), self.index.entities[cs.facts.entity].english_names())

    def _other_level(self, q: Sequence[Tok], left_q: Sequence[int], cs: _Side) -> str | None:
        """An administrative word left over on the query's side that a place of the entity's
        level does not take: "Sanya Province" is no province; a place its names write without
        a suffix is a province's (places.yaml ``provinces``) or else a city's."""
        words = load_chinese_words()
        zh = cs.facts.chinese
        held = {a for a in self._admin if a in zh}
        if not held:
            province = any(p in zh for p in load_place_levels()[0])
            held = set(words.province_suffixes if province else words.city_suffixes)
        for i in left_q:
            asked = self._admin.intersection(q[i].keys)
            if asked and asked.isdisjoint(held):
                return q[i].text
        return None

    def _other_scope(self, q: Sequence[Tok], left_q: Sequence[int], cs: _Side) -> str | None:
        """A word left over on the query's side that gives it another scope than the entity's
        names state: "International" where they state none ("Shenzhou International" is not
        Shenzhou; "International Space Station" is not the China Space Station), a national scope
        against an international body ("China Institute of Space Law"), a province or city
        against a national body ("Provincial Development and Reform Commission")."""
        international, scope, admin = self._international, self._scope, self._admin
        named = cs.facts.stated | cs.keys
        entity_intl = not international.isdisjoint(named)
        entity_national = not (scope - international).isdisjoint(named)
        for i in left_q:
            keys = q[i].keys
            if not international.isdisjoint(keys):
                if not entity_intl:
                    return q[i].text
            elif not scope.isdisjoint(keys):
                if entity_intl and not entity_national:
                    return q[i].text
                if not self._state.isdisjoint(keys) and self._state.isdisjoint(named) \
                        and not entity_intl and (entity_national or cs.facts.chinese):
                    # "National X" (国家, 国立) where no name of the entity states the state's
                    # scope is another body: "National Tsinghua University" is Hsinchu's
                    # 國立清華大學, and where the names say "China" (中国), "National" is any
                    # nation's ("National Academy of Sciences", "National Space Museum")
                    return q[i].text
            elif q[i].kind != Kind.PLACE and entity_national and not admin.isdisjoint(keys):
                return q[i].text
        return None

    def _states_another_parent(self, spans: Sequence[tuple[int, int, int]], entity: int) -> bool:
        """Whether the query states a parent organisation (``spans``, its :attr:`_Side.spans`)
        that is none of those the entity's names state: a short name of the entity ("力学所")
        leaves its parent out, the entity still has one, and "Institute of Mechanics, Chinese Academy
        of Engineering" is not CAS's. One inside the other agrees here ("PLA" and its Strategic
        Support Force): the entity's other names say which unit of it."""
        if not spans:
            return False
        parents, itself = self.entity_orgs.get()
        if (own := itself.get(entity)) and all(org in own for _, _, org in spans):
            return False  # the organisation itself, written with more ("CAS, Beijing, China")
        stated = parents.get(entity)
        if not stated:
            # no name of the entity states a parent, nor does a glossary that gives parents give
            # it one: a parent the query states is another organisation beside it ("Tsinghua
            # University, CASC"; "X University and CAS"), not what the entity is part of. (A
            # glossary without parents says nothing either way.)
            return self.gives_parents.get()
        related = self.affiliations.get().related
        # every parent the query states must be one of the entity's: "X, CAS, CASC" is not CAS's X
        return not all(any(related(org, o) for o in stated) for _, _, org in spans)

    def _place_name(self, name: Sequence[Tok]) -> bool:
        """Whether a name is a place's: places, generic words and administrative suffixes (市, 省)."""
        return any(t.kind == Kind.PLACE for t in name) and all(t.kind in _PLACE_LIKE or t.key in self._admin
                                                               for t in name)

    def _word_before_descriptor(self, c: Sequence[Tok], aligned_c: set[int]) -> int | None:
        """The position of a naming word of the name, left out by the query, just before a
        descriptor (科技) the query has; ``None`` when there is none."""
        descriptors = self._descriptors
        for j in range(1, len(c)):
            if j in aligned_c and j - 1 not in aligned_c and not descriptors.isdisjoint(c[j].keys) \
                    and c[j - 1].kind == _NAME:
                return j - 1
        return None

    def _trade(self, tok: Tok) -> bool:
        """Whether a token says what a company does: a common naming word, not a brand, a unit,
        a scope or a company form (股份 "joint-stock")."""
        return (tok.kind == _NAME and not self.index.lexicon.is_proper(tok) and not self._unit(tok)
                and tok.key not in self._scope and self._company_form_set.isdisjoint(tok.keys))

    def _names_another(self, tok: Tok, entity: int) -> bool:
        """Whether a word is the acronym of entities other than ``entity`` ("CAST"), given as
        one or as an alias in capitals."""
        if entity < 0:
            return False  # two values of a column: no entity to name another than
        key = fold_key(tok.text)
        owners = self.index.owners(key)
        if not owners or entity in owners:
            return False
        label, entities = self.index.exact_label, self.index.entities
        return any(label.get((key, i)) == "abbreviation" or any(
            a.isupper() and fold_key(a) == key for a in entities[i].aliases) for i in owners)

    def _organisation_word(self, tok: Tok) -> bool:
        """Whether a token is a word organisations are named with (a translated naming word,
        航天, 研究院) rather than an organisation's own name or acronym ("CAST")."""
        if tok.kind != _NAME or not any(map(has_han, tok.keys)):
            return False
        entities = self.index.entities
        return all(entities[i].type == "term" for i in self.index.owners(fold_key(tok.text)))

    def _unit(self, tok: Tok) -> bool:
        return any(k.endswith(self._units) for k in tok.keys if not k.isascii())

    def _telling(self, tok: Tok, weight: float, floor: float) -> bool:
        """Left over on both sides, such words mean two entities: naming words, numbers, places,
        and the national scope words that a place would replace ("China ..." vs "Sichuan ...")."""
        if tok.kind in (Kind.NAME, Kind.NUMBER):
            return True
        return (tok.kind == Kind.PLACE or tok.key in self._scope) and weight > floor

    def postings(self, tokens: Sequence[Tok], *, min_size: int = 1) -> list[tuple[int, float, list[int]]]:
        """``(size, weight, names)`` of each concept of ``tokens`` (company forms left out), the
        rarest first: what blocking reads. A token none of whose concepts has a posting of at
        least ``min_size`` names is read through its near spellings (a misspelt brand)."""
        return [(size, weight, posting) for size, weight, posting, _ in self._postings(tokens, min_size)]

    def _postings(self, tokens: Sequence[Tok], min_size: int = 1) -> list[tuple[int, float, list[int], int]]:
        """:meth:`postings`, each with the position of its token."""
        postings_of = self.index.postings.get
        postings = []
        for k, tok in enumerate(tokens):
            if tok.kind == Kind.LEGAL:
                continue
            weight = self.weight(tok)
            hit = False
            for key in tok.keys:
                posting = postings_of(key)
                if posting and len(posting) >= min_size:
                    hit = True
                    postings.append((len(posting), weight, posting, k))
            if not hit and spelling_comparable(tok):
                for word in self.spellings.get().near(tok.text):
                    posting = postings_of(word)
                    if posting:
                        postings.append((len(posting), weight, posting, k))
        postings.sort(key=itemgetter(0))
        return postings

    def _block(self, tokens: Sequence[Tok]) -> list[int]:
        """Names sharing an informative concept with the query, most promising first."""
        postings = self._postings(tokens)
        if not postings:
            return []
        # The rarest concepts propose candidates, within a budget of names read; common words
        # (China, University) would only add thousands of names the rare ones already rank.
        # A query word votes once for a name, however many of its concepts ("space": 航天, 太空,
        # 空间, ...) the name's word shares: else a name with a word of many synonyms outranks
        # one that shares more of the query's words (东方空间 for "Oriental Space").
        budget = _BLOCK_BUDGET
        # the tokens with several postings: only their names need remembering (most have one)
        count = Counter(tok for _, _, _, tok in postings)
        # votes: each name's summed weights, names in the order first proposed (ties keep it)
        size, weight, posting, tok = postings[0]
        votes = dict.fromkeys(posting[:budget] if size > budget else posting, weight)
        voted_by: dict[int, set[int]] = {tok: set(votes)} if count[tok] > 1 else {}
        get = votes.get
        budget -= size
        last = len(postings) - 1
        for k in range(1, last + 1):
            if budget <= 0:
                break
            size, weight, posting, tok = postings[k]
            names = posting[:budget] if size > budget else posting
            budget -= size
            seen = voted_by.get(tok) if count[tok] > 1 else None
            if budget > 0 and k < last:
                if count[tok] > 1:
                    if seen is None:
                        voted_by[tok] = set(names)
                    else:  # the names this word has not voted for yet, in order (in C)
                        names = list(filterfalse(seen.__contains__, names))
                        seen.update(names)
                for rep_id in names:
                    votes[rep_id] = get(rep_id, 0.0) + weight
                continue
            # The last posting read (the commonest word's, often a thousand names): the names
            # it proposes first all end with this one weight, and of those only the first
            # _MAX_CANDIDATES can rank (the rest tie with them, proposed later), so only they
            # are added; names with votes get the weight as above.
            voted = votes.keys() & names
            if seen:
                voted -= seen
            for rep_id in voted:
                votes[rep_id] += weight
            first = islice(filterfalse(votes.__contains__, names), _MAX_CANDIDATES)
            votes.update(dict.fromkeys(first, weight))
        # the same as heapq.nlargest (a stable sort, first proposed first among equals), in C
        return sorted(votes, key=votes.__getitem__, reverse=True)[:_MAX_CANDIDATES]


def _with_facts(side: _Side, facts: EntityFacts) -> _Side:
    """``side`` with the facts of its entity."""
    return _Side(side.toks, side.spans, side.keys, side.naming, side.spelt, facts, side.legal, side.joined,
                 side.address, side.fixed, side.spellable)


def _may_address(form: str, tokens: Sequence[Tok]) -> int:
    """Where places after a query's name may be its address ("X University, Beijing, China"),
    as a position among its tokens but company forms: after its last company form (a place
    before it is part of the company's name, "X Technology Wuhan Co., Ltd."); -1, nowhere, for
    a query with a place in brackets (a branch, "X (Wuhan)")."""
    if _BRACKET.search(form):
        return -1
    legal = [k for k, t in enumerate(tokens) if t.kind == _LEGAL]
    return legal[-1] - len(legal) + 1 if legal else 0


def _any_alone(side: _Side, other: _Side) -> bool:
    """Whether a naming token of ``side`` can align with no token of ``other`` (similarity 0.0
    with each)."""
    keys, spelt = other.keys, other.spelt
    if any(map(keys.isdisjoint, side.fixed)):  # (in C: most blocked names end here)
        return True
    for tok in side.spellable:
        if not tok.keys.isdisjoint(keys):
            continue
        if not spelt:
            return True
        first = tok.text[0]  # no concept in common: similarity compares spellings, same first letter
        if not any(t.text[0] == first and similarity(tok, t) for t in spelt):
            return True
    return False


def _identifying_number(tok: Tok) -> bool:
    """A number that names something (an institute's 502), not a year (2020), which many
    names share."""
    return tok.kind == Kind.NUMBER and not (tok.key[1:].isdigit() and 1900 <= int(tok.key[1:]) <= 2100)


def _code(tok: Tok) -> bool:
    """A word of letters and digits (G60, DFH4): a code that names one thing."""
    text = tok.text
    return tok.kind == Kind.NAME and any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text)


def _covered_elsewhere(holding: dict[int, list[tuple[_Side, Aligner, _Side]]], top: int) -> bool:
    """Whether another entity's name holds every word of the query, as written, while none of
    ``top``'s names does: the query is that entity's name shortened, more than ``top``'s
    reworded, and an answer that leaves words of the query unexplained is a guess. ``holding``
    has the names whose concepts meet every query word; the alignment says which hold them."""

    def holds(side: _Side, aligner: Aligner, name: _Side) -> bool:
        pairs = aligner.align(name.toks)
        return len(pairs) == len(side.toks) and all(s >= 1.0 for _, _, s in pairs)

    others = [e for e in holding if e != top]
    if not others or any(holds(*c) for c in holding.get(top, ())):
        return False
    return any(holds(*c) for e in others for c in holding[e])


def _unique(index: Index, tok: Tok) -> bool:
    """A word of one entity only (its rarest concept belongs to no other entity)."""
    return min((index.df.get(k, 0) for k in tok.keys), default=0) <= 1


def _deletions(word: str) -> set[str]:
    """Every string one letter shorter than ``word`` (the symmetric-deletion neighbourhood)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
