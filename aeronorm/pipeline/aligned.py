"""Stage 7, aligned: a name read segment by segment through an entity's Chinese name.

Writers render one Chinese name part in pinyin and part in English, join or split syllables,
and slip a letter: "Huojianpai (Huzhou) Hangtian Technology YG", "Jinglin Jingqi Investment
Centre" for 景林景麒投资中心. Each query word (or run of romanised words) must cover a stretch of
the Chinese name, either through a translation (the term lexicon) or through its pinyin; a run
of eight letters or more may differ from the pinyin by one letter, once per name, but never in
a word of fewer than six letters that is pinyin itself (Keyi is another word than Keji). The answer is
the one entity whose Chinese name is covered whole (its company form, scope words and leading
place may be left out, but not an institution's named by common words: ``places``) with no
query word left over that says something.

Precision first: at least one stretch is covered by pinyin (a name all in English is the concept
and fuzzy stages' business), every naming character is covered, and two covered entities are an
abstention.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import ClassVar

from rapidfuzz.distance import Levenshtein

from ..caching import BuildOnce
from ..index import Index
from ..lexicon import Kind, TermLexicon, Tok
from ..lexicon.compare import institution_types, is_line_of_business
from ..lexicon.word_classes import load_word_classes
from ..results import Method
from ..text.fold import has_han, is_han_char
from ..text.pinyin import is_pinyin_word, split_syllables, to_pinyin
from .base import Outcome, SharedTables, ambiguous, found
from .calibration import Calibration
from .places import keeps_its_place
from .query import Query

__all__ = ["AlignedStage", "ChineseForms"]

_MIN_TYPO_LETTERS = 8  # a run this long may differ from the pinyin by one letter
_MAX_CANDIDATES = 12
_PROPOSING = 4  # the rarest features that propose names
_BLOCK_BUDGET = 500  # names read from the inverted indexes per query, rarest features first
_MAX_STEPS = 4000  # search steps per candidate name: the cover is found long before
_GAP = "\x00"  # a non-Han cell in the character string: no translation crosses it


@dataclass(frozen=True, slots=True)
class Form:
    """One Chinese name as cells (a Han character, or a Latin/digit run), each with its pinyin."""

    entity: int
    text: str  # the cells as a string, non-Han cells as _GAP
    pinyin: tuple[str, ...]
    optional: int  # bit mask of cells a query may leave out (company form, scope, leading place)
    joined: str  # the pinyin of every cell, run together
    # where each cell starts in ``joined`` (and where the last ends), one character each: a
    # string of a few bytes (a dict from offset to cell was most of the table's memory)
    starts: str
    # a place left out is left out whole: "Hua District" is not 雨花台区 with 雨 and 台 left out
    wholes: tuple[int, ...] = ()  # bit masks of cells covered all or none

    def cell_at(self, offset: int) -> int | None:
        """The cell that starts at ``offset`` in ``joined`` (the number of cells at its end), or ``None``."""
        k = self.starts.rfind(chr(offset))
        return k if k >= 0 else None


class ChineseForms:
    """The Chinese names of a glossary's entities (persons excepted: the person stage reads
    them) as cells, with inverted indexes from syllables and characters to names."""

    def __init__(self, index: Index, readings: Mapping[str, tuple[str, ...]] | None = None):
        """``readings``: the pinyin of words already read (:class:`~aeronorm.pipeline.base.Readings`)."""
        self.forms: list[Form] = []
        by_syllable: dict[str, list[int]] = defaultdict(list)
        by_char: dict[str, list[int]] = defaultdict(list)
        lexicon = index.lexicon
        for i, entity in enumerate(index.entities):
            if entity.type in ("person", "term"):
                continue
            for zh in entity.chinese_names():
                form = _form(i, lexicon.zh_tokens(zh), lexicon, place=entity.type == "place",
                             readings=readings)
                if form is None:
                    continue
                if form.text == zh:  # the name's own string, not a copy
                    form = replace(form, text=zh)
                f = len(self.forms)
                self.forms.append(form)
                for syllable in set(form.pinyin):
                    by_syllable[syllable].append(f)
                for char in set(form.text) - {_GAP}:
                    by_char[char].append(f)
        # read only from here on: tuples of their own size
        self.by_syllable: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_syllable.items()}
        self.by_char: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_char.items()}

    def candidates(self, syllables: Collection[str], chars: Collection[str]) -> list[int]:
        """Names sharing the most syllables and characters with a query, most first; the
        rarest features propose (a common syllable, ke or ji, would propose thousands)."""
        # features in the query's order, not a set's: among postings of one length, which
        # propose (and the order of equal votes) must not depend on the string hash seed
        postings = sorted(
            (p for table, features in ((self.by_syllable, syllables), (self.by_char, chars))
             for p in (table.get(f) for f in dict.fromkeys(features)) if p),
            key=len)
        if not postings:
            return []
        budget = _BLOCK_BUDGET
        votes = Counter(postings[0][:budget])  # names in the order first proposed; counted in C
        budget -= len(postings[0])
        for posting in postings[1:_PROPOSING]:
            if budget <= 0:
                break
            votes.update(posting[:budget] if len(posting) > budget else posting)
            budget -= len(posting)
        # the same as heapq.nlargest (a stable sort: first proposed first among equals), in C
        return sorted(votes, key=votes.__getitem__, reverse=True)[:_MAX_CANDIDATES]


def _form(entity: int, tokens: Sequence[Tok], lexicon: TermLexicon, *, place: bool = False,
          readings: Mapping[str, tuple[str, ...]] | None = None) -> Form | None:
    cells: list[str] = []
    pinyin: list[str] = []
    optional = 0
    wholes: list[int] = []
    # a leading place may be where a company is registered, not a university's; a place's name
    # is its places ("Hangtian Cheng" is any 航天城, not 文昌国际航天城)
    placed = not place and not keeps_its_place(tokens, lexicon)
    for k, tok in enumerate(tokens):
        place = k == 0 and placed and tok.kind == Kind.PLACE
        leave = tok.kind in (Kind.LEGAL, Kind.GENERIC) or place
        first = len(cells)
        if has_han(tok.text):
            chars = [c for c in tok.text if is_han_char(c)]
            han = "".join(chars)
            syllables = (readings.get(han) if readings else None) or to_pinyin(han)
            if len(syllables) != len(chars):
                return None  # a character pypinyin cannot read: no alignment for this name
            pairs = list(zip(chars, syllables, strict=True))
        else:
            pairs = [(_GAP, tok.text.replace(" ", "").lower())]
        for char, syllable in pairs:
            if leave:
                optional |= 1 << len(cells)
            cells.append(char)
            pinyin.append(syllable.replace("v", "u"))
        if place and len(cells) - first > 1:
            wholes.append(((1 << (len(cells) - first)) - 1) << first)
    if not cells:
        return None
    text = "".join(cells)
    starts = []
    offset = 0
    for syllable in pinyin:
        starts.append(chr(offset))
        offset += len(syllable)
    starts.append(chr(offset))
    return Form(entity, text, tuple(pinyin), optional, "".join(pinyin), "".join(starts), tuple(wholes))


@dataclass(frozen=True, slots=True)
class _Unit:
    """A query word: its translations (Chinese), its letters if it is romanised, and whether
    it may go uncovered (a company form, a generic word)."""

    text: str
    translations: tuple[str, ...]
    letters: str | None
    optional: bool


def _units(tokens: Sequence[Tok]) -> list[_Unit]:
    classes = load_word_classes()
    state = classes.state_scope | classes.international_scope
    out = []
    for tok in tokens:
        types = institution_types(tok)
        translations = tuple(k for k in sorted(tok.keys) if has_han(k) and all(is_han_char(c) for c in k)
                             and not (len(types) > 1 and k in types))  # no one type's: not read
        letters = tok.text.replace(" ", "")
        # a word the lexicon does not know: pinyin, or a misspelt one ("hangtiang")
        unknown = tok.key == tok.text and letters.isalpha()
        # a line of business must be in the name: "X Investment Co." is X's investment arm, as in
        # the fuzzy stage (business_lines of chinese.yaml)
        # nor may "National" (国家) or "International" (国际, "Guoji") be left over: a scope the
        # Chinese name states or not ("Guoji Yuanzineng Jigou" is the IAEA, not 国家原子能机构)
        # and a generic word with no Chinese at all ("Central", "General") says something the
        # Chinese name does not: "Nanjing Central University" is not 南京大学
        optional = (tok.kind == Kind.LEGAL or (tok.kind == Kind.GENERIC and bool(translations))) \
            and not is_line_of_business(tok) and state.isdisjoint(tok.keys)
        out.append(_Unit(tok.text, translations, letters if unknown else None, optional))
    return out


@dataclass(frozen=True, slots=True)
class Cover:
    """How a query covers one Chinese name: the stretches read as pinyin, and the typo used."""

    pinyin: tuple[str, ...]
    typo: str | None


def cover(units: Sequence[_Unit], form: Form) -> Cover | None:
    """The cover of ``form`` by ``units`` with the fewest typos, or ``None``.

    Every unit covers a stretch of its own (or is optional and left out); every cell that is not
    optional is covered; at least one stretch is covered by pinyin.
    """
    # Every word must find its stretch: its translation or its letters are in the name, but
    # for one long romanised word that may hold the typo.
    intl = load_word_classes().international_scope
    if any(i in form.text for i in intl) and any(
            _national(u) and not any(zh in form.text for zh in u.translations) for u in units):
        return None  # a national scope ("Zhongguo") against an international body's name (国际...)
    misses = [u for u in units if not u.optional and not any(zh in form.text for zh in u.translations)
              and not (u.letters and u.letters in form.joined)]
    if len(misses) > 1 or (misses and not (misses[0].letters and len(misses[0].letters) >= 3)):
        return None
    n = len(form.pinyin)
    full = (1 << n) - 1
    required = full & ~form.optional
    best: list[Cover | None] = [None]
    steps = [0]

    def spans_pinyin(letters: str, covered: int, typo_ok: bool,
                     words: Sequence[str]) -> list[tuple[int, bool]]:
        hits = []
        at = form.joined.find(letters)
        while at >= 0:  # as written: a stretch of whole syllables
            first, stop = form.cell_at(at), form.cell_at(at + len(letters))
            if first is not None and stop is not None:
                mask = ((1 << (stop - first)) - 1) << first
                if not covered & mask:
                    hits.append((mask, False))
            at = form.joined.find(letters, at + 1)
        if hits or not typo_ok or len(letters) < _MIN_TYPO_LETTERS:
            return hits
        if not _may_hold_typo(letters, form.joined, words):
            return hits
        for start in range(n):
            joined = ""
            mask = 0
            for end in range(start, n):
                if covered >> end & 1:
                    break
                joined += form.pinyin[end]
                mask |= 1 << end
                if len(joined) > len(letters) + 1:
                    break
                if abs(len(joined) - len(letters)) <= 1 \
                        and Levenshtein.distance(joined, letters, score_cutoff=1) <= 1:
                    hits.append((mask, True))
        return hits

    def spans_translation(zh: str, covered: int) -> list[int]:
        hits = []
        start = form.text.find(zh)
        while start >= 0:
            mask = ((1 << len(zh)) - 1) << start
            if not covered & mask:
                hits.append(mask)
            start = form.text.find(zh, start + 1)
        return hits

    def search(i: int, covered: int, runs: tuple[str, ...], typo: str | None) -> None:
        steps[0] += 1
        if steps[0] > _MAX_STEPS or (best[0] is not None and best[0].typo is None):
            return
        if i == len(units):
            if runs and covered & required == required and (best[0] is None or typo is None) \
                    and all(covered & whole in (0, whole) for whole in form.wholes):
                best[0] = Cover(runs, typo)
            return
        unit = units[i]
        # a run of romanised words read as one stretch of pinyin (joined or split syllables)
        if unit.letters is not None:
            letters = ""
            words: list[str] = []
            for j in range(i, len(units)):
                word = units[j].letters
                if word is None:
                    break
                letters += word
                words.append(word)
                for mask, typoed in spans_pinyin(letters, covered, typo is None, words):
                    search(j + 1, covered | mask, (*runs, letters), letters if typoed else typo)
        for zh in unit.translations:
            for mask in spans_translation(zh, covered):
                search(i + 1, covered | mask, runs, typo)
        if unit.optional:
            search(i + 1, covered, runs, typo)

    search(0, 0, (), None)
    return best[0]


def _national(unit: _Unit) -> bool:
    classes = load_word_classes()
    national = classes.national_scope - classes.international_scope
    return not national.isdisjoint(unit.translations)


def _may_align(units: Sequence[_Unit]) -> bool:
    """Whether a cover is possible at all: a word that is pinyin, or a long one that may be its
    typo, and at most one unknown word that is not pinyin (one typo per name)."""
    unknown = [u.letters for u in units if u.letters]
    pinyin = [w for w in unknown if split_syllables(w) is not None]
    odd = len(unknown) - len(pinyin)
    return odd <= 1 and (bool(pinyin) or any(len(w) >= _MIN_TYPO_LETTERS for w in unknown))


def _may_hold_typo(letters: str, joined: str, words: Sequence[str]) -> bool:
    """Whether the run's words may hold a typo: a word that is a Chinese word itself is not a
    typo of another (Keyi is not Keji), so each must be found in the name as written; and a
    scope word is never one (Guoji 国际 is no Guojia 国家)."""
    return all((not is_pinyin_word(w) or w in joined) and w not in _scope_letters() for w in words)


@cache
def _scope_letters() -> frozenset[str]:
    """The pinyin of the national and international scope words (zhongguo, guojia, guoji)."""
    return frozenset("".join(to_pinyin(w)) for w in load_word_classes().national_scope)


class AlignedStage:
    """Names covered through a Chinese name, part pinyin, part translation."""

    name: ClassVar[Method] = "aligned"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.calibration = calibration
        self.forms = BuildOnce(lambda: self._forms(index, shared))

    @staticmethod
    def _forms(index: Index, shared: SharedTables) -> ChineseForms:
        """The Chinese names' table, reading the words the pinyin keys read already."""
        forms = ChineseForms(index, shared.readings.of)
        shared.readings.done()
        return forms

    def warm(self) -> None:
        """Build the table of Chinese names now."""
        self.forms.get()

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        index, cal = self.index, self.calibration
        for form_text in query.forms:
            units = _units(query.tokens(index.lexicon, form_text))
            if sum(not u.optional for u in units) < 2 or not _may_align(units):
                continue
            table = self.forms.get()
            syllables = [s for u in units if u.letters for s in split_syllables(u.letters) or ()]
            chars = [c for u in units for zh in u.translations for c in zh]
            covered: dict[int, Cover] = {}
            for f in table.candidates(syllables, chars):
                form = table.forms[f]
                if allowed is not None and form.entity not in allowed:
                    continue
                if form.entity in covered and covered[form.entity].typo is None:
                    continue
                found_cover = cover(units, form)
                if found_cover is not None and (form.entity not in covered or found_cover.typo is None):
                    covered[form.entity] = found_cover
            if not covered:
                continue
            exact = {i: c for i, c in covered.items() if c.typo is None}
            pool = exact or covered
            if len(pool) > 1:
                return ambiguous(index, pool, cal.aligned, "aligned",
                                 (f"covers the Chinese names of {len(pool)} entities",))
            ((i, c),) = pool.items()
            score = cal.aligned if c.typo is None else cal.aligned_repaired
            why = [f"Chinese name covered; pinyin {', '.join(repr(r) for r in c.pinyin)}"]
            if c.typo is not None:
                why.append(f"{c.typo!r} read within one letter")
            return found(index, i, score, "aligned", tuple(why))
        return None
