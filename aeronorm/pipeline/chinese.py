"""Stage 2, chinese: Han input against the Chinese names and Chinese aliases of the glossary.

Chinese names are compared as Chinese, never through pinyin (homophones are other names):

1. **exact**: the folded name (traditional -> simplified, full-width -> ASCII, spaces and
   punctuation gone) equals a Chinese name or Chinese alias;
2. **mixed**: an English abbreviation or name joined to Chinese (``CASIC二院``) is replaced by
   each Chinese name of the entity it names (航天科工 + 二院 = 航天科工二院) and looked up again;
3. **core**: equal once company forms (有限公司, 集团), scope prefixes (中国, 中国人民解放军)
   and administrative suffixes after a place (上海市) are set aside on both sides; when that
   leaves two entities (a group and its listed company), their company forms decide; a name
   shortened to a common word (中国银行 -> 银行) needs a company form in the query;
4. **concept**: the term lexicon's order-free concept key of the simplified name;
5. **loose**: equal once the place (北京) and trailing descriptors (科技) are also set aside,
   when the two sides do not name different places;
6. **embedded**: longer input is segmented with aeronorm's jieba tokenizer and accepted when
   it holds one known name and nothing else that names (a title after a person's name,
   company forms).

Every comparison is equality of what remains: a differing distinctive morpheme (科技 / 科工)
is never bridged, and a key that several entities share is an abstention. Input of Chinese
characters only ends here: the stages after this one would compare pinyin, and a homophone
(章克俭 / 张克俭) is another name.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, compress
from typing import Any, ClassVar

from ..caching import BoundedCache, BuildOnce
from ..glossary.entity import title_bodies
from ..index import Index
from ..lexicon import Kind
from ..lexicon.word_classes import load_word_classes
from ..resources import load_chinese_words, load_place_levels
from ..results import Method
from ..text.fold import ASIDE_RE, HAN_CLASS, HAN_RE, fold_key, has_han, is_han_char
from ..text.segment import ChineseTokenizer, jieba_tag
from ..text.zh import compact_han, fold_han, fold_keeps, gb2312_han, maybe_traditional, to_simplified
from .base import Outcome, SharedTables, ambiguous, found
from .calibration import Calibration
from .companies import Companies
from .concept_keys import match_concepts
from .entity_ids import add_id
from .places import english_places
from .query import Query

__all__ = ["MIN_SHORTENED", "ChineseIndex", "ChineseStage", "Hit"]

#: A name shortened by scope words, places or a company form keeps this many characters: two
#: are a word (银行, 长城) or a brand many bodies share.
MIN_SHORTENED = 3
_MAX_WINDOW = 12  # jieba words in one candidate mention
# jieba dictionary frequency from which one character is a word of its own after a name
# (说 219817, 在 727915; 志 3667 is more likely the end of a longer name).
_FREQUENT_CHAR = 10000
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Za-z][A-Za-z0-9&.\-]*)*")
_SKIP_TOKEN = re.compile(r"^[\s\W_]+$")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LATIN_REGION = re.compile(r"[A-Za-z0-9&.\-]+")  # what a run of _LATIN_RUN in a unit is part of
_MAX_LATIN_REGION = 32  # its pieces are tried (at most 528 of them), once per region
# Kinds of unit (ChineseIndex._unit_kind): names nothing; a span names something only if it
# holds the characters of a key, and no other but droppable ones; a span names something only if
# it holds no Han character but a key's and droppable ones (English names in it may be replaced by
# Chinese ones); anything else.
_NO_NAME, _PLAIN, _KEEPS, _ANY = 0, 1, 2, 3
_HAN_RUNS = re.compile(HAN_CLASS + "+")
_STRETCH_MEMO = 20_000  # stretches of running text remembered with their longest name (or none)
_RUN = 64  # words of a unit whose remembered answers are read at once
_MAX_WINDOWED = 2000  # a longer unit is tested by its characters, not stretch by stretch
_UNSEEN: Any = object()
_EVERY_KEY = -1  # every key (all bits set)
_NO_SIDES: tuple[tuple[()], tuple[()]] = ((), ())  # a run of Latin letters with no English name in it
_NOTHING: tuple[int, Hit | None] = (0, None)
# A Chinese name lookup_mixed may put in a span: its Han characters, and the keys that hold those
# of them that are not droppable (a set of ChineseIndex.key_chars as bits of an int).
_Replaced = tuple[frozenset[str], int]
_FIRST_HAN = "\u4e00"  # the first Han character of GB 2312's range (fold_keeps)
_BELOW_FIRST_HAN = re.compile("[\x00-\u4dff]+")  # characters before it: no key's, never a bound
_HAN_CHAR = re.compile("[\u4e00-\u9fa5]")  # one of that range (a unit fold_keeps vouches for)
_LAST_HAN = re.compile("(?s:.*)[\u4e00-\u9fa5]")  # up to the last one


@dataclass(frozen=True, slots=True)
class _Keys:
    """Comparison keys of one Chinese string."""

    exact: str
    core: str | None
    loose: tuple[str, ...]
    places: frozenset[str]
    scoped: bool = False
    markers: frozenset[str] = frozenset()
    weak: bool = False  # core shortened to a common word: usable only with a company form
    formed: bool = False  # a company form was there
    inner: frozenset[str] = frozenset()  # places after the name's first word (X广东有限公司, X(天津))
    suffixes: frozenset[str] = frozenset()  # administrative suffixes after its places (省, 县, 新区)
    described: str = ""  # the loose key whose descriptors were dropped (航天科工 of 航天科工信息技术)


@dataclass(frozen=True, slots=True)
class Hit:
    level: str
    ids: frozenset[int]
    evidence: str


class ChineseIndex:
    """Chinese look-up tables of an :class:`~aeronorm.index.Index`, and its jieba tokenizer.

    Built on first Chinese input (see :func:`chinese_index`); the tokenizer loads jieba only
    when a name cannot be settled by the tables.
    """

    def __init__(self, index: Index):
        self.index = index
        self.lexicon = index.lexicon
        self._keys_cache: dict[str, _Keys] = {}
        # Key -> the entities that have it (an int for one, a list for several while built).
        exact: dict[str, Any] = {}
        core: dict[str, Any] = {}
        weak_core: dict[str, Any] = {}  # shortened to a common word
        loose: dict[str, Any] = {}
        # Where each entity is (places named in any of its Chinese names), and whether it is
        # national (中国..., 国家...): a place before a national name makes another entity.
        self.places: dict[int, frozenset[str]] = {}
        self.national: set[int] = set()
        self.markers: dict[int, set[frozenset[str]]] = defaultdict(set)
        # The administrative suffixes its Chinese names write after a place (海南省: 省), for the
        # entities whose names have one: 海南区 and 长沙县 are other places than 海南省 and 长沙市.
        self.suffixes: dict[int, frozenset[str]] = {}
        self._companies = Companies(index.entities, index.lexicon)
        # the groups: a full Chinese name that ends in 集团 (with a company form or not)
        self._groups = frozenset(i for i, e in enumerate(index.entities) if "集团" in e.zh)
        self._written: dict[int, frozenset[str]] = {}  # entity -> places its English names state
        self.titles: set[str] = set()
        words: list[tuple[str, str]] = []
        same_places: dict[frozenset[str], frozenset[str]] = {}  # one object per set of places
        self.max_len = 1
        for i, entity in enumerate(index.entities):
            for zh in entity.chinese_names():
                if entity.type == "title":
                    self.titles.add(compact_han(zh))
                for form in _name_forms(zh):
                    keys = self._compute_keys(compact_han(form))  # (no memo: names are read once)
                    if not keys.exact:
                        continue
                    self.max_len = max(self.max_len, len(keys.exact))
                    add_id(exact, keys.exact, i)
                    if keys.core:
                        add_id(weak_core if keys.weak else core, keys.core, i)
                    if not keys.places or i in self._companies:
                        # (an institution's place is part of its name: 西安电子科技大学 is not
                        # 电子科技大学; a company's may be where it is registered)
                        for key in keys.loose:
                            add_id(loose, key, i)
                    places = self.places.get(i, frozenset()) | keys.places
                    self.places[i] = same_places.setdefault(places, places)
                    self.markers[i].add(keys.markers)
                    if keys.suffixes:
                        held = self.suffixes.get(i, frozenset()) | keys.suffixes
                        self.suffixes[i] = same_places.setdefault(held, held)
                    if keys.scoped:
                        self.national.add(i)
                    if all(is_han_char(c) for c in keys.exact):
                        words.append((keys.exact, jieba_tag(entity.type)))
        self.tokenizer = ChineseTokenizer(words)
        # Read only from here on. Most keys are one entity's: each such key holds that entity's
        # one frozenset (a set of its own is 216 bytes a key); an entity's company-form markers
        # are one frozenset of them.
        one: dict[int, frozenset[int]] = {}  # the index's own, where it has one
        for ids in index.exact.values():
            if len(ids) == 1 and type(ids) is frozenset:
                one.setdefault(next(iter(ids)), ids)
        for table in (exact, core, weak_core, loose):
            for key, ids in table.items():
                if type(ids) is int:
                    table[key] = one.get(ids) or one.setdefault(ids, frozenset((ids,)))
                else:
                    table[key] = frozenset(set(ids))  # (as the set it was built as before)
        self.exact: dict[str, frozenset[int]] = exact
        self.core: dict[str, frozenset[int]] = core
        self.weak_core: dict[str, frozenset[int]] = weak_core
        self.loose: dict[str, frozenset[int]] = loose
        # A unit named by a bare ordinal only after its parent's name (航天科技 + 五院: the
        # parent's unit; 五院 alone is any group's): (parent, ordinal) -> the unit
        positions = index.positions
        self.units: dict[tuple[int, str], int] = {}
        for i, entity in enumerate(index.entities):
            up = positions.get(entity.parent) if entity.parent else None
            for alias in entity.context_aliases if up is not None else ():
                unit = _ordinal_unit(alias)
                if unit:
                    self.units.setdefault((up, unit), i)
        # A Chinese context alias (八院) names its entity once the text has named the entity:
        # alias -> the entities that have it (folded)
        in_context: dict[str, list[int]] = {}
        for i, entity in enumerate(index.entities):
            for alias in entity.context_aliases:
                if has_han(alias):
                    in_context.setdefault(fold_han(alias), []).append(i)
        self.in_context: dict[str, tuple[int, ...]] = {a: tuple(ids) for a, ids in in_context.items()}
        same: dict[frozenset[frozenset[str]], frozenset[frozenset[str]]] = {}
        self.markers = {i: same.setdefault(m, m) for i, held in self.markers.items()
                        for m in (frozenset(held),)}  # type: ignore[assignment]
        # Every Han character a string that names something can hold once compacted: those of
        # the keys, and those of what the keys leave out (lexicon words, scope words, company
        # forms, administrative suffixes, descriptors). A simplified string with any other Han
        # character is no name: a cheap test that spares computing its keys (and, in running
        # text, trying longer stretches). Latin words are not tested (stop words and company
        # forms are left out of the keys).
        data = load_chinese_words()
        set_aside = (*data.scope_words, *data.company_forms, *data.admin_suffixes,
                     *load_word_classes().zh_descriptors)
        dropped = (*self.lexicon.zh_terms, *set_aside)
        tables = (self.exact, self.core, self.weak_core, self.loose)
        self.name_chars = frozenset("".join((*(k for t in tables for k in t), *dropped)))
        # A core or loose key is what is left of a (simplified) name once some of its words are
        # set aside, all of them words of ``set_aside`` or lexicon places and company forms: a
        # simplified string matches at its exact key, or at a key holding its Han characters
        # but those of such words, and only those. Any other string's keys need not be computed.
        every = list(dict.fromkeys((*self.exact, *self.core, *self.weak_core, *self.loose)))
        # A key's Han characters are a string of them, each once, in order (a frozenset of them
        # was 375 bytes a key, 55 MB at 100,000 entities; the string is 90): one per set.
        shared: dict[str, str] = {}
        han = {}
        for k in every:
            chars = "".join(sorted(_han_set(k)))
            han[k] = shared.setdefault(chars, chars)
        self.key_anchors = _anchors([han[k] for k in dict.fromkeys((*self.core, *self.weak_core,
                                                                     *self.loose))])
        # Every key's Han characters (exact ones too): a stretch of text that holds all those of
        # none cannot name anything, when folding it again cannot change them (fold_keeps).
        self.all_anchors = _anchors([han[k] for k in every])
        kinds = (Kind.LEGAL, Kind.PLACE)
        self.droppable = frozenset("".join((*set_aside, *(
            t for t in self.lexicon.zh_terms
            if [(k.text, k.kind in kinds) for k in self.lexicon.zh_tokens(t)] != [(t, False)]))))
        # The keys that hold each Han character (positions in ``key_chars``, the Han characters
        # of each key): in a unit of _PLAIN or _KEEPS kind, a stretch names something only at a
        # key holding every Han character of its words but droppable ones (_held). Kept as
        # packed positions; read as the bits of an int, because sets of a thousand keys are
        # intersected at every word (-1: every key). The ints are a memo: a saved index holds
        # no big int.
        self.key_chars = list(shared)
        positions: dict[str, list[int]] = defaultdict(list)
        for k, chars in enumerate(self.key_chars):
            for c in chars:
                positions[c].append(k)
        self._holding_at = {c: _packed(ks) for c, ks in positions.items()}
        self._holding: BoundedCache[str, int] = BoundedCache(max_entries=_STRETCH_MEMO)
        self._covers_of: BoundedCache[str, int] = BoundedCache(max_entries=_STRETCH_MEMO)
        self._replacements_of: dict[int, list[str]] = {}
        self._stretches: BoundedCache[tuple[str, ...], tuple[int, Hit | None]] = BoundedCache(
            max_entries=_STRETCH_MEMO)
        self._stops: BoundedCache[str, bool] = BoundedCache(max_entries=_STRETCH_MEMO)
        self._latin: BoundedCache[str, Any] = BoundedCache(max_entries=_STRETCH_MEMO)
        self._pairs: BoundedCache[tuple[str, int, str], Any] = BoundedCache(max_entries=_STRETCH_MEMO)
        self._units: BoundedCache[str, bool] = BoundedCache(max_entries=_STRETCH_MEMO)
        self._windows: BoundedCache[str, bool] = BoundedCache(max_entries=_STRETCH_MEMO)
        self._spans: BoundedCache[str, Hit | None] = BoundedCache(max_entries=_STRETCH_MEMO)
        self._unit_memo: BoundedCache[tuple[str, ...], tuple[tuple[int, int, Hit], ...]] = BoundedCache(
            max_entries=_STRETCH_MEMO)
        # The names' keys are read again only for a name asked as written: not worth keeping
        # (27 MB at 100,000 entities); queries fill the memo with their own.
        self._keys_cache.clear()

    # -- keys --------------------------------------------------------------------------------
    def keys(self, text: str) -> _Keys:
        """The comparison keys of a Chinese string (cached)."""
        return self._keys_of(compact_han(text))

    def _keys_of(self, compact: str) -> _Keys:
        found = self._keys_cache.get(compact)
        if found is None:
            found = self._compute_keys(compact)
            if len(self._keys_cache) > 65536:
                self._keys_cache.clear()
            self._keys_cache[compact] = found
        return found

    def _compute_keys(self, compact: str) -> _Keys:
        data = load_chinese_words()
        rest, dropped_scope = compact, False
        while True:  # scope prefixes, longest first, whatever the segmentation (人民解放军...)
            head = next((w for w in _by_length(data.scope_words) if rest.startswith(w) and rest != w), None)
            if head is None:
                break
            rest, dropped_scope = rest[len(head) :], True
        toks = self.lexicon.zh_tokens(rest)
        pieces = [(t.text, t.kind) for t in toks if t.kind != Kind.LEGAL and t.text not in data.company_forms]
        if pieces and any(pieces[-1][0].endswith(f) and pieces[-1][0] != f for f in data.company_forms):
            # A company form glued into the last piece (股份公司 after an unknown stretch).
            last = pieces.pop()[0]
            form = max((f for f in data.company_forms if last.endswith(f)), key=len)
            pieces.append((last[: -len(form)], Kind.NAME))
        kept: list[tuple[str, Kind]] = []
        suffixes: set[str] = set()
        k = 0
        while k < len(pieces):
            text, kind = pieces[k]
            k += 1
            if text in data.scope_words:
                dropped_scope = True
                continue
            kept.append((text, kind))
            if kind == Kind.PLACE:
                # An administrative suffix after a place (上海市, 内蒙古自治区: 自治 + 区).
                for m in (3, 2, 1):
                    suffix = "".join(t for t, _ in pieces[k : k + m])
                    if suffix in data.admin_suffixes:
                        suffixes.add(suffix)
                        k += m
                        break
        core = "".join(t for t, _ in kept)
        formed = len(pieces) < len(toks) or any(t.kind == Kind.LEGAL for t in toks)
        # Shortened by a scope word or a company form to two characters (中国银行 -> 银行,
        # 长城公司 -> 长城), a name is a common word or a brand many bodies share: it still
        # names the entity on the glossary side, but a query must show that it is a name, by
        # a company form (卫通集团股份公司, 长城有限公司).
        weak = (dropped_scope or formed) and len(core) < MIN_SHORTENED
        core_key = core or None
        places = frozenset(t for t, k in kept if k == Kind.PLACE)
        first_word = next((j for j, (_, k) in enumerate(kept) if k != Kind.PLACE), len(kept))
        inner = frozenset(t for t, k in kept[first_word:] if k == Kind.PLACE)
        no_place = [(t, k) for t, k in kept if k != Kind.PLACE]
        short = list(no_place)
        descriptors = load_word_classes().zh_descriptors
        while short and short[-1][0] in descriptors:
            short.pop()
        loose = []
        for seq in (no_place, short):
            key = "".join(t for t, _ in seq)
            if len(key) >= MIN_SHORTENED and any(k == Kind.NAME for _, k in seq) and key not in loose:
                loose.append(key)
        described = "".join(t for t, _ in short) if len(short) < len(no_place) else ""
        markers = frozenset(m for m in data.form_markers if m in compact)
        return _Keys(compact, core_key, tuple(loose), places, dropped_scope, markers, weak, formed, inner,
                     frozenset(suffixes), described)

    # -- resolution ----------------------------------------------------------------------------
    def lookup(self, text: str, allowed: Collection[int] | None, *, loose: bool = True) -> Hit | None:
        """The first comparison level at which ``text`` names any entity."""
        compact = compact_han(text)
        han = "".join(_HAN_RUNS.findall(compact))
        if not self.name_chars.issuperset(han):
            if not maybe_traditional(compact):
                return None  # a Han character no name holds, not even among the words keys leave out
        elif compact not in self.exact and not self._may_hold_key(han) and not maybe_traditional(compact):
            return None  # no exact key, and the characters of no other key
        keys = self._keys_of(compact)
        if not keys.exact:
            return None
        ids = _filter(self.exact.get(keys.exact), allowed)
        if ids:
            return Hit("exact", ids, f"Chinese name {keys.exact}")
        if keys.core:
            ids = _filter(self.core.get(keys.core), allowed)
            if not ids and keys.formed and not self.lexicon.common_word(keys.core):
                # (a common word and a form is a phrase: 卫星公司, "a satellite company")
                ids = _filter(self.weak_core.get(keys.core), allowed)
            if keys.weak and not keys.formed:
                ids = frozenset()
            if len(ids) > 1:
                # A group, its listed company, its holding company: the company form decides.
                same = frozenset(i for i in ids if keys.markers in self.markers.get(i, ()))
                ids = same if len(same) == 1 else ids
            ids = frozenset(i for i in ids if self._fits(i, keys))
            if ids:
                return Hit("core", ids, f"Chinese core {keys.core}")
        if not loose:
            return None
        found: set[int] = set()
        via = ""
        for key in dict.fromkeys((*((keys.core,) if keys.core else ()), *keys.loose)):
            for i in self.loose.get(key, ()):
                if allowed is not None and i not in allowed:
                    continue
                if keys.places and not self.placed(i, keys.places):
                    continue
                own = self.places.get(i, frozenset())
                if not keys.inner <= own or not self._fits(i, keys):
                    # a place after the name is a company of that place (航天信息广东有限公司,
                    # X(天津)有限公司), and a form none of its names has another body (X控股)
                    continue
                if key == keys.described and "集团" not in keys.markers and i in self._groups:
                    # a group's short form and a trade after it: a company named after the
                    # group (中国航天科工信息技术有限公司), not the group
                    continue
                found.add(i)
                via = via or key
        if found:
            return Hit("loose", frozenset(found), f"Chinese short form {via}")
        return None

    def unit_of(self, parent: frozenset[int], after: str) -> tuple[int, int] | None:
        """The unit a bare ordinal at the start of ``after`` names after its parent's name (the
        one entity ``parent`` holds), with the ordinal's length: 五院 or 第五研究院 after 航天科技."""
        if len(parent) != 1 or not self.units:
            return None
        m = _ORDINAL_UNIT.match(after)
        if m is None:
            return None
        (p,) = parent
        unit = self.units.get((p, m.group(1) + "院"))
        return (unit, m.end()) if unit is not None else None

    def in_context_of(self, folded: str, named: Collection[tuple[int, int]]) -> list[tuple[int, int, Hit]]:
        """The context aliases in ``folded`` (a folded text) that name an entity the text named
        before, as ``(start, end, hit)``: ``named`` holds ``(start, entity)`` of each name found.
        One after the names of two entities that have it (九院 of either group) names neither; an
        ordinal inside a longer one (一院 of 十一院, 第一院) is none."""
        if not self.in_context:
            return []
        first: dict[int, int] = {}
        for start, i in named:
            if start < first.get(i, len(folded)):
                first[i] = start
        out = []
        for m in _alternatives(tuple(self.in_context)).finditer(folded):
            if m.start() and folded[m.start() - 1] in _ORDINAL_BEFORE:
                continue
            ids = [i for i in self.in_context[m.group()] if first.get(i, len(folded)) < m.start()]
            if len(ids) == 1:
                out.append((m.start(), m.end(), Hit("core", frozenset(ids), f"{m.group()} after its name")))
        return out

    def lookup_unit(self, text: str, allowed: Collection[int] | None) -> Hit | None:
        """A parent's name and a bare ordinal after it (航天科技五院, 中国航天科技集团第五研究院):
        the parent's unit the ordinal names; ``None`` when the text is no such name."""
        if not self.units:
            return None  # (no glossary unit is named so: no look-up of the parent's name)
        compact = compact_han(text)
        for m in _ORDINAL_UNIT.finditer(compact):
            if m.start() < 2 or m.end() != len(compact):
                continue
            parent = self.lookup(compact[: m.start()], None, loose=False)
            found = self.unit_of(parent.ids, compact[m.start() :]) if parent is not None else None
            if found is not None and (allowed is None or found[0] in allowed):
                return Hit("core", frozenset((found[0],)), f"{compact[m.start():]} of {parent.evidence}")
        return None

    def _may_hold_key(self, han: str) -> bool:
        """Whether these Han characters hold all those of a core or loose key, and the key all
        of them but those of words a key may leave out."""
        anchors = self.key_anchors
        if anchors is None:
            return True
        chars = set(han)
        kept = chars.difference(self.droppable)
        return any(chars.issuperset(key) and kept.issubset(key) for c in chars for key in anchors.get(c, ()))

    def _fits(self, i: int, keys: _Keys) -> bool:
        return self._has_markers(i, keys.markers) and self._same_level(i, keys)

    def _same_level(self, i: int, keys: _Keys) -> bool:
        """Whether the administrative suffixes the query writes after its places are among those
        of entity ``i``'s names (either may leave them out: 长沙 is 长沙市, 长沙县 is not)."""
        if not keys.suffixes:
            return True
        own = self.suffixes.get(i)
        if own:
            return keys.suffixes <= own
        entity = self.index.entities[i]
        if entity.type != "place":
            return True
        words = load_chinese_words()
        provinces = load_place_levels()[0]
        province = any(compact_han(zh) in provinces for zh in entity.chinese_names())
        level = words.province_suffixes if province else words.city_suffixes
        return keys.suffixes <= level

    def _has_markers(self, i: int, markers: frozenset[str]) -> bool:
        """Whether one of entity ``i``'s Chinese names has every marker of another body that the
        query has (``body_markers``: 集团, 控股): 航天科技控股 is a holding company, not 航天科技集团."""
        markers = markers & load_chinese_words().body_markers
        return not markers or any(markers <= held for held in self.markers.get(i, ()))

    def placed(self, i: int, places: frozenset[str]) -> bool:
        """Whether entity ``i`` may be named with these places in front: it is there, or it
        is local and names no place (北京 + 天兵科技), never a national one (北京 + 航天科工)."""
        own = self.places.get(i, frozenset())
        if own:
            return places <= own
        if i in self.national:
            return False
        entity = self.index.entities[i]
        if entity.type == "title":
            # the place a post is of (湖北省委书记), of the level the post is held at
            levels = {"province", "city"}.intersection(title_bodies(entity))
            if not levels:
                return True
            province = bool(places & load_place_levels()[0])
            return ("province" if province else "city") in levels
        # where a company is registered: where its English names say it is ("Beijing X Co."),
        # or anywhere unless its full name states no place (海南航天信息 is not 航天信息股份有限公司:
        # another company); before a person, a place or an institution another one
        if i not in self._companies:
            return False
        written = self._english_places(i)
        return places <= written if written else self._companies.registered_locally(i)

    def _english_places(self, i: int) -> frozenset[str]:
        """The places entity ``i``'s English names state (as Chinese place words), remembered:
        asked only of the few entities a query's short form reaches."""
        found = self._written.get(i)
        if found is None:
            found = self._written[i] = english_places(self.index.entities[i], self.lexicon.tokens)
        return found

    def substitutions(self, text: str) -> list[tuple[str, str]]:
        """``text`` with each English name or abbreviation replaced by the Chinese names of
        the entity it names: ``CASIC二院`` -> ``航天科工二院``, ...; ``(variant, note)``."""
        folded = fold_han(text)
        out: list[tuple[str, str]] = []
        for m in _LATIN_RUN.finditer(folded):
            ids = self.index.exact.get(fold_key(m.group()))
            if not ids:
                continue
            for i in sorted(ids):
                for zh in self._replacements(i):
                    variant = folded[: m.start()] + zh + folded[m.end() :]
                    out.append((variant, f"{m.group()} = {zh}"))
        return out

    def _replacements(self, i: int) -> list[str]:
        found = self._replacements_of.get(i)
        if found is None:
            found = self._replacements_of[i] = self._compute_replacements(i)
        return found

    def _compute_replacements(self, i: int) -> list[str]:
        entity = self.index.entities[i]
        out: list[str] = []
        for zh in entity.chinese_names():
            for form in _name_forms(zh):
                compact = compact_han(form)
                toks = self.lexicon.zh_tokens(compact)
                # The name without its trailing company form: 中国航天科工集团有限公司 -> 中国航天科工.
                while toks and toks[-1].kind == Kind.LEGAL:
                    toks.pop()
                for variant in (compact, "".join(t.text for t in toks)):
                    if variant and variant not in out:
                        out.append(variant)
        return out

    def ignorable(self, word: str, *, person: bool) -> bool:
        """Whether a word around a name leaves the name's identity unchanged."""
        data = load_chinese_words()
        word = compact_han(word)
        if not word or word in data.fillers:
            return True
        if person:
            return word in data.honorifics or word in self.titles
        toks = self.lexicon.zh_tokens(word)
        return bool(toks) and all(t.kind == Kind.LEGAL or t.text in data.scope_words for t in toks)

    def scan(self, text: str, allowed: Collection[int] | None = None) -> list[tuple[int, int, Hit]]:
        """Known names in ``text`` (already folded by :func:`fold_han`), longest first, as
        ``(start, end, hit)``; a span that several entities share is skipped, not shortened."""
        units = self._units_with_names(text)
        kinds = [_ANY] * len(units)
        if units and self.all_anchors is not None:
            known = self._units  # units recur (a clause, a name and what it is glued to)
            kept, kinds = [], []
            for a, b in units:
                unit = text[a:b]
                kind = known.get(unit)
                if kind is None:
                    kind = known.put(unit, self._unit_kind(unit))
                if kind != _NO_NAME:
                    kept.append((a, b))
                    kinds.append(kind)
            units = kept
        if not units:
            return []
        out: list[tuple[int, int, Hit]] = []
        # The names of a unit depend on its words only: remembered (sentences recur in a text).
        memo = self._unit_memo if allowed is None else None
        for (at, _), words, kind in zip(units, self.tokenizer.words_of(text, units), kinds, strict=True):
            found = None if memo is None else memo.get(words)
            if found is None:
                found = self._scan_words(text, at, words, allowed, kind=kind)
                if memo is not None:
                    memo.put(words, found)
            if not found:
                continue
            ends = list(accumulate(map(len, words), initial=at))
            for i, size, hit in found:
                end = ends[i + size]
                if len(hit.ids) == 1 and self._name_ends(hit, text, end):
                    out.append((ends[i], end, hit))
        return out

    def _units_with_names(self, text: str) -> list[tuple[int, int]]:
        """The stretches of ``text`` that the scan reads on their own, and in which a name may be.

        jieba makes a word of its own of every space and punctuation mark outside its blocks,
        and no name runs through one: between two of them is a *unit* (its words are jieba's
        words of the whole text there). A name is two characters or more, one of them Han, none
        of them a Han character that no name holds (a word holding one ends every stretch): a
        unit without two such characters side by side is not segmented at all.
        """
        pair, unit = _unit_patterns(self.name_chars)
        found = pair.search(text)
        if found is None:
            return []
        n = len(text)
        rev = text[::-1]
        out = []
        while found is not None:
            at = found.start()
            start = n - unit.match(rev, n - at).end()  # the unit's characters before ``at``, read backwards
            end = max(unit.match(text, at).end(), found.end())  # never stands still
            out.append((start, end))
            found = pair.search(text, end)
        return out

    def _unit_kind(self, unit: str) -> int:
        """The kind of ``unit``, when folding leaves every span of it as it is
        (:func:`~aeronorm.text.zh.fold_keeps`; else :data:`_ANY`).

        ``lookup`` finds such a span at its exact key, or at a (core or loose) key whose Han
        characters it holds with no other but :attr:`droppable` ones (``_may_hold_key``),
        nowhere else; ``lookup_mixed`` looks it up again with an English name in it replaced by
        a Chinese one. So a span resolves only if, for some key ``K``, it holds ``K``'s Han
        characters and no other but droppable ones (:meth:`_window_holds_a_key`), or it holds an
        English name next to a Han character that can be in a key with the name's Chinese
        replacement (:meth:`_replaced_kind`). :data:`_NO_NAME` when neither can be;
        :data:`_PLAIN` when only the first can; :data:`_KEEPS` when the second can, and every
        Chinese replacement is a string folding leaves as it is (else :data:`_ANY`). In a unit
        of these kinds a stretch resolves only at a key holding every Han character of its
        words but droppable ones (:meth:`_held`); in one of :data:`_PLAIN` kind, only if it
        holds a key's characters (:meth:`_longest`)."""
        if not fold_keeps(unit):
            return _ANY
        if _ASCII_LETTER.search(unit) is not None:
            replaced = self._replaced_kind(unit)
            if replaced != _NO_NAME:
                return replaced
        if len(unit) > _MAX_WINDOWED:
            return _PLAIN if self._window_holds_a_key(unit) else _NO_NAME
        # Only the characters from _FIRST_HAN on bound a stretch or are a key's: the test reads
        # them alone, and their strings recur far more than units do (a clause around names).
        skeleton = _BELOW_FIRST_HAN.sub("", unit)
        holds = self._windows.get(skeleton)
        if holds is None:
            holds = self._windows.put(skeleton, self._window_holds_a_key(skeleton))
        return _PLAIN if holds else _NO_NAME

    def _holds_a_key(self, chars: set[str]) -> bool:
        """Whether ``chars`` hold all the Han characters of some key (exact, core or loose)."""
        anchors = self.all_anchors
        return anchors is None or any(chars.issuperset(key) for c in chars for key in anchors.get(c, ()))

    def _window_holds_a_key(self, unit: str) -> bool:
        """Whether a stretch of ``unit`` (a string of GB 2312 and ASCII characters) holds all the
        Han characters of some key, and no other Han character but :attr:`droppable` ones: for
        each key whose characters the unit holds, the stretches between the Han characters that
        are neither the key's nor droppable."""
        anchors = self.all_anchors
        chars = set(unit)
        if anchors is None or len(unit) > _MAX_WINDOWED:
            return self._holds_a_key(chars)  # a long unit: its characters only (each key a pass)
        bound: list[tuple[int, str]] | None = None
        n = len(unit)
        for c in chars:
            for key in anchors.get(c, ()):
                if not chars.issuperset(key):
                    continue
                if bound is None:
                    free = self.droppable
                    bound = [(p, c) for p, c in enumerate(unit) if c >= _FIRST_HAN and c not in free]
                start, size = 0, len(key)
                for p, b in bound:
                    if b not in key:
                        if p - start >= size and set(unit[start:p]).issuperset(key):
                            return True
                        start = p + 1
                if n - start >= size and set(unit[start:]).issuperset(key):
                    return True
        return False

    def _replaced_kind(self, unit: str) -> int:
        """What the spans of ``unit`` (a string folding leaves as it is) may name through
        ``lookup_mixed``: :data:`_NO_NAME` when nothing, :data:`_KEEPS` when something,
        :data:`_ANY` when it cannot be told (a long run of Latin letters, a Chinese replacement
        that folding may change).

        A span that resolves holds a Han character. One that holds part of a run of Latin
        letters and a Han character holds the nearest Han character on that side of the run,
        and the English name ``lookup_mixed`` replaces there starts the span's part of the run
        (the span goes on to the left) or ends it (to the right). The key ``K`` the replaced
        span resolves at holds every Han character of it but droppable ones (see
        :meth:`_held`): that character, and those of the Chinese name; and ``K``'s characters
        are the Chinese name's or the span's, which ends, on either side of the run, before
        the first Han character that is neither ``K``'s nor droppable. A span is at most
        ``max_len + 8`` characters long (see :meth:`_scan_words`): only so far around the run is
        read."""
        out = _NO_NAME
        known = self._latin
        for m in _LATIN_REGION.finditer(unit):
            region = m.group()
            sides = known.get(region, _UNSEEN)
            if sides is _UNSEEN:
                sides = self._sides(region)
            if sides is _NO_SIDES:
                continue  # (most runs: no English name in them)
            if sides is None:
                return _ANY
            if out == _NO_NAME and self._replaced_may_name(unit, m, sides):
                out = _KEEPS
        return out

    def _replaced_may_name(self, unit: str, run: re.Match[str], sides: tuple[Any, Any]) -> bool:
        """Whether a span holding part of ``run`` (of Latin letters, in ``unit``) and a Han
        character may resolve through ``lookup_mixed`` (see :meth:`_replaced_kind`)."""
        free = self.droppable
        start, end = run.span()
        limit = self.max_len + 8  # the longest span looked up
        lo, hi = max(0, start - limit), end + limit  # the characters a span through the run may hold
        chars: set[str] | None = None
        for side in (0, 1):
            names = sides[side]
            if not names:
                continue
            # the nearest Han character on that side
            near = _LAST_HAN.match(unit, lo, start) if side == 0 else _HAN_CHAR.search(unit, end, hi)
            if near is None:
                continue
            han = near.group()[-1]
            if han in free:  # any key with the name's characters, held by the name and the unit
                if chars is None:
                    chars = set(unit[lo:hi])
                pairs = self._keys_with(names, chars)
            else:
                memo_key = (run.group(), side, han)
                pairs = self._pairs.get(memo_key)
                if pairs is None:
                    pairs = self._pairs.put(memo_key, self._keys_with(names, None, han))
            if not pairs:
                continue  # (most runs: no key holds that character and the name's)
            if chars is None:
                chars = set(unit[lo:hi])
            # (key, its characters the Chinese name lacks): those the span must hold
            before, after = unit[lo:start], unit[end:hi]
            if any(rest <= chars and rest <= _reach(before, after, key, free) for key, rest in pairs):
                return True
        return False

    def _keys_with(self, names: tuple[_Replaced, ...], chars: set[str] | None, han: str = ""
                   ) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """The keys a span with one of these Chinese names in place of an English name may
        resolve at, with their characters the name lacks: keys holding ``han`` (a Han character
        that is not droppable) and the name's characters but droppable ones; or, without
        ``han``, keys whose characters the name and ``chars`` hold."""
        key_chars = self.key_chars
        out: dict[tuple[frozenset[str], frozenset[str]], None] = {}
        for zh, cover in names:
            if han:
                keys = [key_chars[k] for k in _bits(self._keys_with_char(han) & cover)]
            else:
                pool = chars.union(zh)  # type: ignore[union-attr]
                if cover == _EVERY_KEY:  # a name of droppable characters only (a place)
                    keys = [key for c in pool for key in self.all_anchors.get(c, ())  # type: ignore[union-attr]
                            if pool.issuperset(key)]
                else:
                    keys = [key for key in map(key_chars.__getitem__, _bits(cover)) if pool.issuperset(key)]
            for key in map(frozenset, keys):
                out[key, key.difference(zh)] = None
        return tuple(out)

    def _sides(self, region: str) -> tuple[Any, Any] | None:
        """For a run of Latin letters: the Chinese names (Han characters, and the keys that hold
        those of them that are not droppable) that ``lookup_mixed`` puts
        in place of an English name starting at its first letter (a span going on to the left
        of the run holds such a part of it), and of one ending it (to the right); ``None`` when
        it cannot be told (a run too long to try every piece of, a Chinese name folding may
        change). Remembered."""
        if len(region) > _MAX_LATIN_REGION:
            return None
        found = self._latin.get(region, _UNSEEN)
        if found is _UNSEEN:
            letters = [i for i, c in enumerate(region) if c.isalpha()]
            found = _NO_SIDES
            if letters:
                first = letters[0]
                left = self._replaced_names(region[first:j] for j in range(first + 1, len(region) + 1))
                right = self._replaced_names(region[i:] for i in letters)
                if left is None or right is None:
                    found = None
                elif left or right:
                    found = (left, right)
            self._latin.put(region, found)
        return found

    def _replaced_names(self, pieces: Iterable[str]) -> tuple[_Replaced, ...] | None:
        """The Chinese names ``lookup_mixed`` puts in place of those of ``pieces`` that are
        English names, as (Han characters, keys holding those not droppable); ``None`` when
        folding may change one of them."""
        exact = self.index.exact
        out: dict[str, int] = {}
        for piece in pieces:
            for i in exact.get(fold_key(piece), ()):
                for zh in self._replacements(i):
                    if zh not in out:
                        if not fold_keeps(zh):
                            return None
                        out[zh] = self._keys_holding(zh)
        return tuple((_han_set(zh), cover) for zh, cover in out.items())

    def _scan_words(self, text: str, at: int, words: tuple[str, ...], allowed: Collection[int] | None,
                    *, kind: int = _ANY) -> tuple[tuple[int, int, Hit], ...]:
        """The names among the words of one unit (starting at ``at`` in ``text``), longest first
        from each word, as (first word, number of words, hit). ``kind``: the unit's
        (:meth:`_unit_kind`)."""
        limit = self.max_len + 8  # room for company forms around the longest name
        ends = list(accumulate(map(len, words), initial=at))  # where each word starts, and the end
        n = len(words)
        # A word with a Han character that no name holds (and that folding leaves as it is)
        # ends every stretch that would hold it: no longer one can name anything.
        flags = self._stops
        stop = [flags[w] if w in flags else self._stop(w) for w in words]
        upto = [n] * (n + 1)  # the first stop at or after each word
        for k in range(n - 1, -1, -1):
            upto[k] = k if stop[k] else upto[k + 1]
        reach = [min(k + _MAX_WINDOW, upto[k]) for k in range(n)]  # the words a stretch may hold
        covers: list[int] | None = None
        if kind != _ANY:
            # A word that no key holds starts no name (_held); the stretches of the others are
            # narrowed when they are resolved (those remembered are not).
            covers = self._covers(words)
            reach = [r if c else k for k, (r, c) in enumerate(zip(reach, covers, strict=True))]
        plain = kind == _PLAIN
        # The longest name starting at a word depends on the words that follow it only: the
        # answer for a stretch of words is remembered (names and phrases recur in a text). The
        # answers already known are read for a run of words at once; the loop goes only to the
        # words whose stretch is not known to name nothing.
        memo = self._stretches if allowed is None else None
        out = []
        i = 0
        for base in range(0, n, _RUN):
            top = min(n, base + _RUN)
            if memo is None:
                todo = [reach[k] > k for k in range(base, top)]
                known: list[tuple[int, Hit | None] | None] = [None] * (top - base)
            else:
                known = [memo.get(words[k : reach[k]]) if reach[k] > k else _NOTHING
                         for k in range(base, top)]
                todo = [f is None or f[1] is not None for f in known]
            for k in compress(range(base, top), todo):
                if k < i:
                    continue  # inside the name found last
                found = known[k - base]
                if found is None and memo is not None:
                    stretch = words[k : reach[k]]
                    found = memo.get(stretch)  # found since the answers were read
                    if found is None:
                        # the longest name in the stretch, wherever it is (no longer one names
                        # anything where _held ends it)
                        j_max = reach[k] if covers is None else self._held(covers, k, reach[k])
                        found = memo.put(stretch, self._longest(text, ends, k, j_max, limit, None, plain))
                elif found is None:
                    j_max = reach[k] if covers is None else self._held(covers, k, reach[k])
                    found = self._longest(text, ends, k, j_max, limit, allowed, plain)
                size, hit = found
                if hit is not None:
                    out.append((k, size, hit))
                    i = k + size
        return tuple(out)

    def _covers(self, words: tuple[str, ...]) -> list[int]:
        """For a unit of :data:`_PLAIN` or :data:`_KEEPS` kind: the keys that may hold each word
        of it (:meth:`_keys_holding`; see :meth:`_held`)."""
        known = self._covers_of
        return [known[w] if w in known else self._keys_holding(w) for w in words]

    @staticmethod
    def _held(covers: list[int], k: int, end: int) -> int:
        """In a unit of :data:`_PLAIN` or :data:`_KEEPS` kind, the end of the stretch of words
        from ``k`` (up to ``end``) whose Han characters, droppable ones aside, one key holds:
        no longer stretch from ``k`` names anything.

        Whatever key ``K`` a string resolves at (exact, core or loose), ``K`` holds every Han
        character of the string but droppable ones (:attr:`droppable`): it is the string itself,
        or what is left of it once words made of droppable characters are set aside (see
        ``_may_hold_key``). In such a unit a stretch is its own fold, and ``lookup_mixed`` looks
        up the stretch with an English name replaced by a Chinese one: its Han characters stay
        (folding never changes them, in any phrase). So ``K`` holds every word's Han characters
        but droppable ones (a word without other Han characters, an English name, goes with
        any key)."""
        cover, j = covers[k], k
        while j < end:
            cover &= covers[j]
            if not cover:
                break
            j += 1
        return j

    def _keys_holding(self, word: str) -> int:
        """The keys (bits of positions in :attr:`key_chars`) holding every Han character of
        ``word`` but droppable ones (every key when it has no other), remembered."""
        keys = _EVERY_KEY
        for c in _han_set(word).difference(self.droppable):
            keys &= self._keys_with_char(c)
        return self._covers_of.put(word, keys)

    def _keys_with_char(self, char: str) -> int:
        """The keys holding ``char`` (bits of positions in :attr:`key_chars`), remembered."""
        found = self._holding.get(char)
        if found is None:
            packed = self._holding_at.get(char)
            found = self._holding.put(char, 0 if packed is None else _int_of_bits(_unpacked(packed)))
        return found

    def _stop(self, word: str) -> bool:
        """Whether no name runs through ``word``: a space or punctuation, or a word with a Han
        character that no name holds (and that folding leaves as it is) (remembered)."""
        stop = _SKIP_TOKEN.match(word) is not None or word.isspace() or not self.name_chars.issuperset(
            _han_kept(word))
        return self._stops.put(word, stop)

    def _longest(self, text: str, ends: list[int], i: int, j_max: int, limit: int,
                 allowed: Collection[int] | None, plain: bool = False) -> tuple[int, Hit | None]:
        """The longest stretch of words ``i`` to ``j_max`` (at most) that resolves, as (number of
        words, hit), or ``(0, None)``; word ``k`` starts at ``ends[k]`` in ``text``. In a unit of
        :data:`_PLAIN` kind, a stretch resolves only if its characters hold a key's, and the
        longest holds those of every shorter one."""
        start = ends[i]
        if plain and not self._holds_a_key(set(text[start : ends[j_max]])):
            return 0, None
        spans = self._spans if allowed is None else None  # what a span resolves to (common words recur)
        for j in range(j_max, i, -1):
            span = text[start : ends[j]]
            if len(span) > limit or len(span) < 2:
                continue
            if spans is None:
                hit = self.resolve_span(span, allowed)
            else:
                hit = spans.get(span, _UNSEEN)
                if hit is _UNSEEN:
                    hit = spans.put(span, self.resolve_span(span, None))
            if hit is not None:
                return j - i, hit
        return 0, None

    def _name_ends(self, hit: Hit, text: str, end: int) -> bool:
        """Whether a person's name really ends at ``end``: what follows starts a word of the
        dictionary or is a frequent one-character word (说, 在, 和); otherwise the name goes
        on (李洪志 is not 李洪 + 志)."""
        (i,) = hit.ids
        if self.index.entities[i].type != "person" or end >= len(text) or not is_han_char(text[end]):
            return True
        freq = self.tokenizer.frequencies()
        if any(freq.get(text[end : end + k]) for k in (2, 3, 4) if end + k <= len(text)):
            return True
        return freq.get(text[end], 0) >= _FREQUENT_CHAR

    def resolve_span(self, span: str, allowed: Collection[int] | None) -> Hit | None:
        """Resolve a stretch of text as one name: the tables, then English abbreviations joined."""
        if HAN_RE.search(span) is None:
            return None
        hit = self.lookup(span, allowed)
        if hit is not None:
            return hit
        if _ASCII_LETTER.search(span) is not None:
            return self.lookup_mixed(span, allowed)
        return None

    def lookup_mixed(self, text: str, allowed: Collection[int] | None) -> Hit | None:
        """Look up every :meth:`substitutions` variant; the entities of the best level found."""
        rank = {"exact": 0, "core": 1, "loose": 2}
        best: dict[str, tuple[set[int], str]] = {}
        for variant, note in self.substitutions(text):
            hit = self.lookup(variant, allowed)
            if hit is None:
                continue
            ids, why = best.setdefault(hit.level, (set(), f"{note}; {hit.evidence}"))
            ids.update(hit.ids)
        if not best:
            return None
        level = min(best, key=rank.__getitem__)
        ids, why = best[level]
        return Hit(level, frozenset(ids), why)


_ORDINAL_UNIT = re.compile("第?([一二三四五六七八九十]{1,3})(?:研究)?院")
_ORDINAL_BEFORE = frozenset("第一二三四五六七八九十百零〇")  # (一院 of 十一院 or 第一院 is no 一院)


@lru_cache(maxsize=8)
def _alternatives(strings: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern finding any of ``strings``, the longest first where two start alike."""
    return re.compile("|".join(map(re.escape, sorted(strings, key=len, reverse=True))))


def _ordinal_unit(alias: str) -> str:
    """A context alias that is a bare ordinal and 院 (五院, 十一院), as written; else ``""``."""
    m = _ORDINAL_UNIT.fullmatch(alias)
    return m.group(1) + "院" if m and not alias.startswith("第") and "研究" not in alias else ""


@lru_cache(maxsize=65536)
def _han_kept(word: str) -> str:
    """The Han characters of a word of folded text that folding it again cannot change: not
    converted by OpenCC on their own, and simplified (GB 2312)."""
    return "".join(c for c in word if is_han_char(c) and unicodedata.normalize("NFKC", c) == c
                   and to_simplified(c) == c and not maybe_traditional(c))


# Characters that jieba keeps in its blocks although they are no word characters.
_JOINERS = "+#&.%\\-"


@lru_cache(maxsize=8)
def _unit_patterns(name_chars: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two expressions for :meth:`ChineseIndex.scan`, for one index's name characters: two
    characters side by side that a name may hold, one of them Han; and the characters of a unit
    (a word character or one of jieba's joiners)."""
    dead = "".join(c for c in gb2312_han() if _han_kept(c) == c and c not in name_chars)
    live = f"(?:[^\\W{dead}]|[{_JOINERS}])"
    # A Han character of a unit: a word character (an unassigned code point of the Han blocks is
    # none, and a unit must hold the two characters it is found by, or the scan stands still).
    # The expression opens with one character class (the Han blocks, dead characters cut out),
    # which the regular expression engine skips to, and looks at the characters around it: the
    # pair it finds is then the Han character of the first pair in the text (or the one after
    # it), in the same unit, which is all the scan reads of it.
    han = f"[{_without(HAN_CLASS[1:-1], dead)}](?<=\\w)"
    return (re.compile(f"(?s:{han}(?:(?={live})|(?<={live}.)))"),
            re.compile(f"(?:\\w|[{_JOINERS}])*"))


def _without(ranges: str, chars: str) -> str:
    """A character class's ranges (``"a-zA-Z"``: ranges only, no escapes) without ``chars``."""
    spans = re.findall("(.)-(.)", ranges, flags=re.S)
    if "".join(a + "-" + b for a, b in spans) != ranges:
        raise ValueError(f"not a class of ranges only: {ranges!r}")
    cut = sorted(set(map(ord, chars)))
    out = []
    for a, b in spans:
        lo, hi = ord(a), ord(b)
        for c in cut[bisect_left(cut, lo) : bisect_right(cut, hi)]:
            if lo < c:
                out.append((lo, c - 1))
            lo = c + 1
        if lo <= hi:
            out.append((lo, hi))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in out)


def _reach(before: str, after: str, key: frozenset[str], free: frozenset[str]) -> set[str]:
    """The characters of ``before`` (back from its end) and ``after`` up to the first Han
    character that is neither ``key``'s nor in ``free`` (strings of GB 2312 and ASCII)."""
    out: set[str] = set()
    for c in reversed(before):
        if c >= _FIRST_HAN and c not in key and c not in free:
            break
        out.add(c)
    for c in after:
        if c >= _FIRST_HAN and c not in key and c not in free:
            break
        out.add(c)
    return out


def _packed(positions: list[int]) -> bytes:
    """Positions as 4-byte little-endian unsigned ints (a saved index may be read elsewhere)."""
    packed = array("I", positions)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _unpacked(packed: bytes) -> array[int]:
    """The positions :func:`_packed` packed."""
    positions = array("I", packed)
    if sys.byteorder == "big":
        positions.byteswap()
    return positions


def _int_of_bits(positions: Sequence[int]) -> int:
    """The int whose bits set are ``positions`` (built once: no int per position)."""
    bits = bytearray(max(positions) // 8 + 1)
    for k in positions:
        bits[k >> 3] |= 1 << (k & 7)
    return int.from_bytes(bits, "little")


def _bits(keys: int) -> list[int]:
    """The positions of the bits set in ``keys``."""
    out = []
    while keys:
        low = keys & -keys
        out.append(low.bit_length() - 1)
        keys ^= low
    return out


def _han_set(text: str) -> frozenset[str]:
    """The Han characters of ``text``."""
    return frozenset("".join(_HAN_RUNS.findall(text)))


def _anchors(sets: list[str]) -> dict[str, list[str]] | None:
    """The Han characters of each key (``sets``, one string of them per key, each character
    once), filed under the one that fewest keys hold; ``None`` when a key has no Han character
    (every string may then hold one)."""
    if not all(sets):
        return None
    counts = Counter(c for chars in sets for c in chars)
    out: dict[str, list[str]] = defaultdict(list)
    for chars in dict.fromkeys(sets):
        out[min(chars, key=lambda c: (counts[c], c))].append(chars)
    return dict(out)


@cache
def _by_length(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _filter(ids: Iterable[int] | None, allowed: Collection[int] | None) -> frozenset[int]:
    if not ids:
        return frozenset()
    return frozenset(i for i in ids if allowed is None or i in allowed)


def _name_forms(zh: str) -> list[str]:
    """A Chinese name as written, and without its bracketed asides (知一航宇（北京）科技)."""
    folded = fold_han(zh)
    forms = [zh]
    stripped = ASIDE_RE.sub("", folded)
    if stripped != folded and stripped.strip():
        forms.append(stripped)
    return forms


# -- the stage ----------------------------------------------------------------------------------
class ChineseStage:
    """Han input (simplified or traditional, possibly mixed with an English abbreviation).

    Says nothing of input without Chinese characters. Input of Chinese characters only that
    fits no name gets an abstention, so that no later stage compares it by sound.
    """

    name: ClassVar[Method] = "chinese"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.calibration = calibration
        self.table = BuildOnce(lambda: ChineseIndex(index))

    def warm(self) -> None:
        """Build the Chinese tables now, and load their jieba tokenizer."""
        self.table.get().tokenizer.frequencies()  # loads jieba and the glossary's names into it

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        if not query.han:
            return None
        ci = self.table.get()
        scores = self.calibration.chinese
        forms = list(dict.fromkeys(fold_han(f) for f in query.forms))
        traditional = any(fold_han(f) != f for f in query.forms)
        latin = any(c.isascii() and c.isalpha() for f in forms for c in f)
        note = ("folded (traditional -> simplified, full-width -> ASCII)",) if traditional else ()

        for form in forms:
            hit = ci.lookup(form, allowed, loose=False)
            if hit is None and latin:
                hit = ci.lookup_mixed(form, allowed)
                if hit is not None and hit.level == "loose":
                    hit = None  # a substituted name must be close to a real one
            if hit is not None:
                return self._outcome(hit, scores[hit.level], (*note, hit.evidence))

        for form in forms:
            unit = ci.lookup_unit(form, allowed)
            if unit is not None:
                return self._outcome(unit, scores[unit.level], (*note, unit.evidence))

        if not latin:
            for form in forms:
                concept = match_concepts(self.index, Query(form), allowed, self.calibration)
                if concept is not None:
                    return concept

        for form in forms:
            hit = ci.lookup(form, allowed)
            if hit is not None:
                return self._outcome(hit, scores[hit.level], (*note, hit.evidence))

        embedded = _embedded(ci, forms[0], allowed)
        if embedded is not None:
            return self._outcome(embedded, scores["embedded"], (*note, embedded.evidence))
        if latin:
            return None
        return Outcome(None, 0.0, "chinese", (*note, "no Chinese name of the glossary fits"))

    def _outcome(self, hit: Hit, score: float, evidence: tuple[str, ...]) -> Outcome:
        if len(hit.ids) == 1:
            (i,) = hit.ids
            return found(self.index, i, score, "chinese", evidence)
        return ambiguous(self.index, hit.ids, score, "chinese", (*evidence, f"fits {len(hit.ids)} entities"))


def _embedded(ci: ChineseIndex, text: str, allowed: Collection[int] | None) -> Hit | None:
    """One known name inside longer input, everything around it ignorable."""
    mentions = ci.scan(text, allowed)
    if not mentions:
        return None
    entities = ci.index.entities
    main = [(s, e, h) for s, e, h in mentions if entities[next(iter(h.ids))].type != "title"]
    if len(main) != 1:
        return None
    start, end, hit = main[0]
    (i,) = hit.ids
    person = entities[i].type == "person"
    covered = [(s, e) for s, e, h in mentions if (s, e) == (start, end) or person]
    rest = []
    pos = 0
    for s, e in sorted(covered):
        rest.append(text[pos:s])
        pos = e
    rest.append(text[pos:])
    leftover = "".join(rest)
    if any(c.isalnum() for c in leftover):
        words = ci.tokenizer.cut(leftover)
        if not all(w.isspace() or _SKIP_TOKEN.match(w) or ci.ignorable(w, person=person) for w in words):
            return None
    return Hit("embedded", hit.ids, f"{text[start:end]} in {text}")
