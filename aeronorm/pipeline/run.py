"""The pipeline: the stages in order, one lane per script, and the acceptance policy.

:data:`STAGES` lists the stages from the cheapest and surest to the costliest; :data:`LANES` says
which of them a name goes through: a name with Chinese characters takes the ``han`` lane, any
other the ``latin`` lane. The policy (:meth:`Pipeline.resolve`): the first outcome with an entity
scoring at the threshold or above is the answer; an outcome without an entity is an abstention
that ends the search (the stage knows the name fits several entities, or none); an outcome with
an entity below the threshold is remembered and the next stage tries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import cache
from typing import Any

from ..caching import BuildOnce
from ..glossary.entity import Entity, body_kind_of_words
from ..index import Index
from ..lexicon import Kind, Tok
from ..lexicon.word_classes import load_word_classes
from ..resources import load_chinese_words, load_place_levels, load_places
from ..text.fold import ASIDE_RE, has_han, looks_like_acronym
from ..text.pinyin import split_syllables
from ..text.zh import body_ending, maybe_traditional, to_simplified
from .abbreviation import AbbreviationStage, derive_acronyms
from .aligned import AlignedStage
from .asides import AsideCheck, cut_after, listed_with_marks
from .base import Outcome, SharedTables, Stage
from .calibration import Calibration
from .chinese import MIN_SHORTENED, ChineseStage
from .companies import country_before_form, foreign_form, is_company, stock_form_mismatch
from .concept import ConceptStage
from .exact import ExactStage
from .fuzzy import FuzzyStage
from .person import PersonStage
from .pinyin import PinyinStage
from .query import Query
from .retranslation import MAX_QUERY_CHARS, Resolution, Retranslator
from .spelling import Mended, Mender
from .template import TemplateStage

__all__ = ["LANES", "STAGES", "Pipeline"]

_GROUP_WORDS = frozenset({"group", "jituan"})
#: The methods of the stages that read a name as written (no other stage answers by them).
_WRITTEN_METHODS = frozenset({"exact", "abbreviation"})

#: Every stage, in the order a name meets them (then the spelling pass, and retranslation, optional).
STAGES: tuple[type[Stage], ...] = (
    ExactStage, TemplateStage, ChineseStage, ConceptStage, AbbreviationStage, PersonStage, PinyinStage,
    AlignedStage, FuzzyStage,
)
#: The stages each script's names go through, in order.
LANES: dict[str, tuple[str, ...]] = {
    "han": ("exact", "chinese", "concept", "fuzzy"),
    "latin": ("exact", "template", "concept", "abbreviation", "person", "pinyin", "aligned", "fuzzy"),
}


class Pipeline:
    """The stages over one index, with their tables, and the acceptance policy.

    Parameters
    ----------
    index : Index
    calibration : Calibration
    en_zh, zh_en : translator, optional
        For the retranslation stage.
    """

    def __init__(self, index: Index, calibration: Calibration, *, en_zh: Any = None, zh_en: Any = None):
        self.index = index
        self.calibration = calibration
        shared = SharedTables.of(index)
        self._affiliations = shared.affiliations
        self.stages: dict[str, Stage] = {cls.name: cls(index, calibration, shared) for cls in STAGES}
        self._lanes = {lane: tuple(self.stages[name] for name in names) for lane, names in LANES.items()}
        # each lane up to its last stage that reads a name as written (_WRITTEN_METHODS): the
        # stages after it answer by other methods
        self._written_lanes = {
            lane: stages[: max(k for k, s in enumerate(stages) if s.name in _WRITTEN_METHODS) + 1]
            for lane, stages in self._lanes.items()}
        self.mender = BuildOnce(lambda: Mender(index))
        self._intersections: dict[tuple[int, int], tuple[frozenset[int], frozenset[int], frozenset[int]]] = {}
        # what a name with a company form may be: an organisation, or a title (its body); one
        # that ends in it, an organisation that may be a company
        self.organisations = BuildOnce(lambda: frozenset(index.by_type.get("org", ())) | frozenset(
            index.by_type.get("title", ())))
        self.companies = BuildOnce(self._companies)
        self.retranslator = Retranslator(en_zh, zh_en, calibration, self.resolve_text, refusal=self.refusal)
        self.groupless = BuildOnce(self._groupless)  # ids of the entities that are no group
        self.groups_only = BuildOnce(self._groups_only)  # ids of the groups always named so
        self.zh_groups_only = BuildOnce(self._zh_groups_only)  # ... in Chinese
        self.asides = BuildOnce(lambda: AsideCheck(index, self.stages["exact"], self._ancestors,
                                                   resolve=self._entity_of,
                                                   resolve_written=self._entity_as_written))

    def warm(self) -> None:
        """Build every stage's tables now rather than on the first query that needs them."""
        self.index.lexicon.warm()
        for stage in self.stages.values():
            stage.warm()
        self.mender.get()
        self.organisations.get()
        self.companies.get()
        self.groupless.get()
        self.groups_only.get()
        self.zh_groups_only.get()
        self.asides.get()

    def resolve(self, query: Query, allowed: Collection[int] | None) -> Resolution:
        """Run the query's lane: ``(accepted outcome or None, last outcome seen)``; when nothing
        settles the name (no stage knew it, or the fuzzy stage fell short) and it has unknown
        words with one reading each, run the lane again on the name so mended (pass 8).

        A name with a company form ("Hunan Co., Ltd.") names a company: only organisations
        (and titles, whose body may be a company) may answer it, never the place, person or
        programme its other words name. ("Group" alone is no such form: a party leadership
        group, 党组, is part of a title.)"""
        lex = self.index.lexicon
        if query.lane == "han" and _zh_company_form(query.text):
            # 北斗有限公司, 钱学森有限公司: a company of the name, not the programme or the person
            allowed = self._within(self.companies.get(), allowed)
        elif query.lane == "latin" and any(_company_form(t) for t in query.tokens(lex, query.text)):
            # a name that ends in its company form is a company's own ("Tsinghua University Co.,
            # Ltd."); one inside it may be a parent's ("... Corporation Fifth Academy")
            own = query.tokens(lex, query.bare) if query.bare else query.tokens(lex, query.text)
            owners = self.companies if self._own_company_form(own) else self.organisations
            allowed = self._within(owners.get(), allowed)
        accepted, last = self._run_lane(query, allowed)
        if accepted is None and query.lane == "latin" and "," in query.text:
            addressed = self._acronym_with_address(query, allowed)
            if addressed is not None:
                return addressed, addressed
        if accepted is None and query.lane == "latin" and (based := _PLACE_BASED.fullmatch(query.text)):
            # "Beijing-based X": where X is, as an address after its name says it
            placed, _ = self._run_lane(Query(f"{based[2]}, {based[1]}"), allowed)
            if placed is not None and placed.entity is not None:
                return placed, placed
        if accepted is None and query.lane == "latin" and query.text.endswith((")", "）")):
            spelt = self._acronym_before_name(query, allowed)
            if spelt is not None:
                return spelt, spelt
        if accepted is None and query.lane == "han" and _ADDRESS_SEPARATOR.search(query.text):
            addressed = self._chinese_address(query, allowed)
            if addressed is not None:
                return addressed, addressed
        if accepted is None and ((query.han and query.latin) or _HAN_ASIDE.fullmatch(query.text)):
            both = self._bilingual(query, allowed)
            if both is not None:
                return both, both
        if accepted is None and query.lane == "latin" and (last is None or last.method == "fuzzy"):
            mended = self._mended(query, allowed)
            if mended is not None:
                return mended
        return accepted, last

    def _within(self, table: frozenset[int], allowed: Collection[int] | None) -> Collection[int]:
        """``table`` restricted to ``allowed``. A batch passes the same frozen set with every name
        (the normalizer's entities but terms): its intersection with a table of ten thousand
        entities is made once, not once a name with a company form (a few hundred µs each)."""
        if allowed is None:
            return table
        if type(allowed) is not frozenset:
            return table.intersection(allowed)
        key = (id(table), id(allowed))
        kept = self._intersections.get(key)
        if kept is None or kept[0] is not allowed or kept[1] is not table:
            if len(self._intersections) >= 8:  # (a few tables and type filters: bounded anyway)
                self._intersections.clear()
            # (the sets themselves are kept: their ids cannot be reused while they are here)
            kept = self._intersections[key] = (allowed, table, table.intersection(allowed))
        return kept[2]

    def _acronym_with_address(self, query: Query, allowed: Collection[int] | None) -> Outcome | None:
        """An acronym with more after a comma ("BUAA, Beijing 100191, China"): the entity the
        acronym alone answers, when its name with the same rest is answered as that entity too
        (an address where it is; "BUAA, Hangzhou" is a campus, "CASC, Fifth Academy" a unit)."""
        head, rest = query.text.split(",", 1)
        if not looks_like_acronym(head) or not rest.strip():
            return None
        alone = self._entity_within(head, allowed)
        if alone is None:
            return None
        entity = alone.entity
        assert entity is not None
        written, _ = self._run_lane(Query(f"{entity.name},{rest}"), allowed)
        if written is None or written.entity is None or written.entity.id != entity.id:
            return None
        score = min(alone.score, written.score)
        return Outcome(alone.entity, score, written.method,
                       (*alone.evidence, f"then its name with {rest.strip()!r}: {written.method}"),
                       alone.candidates)

    def _chinese_address(self, query: Query, allowed: Collection[int] | None) -> Outcome | None:
        """A Chinese affiliation line: a name, and its address before or after it apart from it
        (作者单位 lines: "北京空间飞行器总体设计部，北京 100094", "中国 北京 清华大学"): the
        entity the name answers alone, when its English name with the address's places is
        answered as that entity too (the English address policy decides: where it is, not a
        campus elsewhere). A postal code without a city may be any city's: no answer; a part
        that is no place, no code and not the country is a unit or another body: none either."""
        parts = [p for p in _ADDRESS_SEPARATOR.split(query.text) if p]
        kinds = [_address_part(p, self._is_the_country) for p in parts]
        named = [k for k, kind in enumerate(kinds) if kind is None]
        if len(named) != 1 or len(parts) < 2 or not _HAN_ONLY.fullmatch(parts[named[0]]):
            return None  # (a Latin name with a Chinese city is no such line: "X 北京市" may be a branch)
        places = [english for kind, english in filter(None, kinds) if kind == "place"]
        if not places and ("code", "") in kinds:
            return None  # a code alone: any city's
        alone = self._entity_within(parts[named[0]], allowed)
        if alone is None or not places:
            return alone
        entity = alone.entity
        assert entity is not None
        address = ", ".join(places)
        written, _ = self._run_lane(Query(f"{entity.name}, {address}"), allowed)
        if written is None or written.entity is None or written.entity.id != entity.id:
            return None
        why = (*alone.evidence, f"then its name with {address!r}: {written.method}")
        return Outcome(entity, min(alone.score, written.score), alone.method, why, alone.candidates)

    def _is_the_country(self, word: str) -> bool:
        """Whether ``word`` names the country, as the lexicon reads it (中国, China, PRC)."""
        lex = self.index.lexicon
        toks = lex.zh_tokens(word) if has_han(word) else lex.tokens(word)
        country = load_chinese_words().country_words
        return bool(toks) and all(t.key in country for t in toks)

    def _acronym_before_name(self, query: Query, allowed: Collection[int] | None) -> Outcome | None:
        """An acronym with its full name in brackets ("CASC (China Aerospace Science and
        Technology Corporation)"), the order lists and tables often use: the entity the bracketed
        name answers, when the acronym is that entity's too: it answers the same entity alone,
        or it is the name's own initials and answers nothing else. Anything else in front of a
        name in brackets ("CAST5000 (China Academy of Space Technology)", "CASC (China Academy
        of Space Technology)") is another thing, or the name's parent: no answer."""
        m = _BRACKET.fullmatch(query.text)
        if m is None or not looks_like_acronym(m[1]) or len(_NAME_WORD.findall(m[2])) < 2:
            return None  # (an acronym is one word; the name in brackets two at least)
        acronym, name = m[1].strip().rstrip("."), m[2].strip()
        full = self._entity_within(name, allowed)
        if full is None:
            return None
        entity = full.entity
        assert entity is not None
        alone = self._entity_of(acronym)
        if alone is not None:
            if alone.entity is None or alone.entity.id != entity.id:
                return None
            why = f"{acronym!r} alone: {alone.method}"
            score = min(full.score, alone.score)
        else:
            letters = _letters(acronym).upper()
            lexicon = self.index.lexicon
            if letters not in derive_acronyms(lexicon, name) | derive_acronyms(lexicon, entity.name):
                return None
            why = f"{acronym!r}: the initials of its name"
            score = full.score
        return Outcome(entity, score, full.method, (f"{name!r}: {full.method}", why, *full.evidence),
                       full.candidates)

    def _bilingual(self, query: Query, allowed: Collection[int] | None) -> Outcome | None:
        """A name written in two scripts, or with a Chinese short form in brackets ("Tsinghua
        University (清华大学)", "清华大学 Tsinghua University", 北京航空航天大学（北航）): the entity
        both parts name, each alone; none when either names nothing or they differ."""
        parts = _two_scripts(query.text)
        if parts is None:
            return None
        found = [self._entity_of(part) for part in parts]
        if any(f is None or f.entity is None for f in found):
            return None
        first, second = found
        assert first is not None and second is not None and first.entity is not None
        if second.entity is None or first.entity.id != second.entity.id:
            return None
        if allowed is not None and self.index.positions[first.entity.id] not in allowed:
            return None
        why = (f"{parts[0]!r}: {first.method}", f"{parts[1]!r}: {second.method}", "both name it")
        return Outcome(first.entity, min(first.score, second.score), first.method, why, first.candidates)

    def _names_a_field(self, query: Query) -> bool:
        """Whether a name is words of a field only: two words or more the lexicon translates,
        none of them a type of body, a company form, a place, a scope ("China", "National"), a
        number or a proper name."""
        lex = self.index.lexicon
        tokens = query.tokens(lex, query.text)
        if len(tokens) < 2:
            return False
        if body_kind_of_words([w for t in tokens for w in t.text.split()]) is not None:
            return False  # "... Industry Technology Alliance"
        units = load_chinese_words().unit_endings
        for t in tokens:
            if t.kind != Kind.NAME or t.key == t.text or lex.is_proper(t):
                return False
            if any(k.endswith(units) for k in t.keys if not k.isascii()):
                return False
        return True

    def _one_common_word(self, query: Query, entity: Entity) -> str:
        """Why a name that is one common word (a company form aside) is not ``entity``'s, or
        ``""``: a common word ("Great Wall", 长城; not a romanised one, "Changcheng") or two Chinese
        characters that the glossary writes only with a company form after it (长城公司) names no
        body without one (Great Wall Motors, the wall itself); and one common English word that
        no name of the entity is alone ("Galaxy" of Galaxy Space) is a part of many names. A
        coined brand (Inspur) is no common word."""
        lex = self.index.lexicon
        tokens = query.tokens(lex, query.text)
        # (a scope word the query writes is one of its name's: "China Rocket" is China Rocket Co.)
        naming = [t for t in tokens if t.kind != Kind.LEGAL]
        scope = load_chinese_words().scope_words
        if len(naming) != 1 or not self._common(naming[0]):
            return ""
        word = naming[0]
        concepts = word.keys | lex.pinyin_concepts(word.text.replace(" ", ""))
        alone = []  # for each name of the entity that is the word alone: whether it has a form
        for name in (*map(lex.read, entity.english_names()), *map(lex.read_zh, entity.chinese_names())):
            own = [t for t in name if t.kind != Kind.LEGAL and t.key not in scope]  # (PLA X is X)
            if len(own) == 1 and not own[0].keys.isdisjoint(concepts):
                alone.append(any(t.kind == Kind.LEGAL for t in name))
        formed = any(t.kind == Kind.LEGAL for t in tokens)
        if alone and all(alone) and not formed:
            return "one word the glossary writes only with a company form after it"
        if not alone and not formed and " " not in word.text and word.kind != Kind.PLACE \
                and entity.type != "place" and lex.common_phrase(word.text):
            # "Galaxy" for Galaxy Space: one common English word is a part of many names (a
            # phrase of them, "Space Pioneer", "Deep Blue", still names its brand, and so does a
            # romanised word, "Yinhe", "Xingyun": in English, a transliteration is a name)
            return f"one common word, and no name of {entity.name!r} is that word alone"
        return ""

    def _common(self, word: Tok) -> bool:
        """Whether a word is a common one: English words of the common list, a Chinese word the
        lexicon renders so, or two Chinese characters."""
        lex = self.index.lexicon
        if has_han(word.text):
            return len(word.text) < MIN_SHORTENED or lex.common_word(word.text)
        # (a romanised word, "Xingyun", "Changcheng", is a name in English whatever it spells)
        return lex.common_phrase(word.text)

    def _has_company_form(self, query: Query) -> bool:
        return any(t.kind == Kind.LEGAL for t in query.tokens(self.index.lexicon, query.text))

    def _own_company_form(self, tokens: list[Tok]) -> bool:
        """Whether a name ends in a company form of its own, not its parent's ("Third Academy of
        China Aerospace Science and Industry Corporation" ends in CASIC's)."""
        if not tokens or not _company_form(tokens[-1]):
            return False
        core = [t for t in tokens if t.kind != Kind.LEGAL]
        spans = self._affiliations.get().spans(core) if core else []
        # a unit before its parent's name: the form is the parent's ("SSF Co., Ltd." is its own)
        return bool(core) and not any(end == len(core) and start > 0 for start, end, _ in spans)

    def _companies(self) -> frozenset[int]:
        """Organisations that may be companies, and titles: an organisation with a Chinese name
        none of whose names ends in a company form (:func:`~aeronorm.pipeline.companies.is_company`)
        is an institution (清华大学, 紫金山天文台): "Tsinghua University Co., Ltd." is a company of
        its, not it."""
        index, lex = self.index, self.index.lexicon
        out = set(index.by_type.get("title", ()))
        out.update(i for i in index.by_type.get("org", ())
                   if not index.entities[i].chinese_names() or is_company(index.entities[i], lex))
        return frozenset(out)

    def _mended(self, query: Query, allowed: Collection[int] | None) -> Resolution | None:
        mended = self.mender.get().mend(query.text)
        if mended is None:
            return None
        again = Query(mended.text)
        if not _carries_more_than_its_readings(self.index.lexicon.tokens(again.text), mended):
            return None  # a name that is only its guessed words is a guess
        inner, _ = self._run_lane(again, allowed)
        if inner is None or inner.entity is None:
            return None
        cal = self.calibration
        score = round(inner.score * (1 - cal.typo_weight * mended.cost), 4)
        evidence = (mended.evidence(), f"then {inner.method}: " + "; ".join(inner.evidence))
        if score >= cal.threshold:
            outcome = Outcome(inner.entity, score, "spelling", evidence, inner.candidates)
            return outcome, outcome
        return None, Outcome(None, 0.0, "spelling", (*evidence, "below the threshold once discounted"),
                             ((inner.entity, score), *inner.candidates))

    def _run_lane(self, query: Query, allowed: Collection[int] | None, *, lists: bool = True,
                  written: bool = False) -> Resolution:
        threshold = self.calibration.threshold
        last: Outcome | None = None
        if query.lane == "han":
            group = _zh_group(query.text)
            company = not group and _zh_company_form(query.text)
        else:
            tokens = query.tokens(self.index.lexicon, query.text)
            group = any(map(_group_form, tokens))
            # (a form that may render 集团 too, "Corporation", may be the group's own)
            company = not group and any(t.kind == Kind.LEGAL and not any(
                w in k for k in t.keys for w in _group_words()) for t in tokens)
        for stage in (self._written_lanes if written else self._lanes)[query.lane]:
            outcome = stage.match(query, allowed)
            if outcome is None:
                continue
            if outcome.entity is not None and outcome.score >= threshold:
                objection = self._objection(query, outcome, group=group, company=company, lists=lists)
                if objection is None:
                    return outcome, outcome
                why, others = objection
                candidates = ((outcome.entity, outcome.score), *((e, outcome.score) for e in others))
                return None, Outcome(None, 0.0, outcome.method, (why,), candidates)
            last = outcome
            if outcome.entity is None:
                return None, outcome  # the stage knows better than to let a weaker one guess
        return None, last

    def _objection(self, query: Query, outcome: Outcome, *, group: bool, company: bool, lists: bool
                   ) -> tuple[str, tuple[Entity, ...]] | None:
        """Why an answer a stage gives at the threshold is not the name's (and the other entities
        it may be), or ``None``: the acceptance policy, apart from the stages' matching."""
        assert outcome.entity is not None
        if group and self._no_group(outcome.entity):
            # A group and its company are two bodies (中国交通建设集团, 中国交通建设股份);
            # an entity no name of which says group (a company, a university, a place,
            # a programme) is not "X Group".
            return f"the query names a group; {outcome.entity.name!r} is no group", ()
        groups = self.zh_groups_only if query.lane == "han" else self.groups_only
        if company and outcome.method != "exact" and outcome.entity.id in groups.get():
            # and the other way: a company's form ("Co., Ltd.", 有限公司) where every name of
            # the entity that states a form says group is the group's namesake company
            # (中国北方工业有限公司, the trading company of the China North Industries Group); a
            # Chinese name is read against the Chinese names alone (中国电子有限公司 is no
            # 中国电子信息产业集团有限公司, whatever "Corporation" renders)
            return f"the query names a company; {outcome.entity.name!r} is a group, always named so", ()
        if outcome.method not in ("exact", "abbreviation") and query.lane == "latin" \
                and looks_like_acronym(query.text):
            # an acronym another entity's name spells is that one's as much as the
            # company's named after it ("CNOOC": China National Offshore Oil Corporation,
            # and its "CNOOC Limited")
            abbreviation = self.stages["abbreviation"]
            assert isinstance(abbreviation, AbbreviationStage)
            entities = self.index.entities
            others = [entities[i] for i in abbreviation.spelt_by(query.text)
                      if entities[i].id != outcome.entity.id]
            if others:
                return f"the acronym is also {others[0].name!r}'s, whose name spells it", tuple(others[:3])
        if query.lane == "latin" and outcome.method != "exact" and outcome.entity.type == "org" \
                and self._names_a_field(query):
            # "Aerospace Science and Technology", "Space Law": words of a field, which no
            # type of body, company form, place or proper name makes a body's name (a
            # journal, a degree, a conference is named so as often)
            return "words of a field, and nothing that names a body", ()
        if query.lane == "han" and outcome.method != "exact":
            # Chinese says what a body is in its last word: a 研究院 is no 学校, whatever
            # English name (an "Academy") the stage read the two through
            asked, own = body_ending(query.core or query.text), body_ending(outcome.entity.zh)
            if asked and own and not (asked.endswith(own) or own.endswith(asked)):
                return f"the query is a {asked}; {outcome.entity.name!r} is a {own}", ()
        group_entity = any(outcome.entity.id in g.get() for g in (self.zh_groups_only, self.groups_only))
        stock = stock_form_mismatch(query.tokens(self.index.lexicon, query.text), outcome.entity,
                                    self.index.lexicon) if outcome.method != "exact" and group_entity else ""
        if stock:
            # a joint-stock company named after a group is its own body: the group's listed
            # company, or another company's name ending in the group's (星际荣耀航天科技集团股份
            # 有限公司); a company's own 股份 is often its newer form (X信息股份有限公司)
            return f"the query's company form ({stock}) is not one {outcome.entity.name!r} is named with", ()
        one_word = self._one_common_word(query, outcome.entity) \
            if outcome.method not in ("exact", "abbreviation") and not looks_like_acronym(query.text) else ""
        if one_word:
            # "Galaxy" for Galaxy Space, 长城 / "Great Wall" where the glossary writes 长城公司:
            # alone, the word is a common one or a brand many bodies share (Great Wall Motors)
            return one_word, ()
        if outcome.entity.type == "title" and outcome.method not in ("exact", "template") \
                and query.lane == "latin" and self._has_company_form(query):
            # a post has no company form: "Co-Dean" is read "Co." + Dean, and a co-dean
            # (or a company's name) is not the Dean
            return f"the query has a word {outcome.entity.name!r} lacks: another post", ()
        cut = cut_after(query) if outcome.method != "exact" else ""
        foreign = foreign_form(query.text, outcome.entity) if query.lane == "latin" else ""
        country = country_before_form(query.text, outcome.entity) \
            if query.lane == "latin" and outcome.method != "exact" else ""
        if cut or foreign or country:
            why = f"the name is cut after {cut!r}: what it named is in the part cut off" if cut else \
                f"a company form of another country or a partnership ({foreign}) its names lack" \
                if foreign else f"{country!r} before the company form: its subsidiary there"
            return why, ()
        asides = self.asides.get()
        listed = asides.lists_another(query, outcome.entity) if lists and (
            outcome.method != "exact" or listed_with_marks(query.raw)) else ""
        if listed:
            # "China Academy of Space Technology and CASC", "Geespace; Geely": the name
            # lists two bodies (co-assignees, joint affiliations); the answer drops one
            return f"the name lists another entity beside it ({listed})", ()
        other = asides.aside_names_another(query, outcome.entity)
        main = "" if other else asides.main_names_another(query, outcome.entity)
        if other or main:
            # "China Academy of Space Technology (CALT)": the name and its acronym name
            # two entities; which one the writer meant, the name cannot say.
            why = f"the aside ({other}) names another entity" if other else \
                f"the name outside the brackets ({main}) names another entity"
            return why, ()
        return None

    def nearest(self, text: str, allowed: Collection[int] | None, *, limit: int = 5
                ) -> list[tuple[Entity, float, str]]:
        """The entities a name that resolved to nothing is nearest to, with why each fell short."""
        if not text.strip() or len(text) > MAX_QUERY_CHARS:
            return []
        return self.stages["fuzzy"].nearest(Query(text), allowed, limit=limit)  # type: ignore[attr-defined]

    def refusal(self, text: str, entity: Entity, translation: str) -> str:
        """Why ``entity`` is no answer for the name ``text`` although its ``translation`` names
        it, or ``""``: the name has a place or a number that none of the entity's names has and
        the translation dropped ("哈尔滨工业大学（威海）" translated "Harbin Institute of
        Technology": a campus is no university; "X Institute 502" is no X Institute)."""
        if not text.strip() or len(text) > MAX_QUERY_CHARS:
            return ""
        lex = self.index.lexicon
        query = Query(text)
        own: set[str] = set()
        for _, form in entity.forms():
            for tok in Query(form).tokens(lex, form):  # (read by its script, as a query is)
                own |= tok.keys
        kept = translation.casefold()
        for tok in query.tokens(lex, query.text):
            if tok.kind in (Kind.PLACE, Kind.NUMBER) and tok.keys.isdisjoint(own) \
                    and not any(k.casefold() in kept for k in (tok.text, *tok.keys)):
                return f"the name has {tok.text!r}, which the entity's names lack and the translation dropped"
        return ""

    def near_spellings(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """Each unknown word of ``text`` with the known words within a typo of it."""
        if len(text) > MAX_QUERY_CHARS:
            return []
        return self.mender.get().neighbours(text)

    def resolve_text(self, text: str, allowed: Collection[int] | None) -> Resolution:
        """:meth:`resolve` for a raw name; blank or overlong input is passed through unmatched."""
        if not text.strip() or len(text) > MAX_QUERY_CHARS:
            return None, None
        query = Query(text)
        if not query.text:
            return None, None
        return self.resolve(query, allowed)

    def _entity_of(self, text: str) -> Outcome | None:
        """What a name alone resolves to (a part of a list of names), or ``None``."""
        if not text.strip() or len(text) > MAX_QUERY_CHARS:
            return None
        query = Query(text)
        if not query.text:
            return None
        accepted, _ = self._run_lane(query, None, lists=False)  # (a part is no list of its own)
        return accepted if accepted is not None and accepted.entity is not None else None

    def _entity_within(self, text: str, allowed: Collection[int] | None) -> Outcome | None:
        """:meth:`_entity_of`, when its entity is among ``allowed``."""
        found = self._entity_of(text)
        if found is None or (allowed is not None and self.index.positions[found.entity.id] not in allowed):
            return None
        return found

    def _entity_as_written(self, text: str) -> Outcome | None:
        """:meth:`_entity_of` through the stages up to the last that reads a name as written:
        the same answer where it is by one of those methods (the lane stops at the first
        answer); ``None`` where they leave the name to later stages."""
        if not text.strip() or len(text) > MAX_QUERY_CHARS:
            return None
        query = Query(text)
        if not query.text:
            return None
        accepted, _ = self._run_lane(query, None, lists=False, written=True)
        return accepted if accepted is not None and accepted.entity is not None else None

    def _ancestors(self, entity: Entity) -> set[str]:
        """The ids of an entity's glossary ancestors (``parent`` links), as the fuzzy stage
        keeps them."""
        fuzzy = self.stages["fuzzy"]
        assert isinstance(fuzzy, FuzzyStage)
        entities = self.index.entities
        position = self.index.positions.get(entity.id)
        if position is None:
            return set()
        return {entities[up].id for up in fuzzy.ancestors.get().get(position, ())}

    def _no_group(self, entity: Entity) -> bool:
        """Whether an entity is no group (:meth:`_groupless`)."""
        return entity.id in self.groupless.get()

    def _groupless(self) -> frozenset[str]:
        """The ids of the entities that are no group: no name of it says 集团 or "Group";
        without a Chinese name, no English name has a word that may say group either
        ("Corporation" renders 集团 as well as 公司). A title may be a group's (党组, a Party
        leadership group)."""
        lex = self.index.lexicon
        out = set()
        for entity in self.index.entities:
            if entity.type == "title":
                continue
            zh = entity.chinese_names()
            english = [lex.read(text) for label, text in entity.forms() if label not in ("zh", "zh_alias")]
            group = any("集团" in z for z in zh) or any(_group_form(t) for toks in english for t in toks)
            if not zh:
                group = group or any(t.kind == Kind.LEGAL and not t.keys.isdisjoint(_group_words())
                                     for toks in english for t in toks)
            if not group:
                out.add(entity.id)
        return frozenset(out)

    def _zh_groups_only(self) -> frozenset[str]:
        """The ids of the entities every Chinese name of which that states a company form says
        集团 (and one does): what a Chinese name with a company's form is read against."""
        out = set()
        for entity in self.index.entities:
            zh = [z for z in entity.chinese_names() if _zh_company_form(z)]
            if zh and entity.type != "title" and all("集团" in z for z in zh):
                out.add(entity.id)
        return frozenset(out)

    def _groups_only(self) -> frozenset[str]:
        """The ids of the groups always named so: every name of the entity that states a company
        form says group (集团, "Group", "Jituan"), and one does. A group one of whose names is a
        plain "Corporation" (which renders 集团 too) or "Co., Ltd." is not told from its company."""
        lex = self.index.lexicon
        zh_groups = self.zh_groups_only.get()
        out = set()
        for entity in self.index.entities:
            if entity.type == "title":
                continue
            formed = any(map(_zh_company_form, entity.chinese_names()))
            read = [lex.read(text) for label, text in entity.forms() if label not in ("zh", "zh_alias")]
            english = [toks for toks in read if any(t.kind == Kind.LEGAL for t in toks)]
            if (formed or english) and (not formed or entity.id in zh_groups) and \
                    all(any(map(_group_form, toks)) for toks in english):
                out.add(entity.id)
        return frozenset(out)


def _group_form(tok: Tok) -> bool:
    """Whether a token of a query says group as written (集团, "Group", its pinyin "Jituan"; not
    "Corporation")."""
    return tok.kind == Kind.LEGAL and ("集团" in tok.text or not _GROUP_WORDS.isdisjoint(tok.text.split()))


def _company_form(tok: Tok) -> bool:
    """Whether a token is a company form: a legal form but a group's word alone."""
    if tok.kind != Kind.LEGAL:
        return False
    return tok.keys.isdisjoint(_group_words()) or any("公司" in k for k in tok.keys)


@cache
def _group_words() -> frozenset[str]:
    return dict(load_word_classes().company_form_families).get("group", frozenset())


def _carries_more_than_its_readings(tokens: list[Tok], mended: Mended) -> bool:
    """Whether a mended name has two naming words or more, one of them as written, or one naming
    word, as written (the readings mended generic words: "State Council of the People's Republc of
    China"): a name whose identity rests on the guessed words alone ("Inner Monoglia") may be any
    entity named so. A reading that only moves a space ("Land Space" as LandSpace) guesses no
    letter: its words are as written; unless it reads pinyin, where the spaces are the only
    sign of which syllables make a word ("Dan Zhongde" is no "Danzhongde", 单忠德)."""
    read = {w for written, reading in mended.readings
            if _letters(written) != _letters(reading) or all(map(split_syllables, reading.split()))
            for w in reading.split()}
    content = [t for t in tokens if t.kind in (Kind.NAME, Kind.NUMBER, Kind.PLACE)]
    as_written = [t for t in content if not read & set(t.text.split())]
    if as_written and (len(content) >= 2 or len(as_written) == len(content)):
        return True
    # A phrase of the lexicon is one token ("academy science" of "Chinese Acadmey of Sciences"):
    # its words, and the scope words beside it, count one by one; more of them as written than
    # guessed carry the name ("Inner Monoglia": one and one, a guess).
    words = [w for t in tokens if t.kind in (Kind.NAME, Kind.NUMBER, Kind.PLACE, Kind.GENERIC)
             for w in t.text.split()]
    guessed = sum(w in read for w in words)
    return bool(content) and len(words) - guessed > guessed


#: A place written as where a body is, before its name ("Beijing-based X", "China-based X")
_PLACE_BASED = re.compile(r"([A-Z][\w'’]*(?: [A-Z][\w'’]*)?)-based (.+)")
#: What parts a Chinese affiliation line: spaces, commas (作者单位: "X，北京 100094")
_ADDRESS_SEPARATOR = re.compile(r"[\s,，]+")
_HAN_ONLY = re.compile(r"[^A-Za-z]+")
_POSTCODE_GLUED = re.compile(r"(\D*?)\s*(\d{6})")


def _address_part(part: str, is_the_country: Callable[[str], bool]) -> tuple[str, str] | None:
    """What one part of a Chinese affiliation line is, as (kind, English name): a postal code
    alone ``("code", "")``, the country ``("country", "")``, a place with a code or not
    (``("place", "Beijing")``), or ``None`` (a name, or anything else)."""
    m = _POSTCODE_GLUED.fullmatch(part)
    if m is not None and not m[1]:
        return "code", ""
    word = m[1] if m is not None else part
    english = _chinese_places().get(word)
    if english is not None:
        return "place", english
    return ("country", "") if is_the_country(word) else None


@cache
def _chinese_places() -> dict[str, str]:
    """Chinese place names in China, with and without their administrative suffix (北京, 北京市),
    to their English name."""
    suffixes = load_chinese_words().admin_suffixes
    inside = load_place_levels()[2]
    out: dict[str, str] = {}
    for zh, english in load_places():
        if zh in inside and english:
            name = " ".join(w[:1].upper() + w[1:] for w in english[0].split())
            out[zh] = name
            out.update({zh + s: name for s in suffixes})
    return out


_HAN_ASIDE = re.compile(r"([^()（）]*[\u4e00-\u9fff][^()（）]*?)\s*[(（]([\u4e00-\u9fff]+)[)）]")
_NAME_WORD = re.compile(r"[A-Za-z][\w'’&.-]*")
_BRACKET = re.compile(r"([^()（）]+?)\s*[(（]([^()（）]+)[)）]")
_SCRIPT_RUNS = re.compile(r"[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*|[^\u4e00-\u9fff]+")


def _two_scripts(text: str) -> tuple[str, str] | None:
    """The two parts of a name written twice: a name and its other-script (or Chinese) form in
    brackets, or a Chinese run and a Latin one side by side; else ``None``."""
    m = _BRACKET.fullmatch(text.strip())
    if m is not None:
        main, aside = m.group(1).strip(), m.group(2).strip()
        scripts = {has_han(main), has_han(aside)}
        han_only = has_han(aside) and not any(c.isascii() and c.isalpha() for c in aside)
        if (len(scripts) == 2 and not _mixed(main) and not _mixed(aside)) or (has_han(main) and han_only):
            return main, aside
        return None
    runs = [r.strip() for r in _SCRIPT_RUNS.findall(text) if r.strip()]
    if len(runs) == 2 and has_han(runs[0]) != has_han(runs[1]) and all(len(r) > 1 for r in runs):
        return runs[0], runs[1]
    return None


def _mixed(text: str) -> bool:
    return has_han(text) and any(c.isascii() and c.isalpha() for c in text)


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalpha())


_SPACES = re.compile(r"\s+")


def _zh_group(text: str) -> bool:
    """Whether a Chinese name is a group's own: it ends in 集团 and company forms only
    (中国航天科技集团有限公司), traditional characters read as simplified. A unit after a
    group's name is the group's unit (中国航天科技集团第五研究院), no group."""
    # (spaces between the words, 中国 航天 科技 集团 有限公司, change nothing)
    text = _SPACES.sub("", ASIDE_RE.sub("", to_simplified(text) if maybe_traditional(text) else text))
    return "集团" in text and _group_end().search(text) is not None


@cache
def _group_end() -> re.Pattern[str]:
    """集团 and nothing but company forms after it, to the end (the forms read once)."""
    forms = "|".join(map(re.escape, sorted(load_chinese_words().company_forms, key=len, reverse=True)))
    return re.compile(f"集团(?:{forms})*$")


def _zh_company_form(text: str) -> bool:
    """Whether a Chinese name ends in a company form (``company_forms`` of ``chinese.yaml``: 有限公司,
    集团), its asides left out."""
    # (spaces only are left out: folding the glossary's names would load OpenCC for English input)
    return _SPACES.sub("", ASIDE_RE.sub("", text)).endswith(tuple(load_chinese_words().company_forms))
