"""Stage 6, pinyin: romanised input against the pinyin keys of the Chinese names.

A romanised query is turned into pinyin letters and compared with the pinyin of every
Chinese name (:class:`~aeronorm.pipeline.pinyin_keys.PinyinKeys`):

* pinyin with or without spaces, hyphens, apostrophes, tone marks (``Zhōngguó``) or tone
  numbers (``Zhong1guo2``); ü written ``u``, ``v`` or ``ü``;
* pinyin-English hybrids: English words of the term lexicon and English place names stand
  for the pinyin of their Chinese (``Hunan Guofang Keji University`` -> ``guofangkejidaxue``,
  ``Harbin Gongye Daxue`` -> ``haerbingongyedaxue``);
* a leading place may be left out, but never replaced by another place;
* *derived* keys: the syllable abbreviations a Chinese name supports (西北工业大学 -> 西北工大,
  ``Xibei Gongda``; 南京航空航天大学 -> 南航) and its brand without the trade words
  (最终前沿航天科技 -> ``Zuizhong Qianyan``), three syllables or more, unique in the glossary;
* one misspelt word that is not pinyin (``hangtiang``, ``suog``) in an otherwise exact long
  key, when one letter mends it into the syllables of exactly one name.

Precision first: every key is compared whole (no partial credit), a key several entities
share is an abstention, and weaker keys score lower.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any, ClassVar

from rapidfuzz.distance import Levenshtein

from ..caching import BuildOnce
from ..index import Index
from ..lexicon import Kind, Tok
from ..lexicon.compare import institution_types
from ..lexicon.word_classes import load_word_classes
from ..resources import load_chinese_words, load_places, load_places_abroad
from ..results import Method
from ..text.fold import fold_key, has_han, is_han_char, tokenize
from ..text.pinyin import split_syllables, to_pinyin
from .base import Outcome, SharedTables, ambiguous, found
from .calibration import Calibration
from .companies import Companies, company_form_family
from .entity_ids import EntityIds, KeyTable, add_ids, ids_of, seal
from .pinyin_keys import PinyinKeys
from .places import english_places
from .query import Query

__all__ = ["PinyinStage", "RomanIndex", "derived_forms", "pinyin_letters"]

_ACRONYM_IN = re.compile(r"\b[A-Z][A-Z&]{2,}\b")  # CALT, CASC in a note (TV is none)
_TONE_NUMBERS = re.compile(r"^(?:[a-zv]+[1-5])+[a-zv]*$")
_MAX_COMBOS = 64
_MAX_PIECES = 7  # longer names are not abbreviated syllable by syllable
_MIN_DERIVED_SYLLABLES = 3
_MIN_REPAIR_LETTERS = 12


def _plain(word: str) -> str:
    """A word with tone numbers removed (``zhong1guo2`` -> ``zhongguo``) when that makes pinyin."""
    if _TONE_NUMBERS.match(word):
        bare = re.sub(r"[1-5]", "", word)
        if split_syllables(bare):
            return bare
    return word


def _key(letters: str) -> str:
    return letters.replace("v", "u")


def _well_formed(word: str) -> bool:
    """Pinyin as it is written: syllables, and none after the first beginning with a vowel
    (that one would need an apostrophe: Xi'an). ``hangtiang`` (hang-ti-ang) is not."""
    syllables = split_syllables(word) if word.isalpha() else None
    return bool(syllables) and not any(s[0] in "aoe" for s in syllables[1:])


def pinyin_letters(text: str) -> list[str]:
    """Letter keys of a romanised name, or ``[]`` when it is not (mostly) pinyin.

    Company forms at the end are dropped; a leading place may be dropped too. Tone numbers
    are removed and ü is written ``u``.

    Examples
    --------
    >>> pinyin_letters("Beijing Tianbing Keji YG")
    ['beijingtianbingkeji', 'tianbingkeji']
    >>> pinyin_letters("Zhong1guo2 Hang2tian1")
    ['zhongguohangtian']
    >>> pinyin_letters("Northwestern Polytechnical University")
    []
    """
    legal = load_word_classes().pinyin_legal
    words = [_plain(w) for w in tokenize(text)]
    while words and words[-1] in legal:
        words.pop()
    if len(words) < 1 or not all(w.isalpha() and split_syllables(w) for w in words):
        return []
    letters = "".join(words)
    if len(split_syllables(letters) or ()) < 2:
        return []
    keys = [_key(letters)]
    if len(words) > 1 and words[0] in _place_words():
        keys.append(_key("".join(words[1:])))
    return keys


@cache
def _place_words() -> frozenset[str]:
    return frozenset(en.replace("'", "") for _, forms in load_places() for en in forms if " " not in en)


@cache
def _place_zh() -> dict[str, str]:
    """English or romanised place form (one word, folded) -> Chinese."""
    out: dict[str, str] = {}
    for zh, forms in load_places():
        for en in forms:
            out.setdefault(" ".join(tokenize(en)), zh)
    return out


# -- entity side ------------------------------------------------------------------------------
def _syllables(text: str) -> list[str]:
    """Pinyin of each character of a Chinese string (one syllable per Han character)."""
    return [_key(s) for s in to_pinyin(text)]


#: Abbreviations tried per Chinese name: enough for the usual shortenings, bounded for
#: glossaries of many thousand names.
_MAX_COMBINATIONS = 64


def _piece_options(text: str, kind: Kind, *, brand: bool = False) -> list[tuple[int, ...]]:
    """How one piece of a Chinese name may appear in an abbreviation: the positions it keeps
    (a ``brand`` only whole)."""
    n = len(text)
    if kind == Kind.LEGAL:
        return [()]
    if n >= 5 or brand:
        return [tuple(range(n))]
    opts = [tuple(range(n))]
    if n >= 2:
        opts.append((0,))
    if n == 4:
        opts.append((0, 2))  # 工业大学 -> 工大
    if kind in (Kind.PLACE, Kind.GENERIC) or text in load_chinese_words().roman_scope:
        opts.append(())
    return opts


# a naming piece shortened; something of a place, a region or a brand kept; a place cut; a
# naming piece kept whole
_SHORTENED, _OWN, _DROPS, _WHOLE = 1, 2, 4, 8


def derived_forms(pieces: list[tuple[str, Kind]], *, lexicon_terms: Collection[str] = (),
                  memo: dict[Any, Any] | None = None,
                  read_before: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """Shortened Chinese forms a name supports, with their pinyin letters.

    ``pieces`` is the name segmented into lexicon morphemes with their kinds. A syllable
    abbreviation keeps each piece whole, keeps its first character (a four-character piece
    may keep its first and third: 工业大学 -> 工大), or, for places and descriptors, drops
    it; a brand (a naming piece none of ``lexicon_terms``) is kept whole. It must shorten at
    least one naming piece and keep three characters or more. The
    brand is the name without its place and without the run of known trade words at its end.
    Readings are those of the full name (polyphones read in context). ``memo``, a dict kept
    across the names of one table (one set of ``lexicon_terms``), remembers the readings and
    options of the pieces that are lexicon terms; ``read_before``, the pinyin of words already
    read (:class:`~aeronorm.pipeline.base.Readings`).

    Examples
    --------
    >>> forms = derived_forms([("西北", Kind.PLACE), ("工业大学", Kind.NAME)])
    >>> forms["西北工大"], forms["西工大"]
    ('xibeigongda', 'xigongda')
    >>> derived_forms([("最终前沿", Kind.NAME), ("山东", Kind.PLACE), ("航天", Kind.NAME),
    ...                ("科技", Kind.NAME)], lexicon_terms={"航天", "科技"})["最终前沿"]
    'zuizhongqianyan'
    """
    out: dict[str, str] = {}
    core = [(t, k) for t, k in pieces if k != Kind.LEGAL]
    if not core:
        return out
    # A morpheme's readings and options, worked out once per table (``memo``, one per set of
    # lexicon_terms): names share them (大学, 科技, places). Other pieces (brands) are rarely
    # shared: remembered, they would hold tens of MB while the table is built.
    memo = {} if memo is None else memo
    readings = []
    for t, _ in core:
        reading = memo.get(t)
        if reading is None:
            known = read_before.get(t) if read_before else None
            reading = _syllables(t) if known is None else [_key(s) for s in known]
            if t in lexicon_terms:
                memo[t] = reading
        readings.append(reading)
    if any(len(r) != len(t) for r, (t, _) in zip(readings, core, strict=True)):
        return out  # characters pypinyin cannot read: no reliable letters
    full = "".join(t for t, _ in core)
    if len(core) <= _MAX_PIECES:
        # Each piece's options as (characters kept, their letters, whether a naming piece is
        # shortened), made once: a name tries up to 64 combinations of them.
        # A brand (a naming piece the lexicon does not know: 鑫诺) is kept whole: Chinese
        # abbreviations shorten places and common words (南京航空 -> 南航), and a brand cut to its
        # first character spells other names (鑫卫 is not 鑫诺卫星, and "Xinwei" is another company).
        # A form that drops or cuts the name's place, or keeps the country (whole or a character)
        # before shortened words, keeps something of its own too (a place's character, a region,
        # a brand): common words alone, or the country and common words, are a nickname many
        # bodies share (电子科大 of 西安电子科技大学 is also UESTC's; 中科大 and 中国科大 of
        # 中国科学院大学 are USTC's; 国防科大 drops nothing); so does one that keeps no word whole
        # (国科大 of 国防科技大学 is UCAS's nickname). Each option says so in its flags:
        # _SHORTENED, _OWN, _DROPS, _WHOLE.
        words = load_chinese_words()
        options = []
        for (t, k), reading in zip(core, readings, strict=True):
            brand = bool(lexicon_terms) and k == Kind.NAME and t not in lexicon_terms
            scope = t in words.roman_scope
            own = brand or (k == Kind.PLACE and not scope) or t in words.regions
            opts = memo.get((t, k, brand))
            if opts is None:
                opts = [("".join(t[c] for c in keep), "".join(reading[c] for c in keep),
                         (_SHORTENED if keep and len(keep) < len(t) and k == Kind.NAME else 0)
                         | (_OWN if keep and own else 0)
                         | (_DROPS if (k == Kind.PLACE and not scope and len(keep) < len(t))
                            or (scope and keep) else 0)
                         | (_WHOLE if len(keep) == len(t) and k == Kind.NAME else 0))
                        for keep in _piece_options(t, k, brand=brand)]
                if t in lexicon_terms:
                    memo[t, k, brand] = opts
            options.append(opts)
        for form, letters, flags in _first_combinations(options, _MAX_COMBINATIONS):
            if flags & _SHORTENED and (flags & _OWN or (flags & _WHOLE and not flags & _DROPS)) \
                    and len(form) >= _MIN_DERIVED_SYLLABLES and form != full and form not in out:
                out[form] = letters
    # Brand: leading pieces before the trailing run of known trade words (places set aside).
    scope = load_chinese_words().roman_scope
    named = [p for p, (t, k) in enumerate(core) if k != Kind.PLACE and t not in scope]
    cut = len(named)
    while cut > 0 and core[named[cut - 1]][0] in lexicon_terms:
        cut -= 1
    brand_pieces = named[:cut]
    brand = "".join(core[p][0] for p in brand_pieces)
    if 0 < cut < len(named) and not all(core[p][0] in lexicon_terms for p in brand_pieces):
        letters = "".join("".join(readings[p]) for p in brand_pieces)
        if len(brand) >= _MIN_DERIVED_SYLLABLES:
            out.setdefault(brand, letters)
        if core[0][1] == Kind.PLACE and named and named[0] > 0:
            # The brand after its place, whole or by its first character (南京 + 信大 -> 南信大).
            place, place_py = core[0][0], readings[0]
            for head, head_py in ((place, "".join(place_py)), (place[0], place_py[0])):
                if len(head + brand) >= _MIN_DERIVED_SYLLABLES:
                    out.setdefault(head + brand, head_py + letters)
    return out


def _sub_pieces(piece: str, terms: Collection[str]) -> list[str]:
    """A long lexicon morpheme cut into the shorter morphemes it is made of, for abbreviating
    (航空航天大学 -> 航空航天 + 大学); kept whole when it cannot be cut so."""
    n = len(piece)
    if n < 4:
        return [piece]
    # best[i]: fewest terms covering piece[i:], the piece itself excluded
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - 1, -1, -1):
        for j in range(n, i, -1):
            sub = piece[i:j]
            rest = best[j]
            if (
                rest is not None
                and sub != piece
                and sub in terms
                and (best[i] is None or len(rest) + 1 < len(best[i]))
            ):
                best[i] = [sub, *rest]
    return best[0] or [piece]


def _first_combinations(options: list[list[tuple[str, str, int]]], limit: int
                        ) -> list[tuple[str, str, int]]:
    """The first ``limit`` combinations of the pieces' options in :func:`itertools.product`'s
    order, each joined: (characters, letters, the options' flags or-ed). Built piece by
    piece from the prefixes those combinations start with: one concatenation per step, where
    joining every combination whole took most of the pinyin tables' build."""
    # the first `limit` combinations start with the first ceil(limit / rest) prefixes of each length
    rest = [1] * (len(options) + 1)
    for k in range(len(options) - 1, -1, -1):
        rest[k] = rest[k + 1] * len(options[k])
    made: list[tuple[str, str, int]] = [("", "", 0)]
    for k, opts in enumerate(options):
        need = -(-limit // rest[k + 1])
        made = [(form + o_form, letters + o_letters, flags | o_flags)
                for form, letters, flags in made for o_form, o_letters, o_flags in opts][:need]
    return made[:limit]


def _limited_product(options: list[list[Any]], limit: int) -> Iterable[tuple[Any, ...]]:
    for k, combo in enumerate(product(*options)):
        if k >= limit:
            return
        yield combo


class RomanIndex:
    """Derived romanisation keys of an :class:`~aeronorm.index.Index` (built on first use).

    Attributes
    ----------
    derived : KeyTable
        Pinyin letters of each derived form (西北工大: ``xibeigongda``) -> entity positions
        (:class:`~aeronorm.pipeline.entity_ids.KeyTable`, read as a dict).
    places : dict
        Entity position -> Chinese places its Chinese names contain, and those its English names
        state, for every entity with a Chinese name (:meth:`placed` is asked of no other).
    """

    def __init__(self, index: Index, pinyin_keys: PinyinKeys,
                 readings: Mapping[str, tuple[str, ...]] | None = None):
        lex = index.lexicon
        scope = load_chinese_words().roman_scope
        self.index = index
        self._companies = Companies(index.entities, index.lexicon)
        # Dozens of keys per name, nearly all of one entity: an int each, not a set.
        derived: dict[str, Any] = {}
        pieces_read: dict[Any, Any] = {}  # derived_forms' memo of the pieces of names
        sub_pieces: dict[str, list[str]] = {}  # a morpheme's shorter morphemes, worked out once
        self.places: dict[int, frozenset[str]] = {}
        same_places: dict[frozenset[str], frozenset[str]] = {}  # few distinct sets: one object each
        self.national: set[int] = set()
        english = _english_tokens(index)
        for i, entity in enumerate(index.entities):
            if entity.type == "person" or not entity.chinese_names():
                continue  # (only a Chinese name has pinyin keys: no other entity is looked up here)
            # where its English names say it is ("X (Beijing) Space Technology") counts too
            written = english_places(entity, lambda name, i=i: english.get((i, name)) or lex.tokens(name))
            if written:
                self.places[i] = same_places.setdefault(written, written)
            for zh in entity.chinese_names():
                toks = lex.zh_tokens(zh)
                pieces: list[tuple[str, Kind]] = []
                for t in toks:
                    if has_han(t.text):
                        subs = sub_pieces.get(t.text)
                        if subs is None:
                            subs = _sub_pieces(t.text, lex.zh_terms)
                            if t.text in lex.zh_terms:  # (a brand is rarely met twice)
                                sub_pieces[t.text] = subs
                        pieces += [(sub, t.kind) for sub in subs]
                places = frozenset(t for t, k in pieces if k == Kind.PLACE)
                places = self.places.get(i, frozenset()) | places
                self.places[i] = same_places.setdefault(places, places)
                if any(t in scope for t, _ in pieces):
                    self.national.add(i)
                if not all(has_han(t.text) for t in toks):
                    continue  # Latin or digits inside: not abbreviated
                if entity.type != "org":
                    continue  # organisations are shortened so (北航, 西工大); an exhibition is not
                forms = derived_forms(pieces, lexicon_terms=lex.zh_terms, memo=pieces_read,
                                      read_before=readings)
                add_ids(derived, set(forms.values()), i)
        # 1.3 million keys of 27 letters at 100,000 entities: one string of them, not a dict
        self.derived: KeyTable = KeyTable(seal(derived))
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for key in pinyin_keys.keys:
            self.by_length[len(key)].append(key)

    def placed(self, i: int, places: frozenset[str]) -> bool:
        """Whether entity ``i`` may carry these places in front: it is there, or it names no
        place, is not national, and the place is in China, where it is registered (北京 +
        天兵科技 yes; 北京 + 航天科工 no; 日本 + anything without 日本 no)."""
        if not places:
            return True
        own = self.places.get(i, frozenset())
        if own:
            return places <= own
        # where a company is registered; before an institution, an event or an award another
        # one ("Shenzhen Qinghua Daxue" is no 清华大学)
        return i not in self.national and places.isdisjoint(load_places_abroad()) and (
            self._companies.registered_locally(i) or self.index.entities[i].type == "title")

    def states(self, i: int, places: frozenset[str]) -> bool:
        """Whether entity ``i``'s names state these places: a place in brackets is part of a
        company's name (X (Suzhou) Co. is X's company in Suzhou), never just its registration."""
        return places <= self.places.get(i, frozenset())


def _english_tokens(index: Index) -> dict[tuple[int, str], tuple[Tok, ...]]:
    """(entity, English text) -> the tokens the index read it as, for the entities with a Chinese
    name: the places they state, without asking the lexicon again (at 100,000 entities its memo
    has forgotten most names by now, and reading them again was most of these tables' build).

    A representation's places are the lexicon's: the index narrows institution types and marks
    a parent's name, never a place. The first representation of a text is the text as written
    (the one after it may spell another entity's acronym out); Chinese texts are left out.
    """
    out: dict[tuple[int, str], tuple[Tok, ...]] = {}
    entities = index.entities
    for rep in index.reps:
        if rep.label in ("name", "alias") and entities[rep.entity].chinese_names() and not has_han(rep.text):
            out.setdefault((rep.entity, rep.text), rep.tokens)
    return out


# -- query side -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _QueryKey:
    letters: str
    places: frozenset[str]  # places left out at the front
    romanised: int  # syllables spelt in pinyin by the query itself
    hybrid: bool  # some syllables come from English words
    aside: frozenset[str] = frozenset()  # places in brackets, which the entity must state


def _token_options(tok: Tok) -> tuple[list[str], bool]:
    """Pinyin a query token may stand for, and whether the token is romanised itself."""
    words = tok.text.split()
    plain = [_plain(w) for w in words]
    own = all(w.isalpha() and split_syllables(w) for w in plain)
    opts: list[str] = []
    if own:
        opts.append(_key("".join(plain)))
    romanised = own and tok.key == tok.text  # not an English word of the lexicon
    if not romanised and len(institution_types(tok)) > 1:
        return opts, romanised  # "Institute of Technology": 工业大学 or 理工大学, no one pinyin
    if not romanised:
        for concept in sorted(k for k in tok.keys if has_han(k) and all(is_han_char(c) for c in k)):
            letters = "".join(_syllables(concept))
            if letters and letters not in opts:
                opts.append(letters)
    return opts, romanised


_WORDISH = re.compile(r"[A-Za-z0-9]+")
_TONE_DIGIT = re.compile(r"[1-5]")  # _plain changes no word without one
_SPLIT_SYLLABLE = re.compile(r"\b([^\W\d_]+)[ \-]+([^\W\d_]{1,2})\b")


def _join_syllable(m: re.Match[str]) -> str:
    before, word = tokenize(m.group(1)), tokenize(m.group(2))
    if (len(before) == 1 and len(word) == 1 and word[0] in _syllable_stop_words()
            and split_syllables(before[0])):
        return m.group(1) + m.group(2)
    return m.group()


@cache
def _syllable_stop_words() -> frozenset[str]:
    """English function words that are pinyin syllables too (an 安, a 阿)."""
    return frozenset(w for w in load_word_classes().stop_words if w.isalpha() and split_syllables(w))


def _query_keys(index: Index, text: str) -> list[_QueryKey]:
    lex = index.lexicon
    legal = load_word_classes().pinyin_legal
    written = text
    text = _WORDISH.sub(lambda m: _plain(m.group().lower()), text)  # tone numbers off first
    if not any(w.isalpha() and w not in legal and split_syllables(w) for w in tokenize(text)):
        return []  # no pinyin word at all: nothing to compare (and no lexicon pass to pay for)
    # Without tone numbers the text differs from the name as written by letter case only, which
    # the lexicon folds: its tokens are the written name's, which the earlier stages had read.
    read = text if _TONE_DIGIT.search(written) else written
    # A syllable that is an English function word ("Xi An", "Xī Ān": 西安) is joined to the
    # pinyin before it, or the lexicon drops it as a stop word and the letters lose a syllable.
    read = _SPLIT_SYLLABLE.sub(_join_syllable, read)
    toks = [t for t in lex.tokens(read) if t.kind != Kind.LEGAL]
    while toks and toks[-1].text in legal:
        toks.pop()
    if not toks:
        return []
    options: list[list[str]] = []
    romanised_syl: list[int] = []
    own_flags: list[bool] = []
    for tok in toks:
        opts, romanised = _token_options(tok)
        if not opts:
            return []
        options.append(opts)
        own_flags.append(romanised)
        romanised_syl.append(len(split_syllables(opts[0]) or ()) if romanised else 0)
    if not any(own_flags):
        return []  # all English: the concept and fuzzy stages compare it
    first_place = _place_zh().get(toks[0].text) if len(toks) > 1 else None
    out: list[_QueryKey] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for combo in _limited_product(options, _MAX_COMBOS):
        hybrid = any(c != options[k][0] or not own_flags[k] for k, c in enumerate(combo))
        variants = [("".join(combo), frozenset(), sum(romanised_syl))]
        if first_place:
            rest = sum(romanised_syl[1:])
            variants.append(("".join(combo[1:]), frozenset({first_place}), rest))
        for letters, places, rom in variants:
            if (letters, places) not in seen and rom > 0:
                seen.add((letters, places))
                out.append(_QueryKey(letters, places, rom, hybrid or not all(own_flags)))
    return out


# -- the stage -------------------------------------------------------------------------------
def _roman(index: Index, shared: SharedTables) -> RomanIndex:
    """The derived romanisations, reading the Chinese words the pinyin keys read already."""
    table = RomanIndex(index, shared.pinyin_keys.get(), shared.readings.of)
    shared.readings.done()
    return table


class PinyinStage:
    """A romanised (or pinyin-English) name against the pinyin keys of every Chinese name.

    A name found only under another place (``Shanghai Tianbing Keji`` for a Beijing company)
    is an abstention: the query names another entity of the same brand.
    """

    name: ClassVar[Method] = "pinyin"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.calibration = calibration
        self.pinyin_keys = shared.pinyin_keys
        self.roman = BuildOnce(lambda: _roman(index, shared))

    def warm(self) -> None:
        """Build the pinyin keys and the derived romanisations now."""
        self.roman.get()

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        if query.han:
            return None
        index, cal = self.index, self.calibration
        elsewhere: dict[int, str] = {}
        # A place set aside in brackets ("Huada Qinglan Biotech (Wuxi)") must fit the entity too.
        aside_places = frozenset(p for a in query.asides if (p := _place_zh().get(" ".join(tokenize(a)))))
        # Any other aside that describes ("Li Hong (footballer)", "X University (Press)") is not
        # set aside: a namesake or a part is no answer. (Acronyms and quoted short names are set
        # aside by the query's core; a note that names an organisation by its acronym, "[CALT
        # sea launch]", speaks of one, most often the entity's own, as does one that names a
        # glossary entity: "Yang Liwei (Shenzhou-5)", "Guodian Gaoke (Tianqi)".)
        kept = query.core or query.text
        noted = any(a in kept and not _place_zh().get(" ".join(tokenize(a))) and not _ACRONYM_IN.search(a)
                    and not self._names_an_entity(a) for a in query.asides)
        for form in (query.text, query.bare) if query.bare and not noted else (query.text,):
            qkeys = _query_keys(index, form)
            if form != query.text and aside_places:
                qkeys = [_QueryKey(q.letters, q.places | aside_places, q.romanised, q.hybrid, aside_places)
                         for q in qkeys]
            if not qkeys:
                continue
            # 1. full pinyin keys of the names
            keys = self.pinyin_keys.get().keys
            for tier in (False, True):  # pure romanisation before hybrids
                hit = _lookup(keys, [q for q in qkeys if q.hybrid == tier], allowed, self.roman, elsewhere)
                if hit is not None:
                    if len(hit[1]) > 1:
                        whole = hit[1].intersection(ids_of(self.pinyin_keys.get().full, hit[0]))
                        hit = (hit[0], whole) if len(whole) == 1 else self._by_company_form(form, hit)
                    return self._outcome(hit, cal.pinyin)
            # 2. derived keys: abbreviations and brands; not for a name of common words only
            # ("Weixing Keji" is 卫星科技, satellite technology, whatever abbreviation spells it)
            strong = [q for q in qkeys if q.romanised >= 2 and len(split_syllables(q.letters) or ()) >= 3]
            # (no strong key, nothing to look up: the derived table, ~90 µs an entity to build,
            # is built by the first name that has one)
            hit = None if not strong or self._common_words(form) else _lookup(
                self.roman.get().derived, strong, allowed, self.roman, elsewhere)
            if hit is not None:
                return self._outcome(self._by_company_form(form, hit), cal.pinyin_derived, "derived ")
        # 3. one misspelt word, in a name that is otherwise romanised (two pinyin words or more;
        # English names never pay for the romanisation tables)
        for form in query.forms:
            if sum(1 for w in tokenize(form) if w.isalpha() and split_syllables(w)) < 2:
                continue
            repaired = self._repair(form, allowed)
            if repaired is not None:
                return repaired
        if elsewhere:
            return ambiguous(index, elsewhere, 0.0, "pinyin", tuple(sorted(set(elsewhere.values()))))
        return None

    def _by_company_form(self, form: str, hit: tuple[str, frozenset[int]]) -> tuple[str, frozenset[int]]:
        """A group and its listed company share their names but for the company form
        (中国交通建设集团 / 中国交通建设股份): the form the query writes ("Gufen Youxian Gongsi",
        "Jituan") picks the one of its family, if exactly one; the hit as it is otherwise."""
        key, ids = hit
        if len(ids) < 2:
            return hit
        lex, entities = self.index.lexicon, self.index.entities
        asked = {company_form_family(t) for t in lex.tokens(form) if t.kind == Kind.LEGAL}
        if not asked:
            return hit
        fits = frozenset(i for i in ids if asked & {
            company_form_family(t) for zh in entities[i].chinese_names() for t in lex.zh_tokens(zh)
            if t.kind == Kind.LEGAL})
        return (key, fits) if len(fits) == 1 else hit

    def _names_an_entity(self, aside: str) -> bool:
        """Whether an aside, or one of its words, is a name of a glossary entity (a term aside).
        A word that is a place's name is not enough: "Wuhan University" is no place."""
        index, entities = self.index, self.index.entities
        whole = fold_key(aside)
        if whole and any(entities[i].type != "term" for i in index.owners(whole)):
            return True
        return any(entities[i].type not in ("term", "place") for w in aside.split() if (k := fold_key(w))
                   for i in index.owners(k))

    def _common_words(self, text: str) -> bool:
        """Whether every word of ``text`` is a common word: an English word of the term lexicon,
        or the pinyin of a common Chinese word of it (卫星 for "weixing"; a brand the glossary
        teaches, 天兵, is no common word)."""
        lex = self.index.lexicon
        words = [w for w in tokenize(text) if w.isalpha()]
        return bool(words) and all(
            lex.knows(w) or any(zh in lex.zh_terms and zh not in lex.proper_morphemes
                                for zh in lex.pinyin_concepts(w))
            for w in words)

    def _outcome(self, hit: tuple[str, frozenset[int]], score: float, what: str = "") -> Outcome:
        key, ids = hit
        if len(ids) == 1:
            (i,) = ids
            return found(self.index, i, score, "pinyin", (f"{what}pinyin {key!r}",))
        why = f"{what}pinyin {key!r} fits {len(ids)} entities"
        return ambiguous(self.index, ids, score, "pinyin", (why,))

    def _repair(self, text: str, allowed: Collection[int] | None) -> Outcome | None:
        """Mend one word that is not pinyin by one letter, if that gives exactly one name's key."""
        keys = self.pinyin_keys.get().keys
        legal = load_word_classes().pinyin_legal
        words = [_plain(w) for w in tokenize(text)]
        while words and words[-1] in legal:
            words.pop()
        broken = [k for k, w in enumerate(words) if not _well_formed(w)]
        if len(broken) != 1 or len(words) < 2:
            return None
        (k,) = broken
        bad = words[k]
        if len(bad) < 4 or not bad.isalpha():
            return None
        head, tail = _key("".join(words[:k])), _key("".join(words[k + 1 :]))
        total = len(head) + len(bad) + len(tail)
        if total < _MIN_REPAIR_LETTERS:
            return None
        ri = self.roman.get()  # (built only for a name that gets this far)
        hits: dict[int, str] = {}
        for length in (total - 1, total, total + 1):
            for key in ri.by_length.get(length, ()):
                if not (key.startswith(head) and key.endswith(tail)):
                    continue
                middle = key[len(head) : len(key) - len(tail)]
                if Levenshtein.distance(middle, bad, score_cutoff=1) > 1 or not _well_formed(middle):
                    continue
                for i in ids_of(keys, key):
                    if allowed is None or i in allowed:
                        hits.setdefault(i, key)
        if len(hits) == 1:
            ((i, key),) = hits.items()
            return found(self.index, i, self.calibration.pinyin_repaired, "pinyin",
                         (f"pinyin {key!r} ({bad!r} mended by one letter)",))
        return None


def _lookup(
    table: EntityIds[str] | KeyTable,
    qkeys: list[_QueryKey],
    allowed: Collection[int] | None,
    roman: BuildOnce[RomanIndex],
    elsewhere: dict[int, str],
) -> tuple[str, frozenset[int]] | None:
    for q in qkeys:
        ids = ids_of(table, q.letters)
        if not ids:
            continue
        if allowed is not None:
            ids = {i for i in ids if i in allowed}
        if q.places:
            ri = roman.get()
            for i in ids:
                if not ri.placed(i, q.places):
                    elsewhere[i] = f"pinyin {q.letters!r} names an entity not in {'/'.join(sorted(q.places))}"
                elif not ri.states(i, q.aside):
                    elsewhere[i] = (f"pinyin {q.letters!r}: ({'/'.join(sorted(q.aside))}) in brackets is in "
                                    "none of the entity's names (a company of that place is another one)")
            ids = {i for i in ids if ri.placed(i, q.places) and ri.states(i, q.aside)}
            # the place the query writes in front is the one some of them state: those
            # ("Hainan Changguang Weixing" is the Hainan company, not the brand's other one)
            stating = {i for i in ids if ri.states(i, q.places)}
            if stating:
                ids = stating
        if ids:
            return q.letters, frozenset(ids)
    return None
