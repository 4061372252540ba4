"""Which items name one entity and which never can: the comparison and the vetoes of the
matcher, between two values of a column.

A **conflict** is what the matcher's vetoes say: two names that share words but each keep a
distinctive word of their own (Technology / Industry, Harbin / Hangzhou, 901 / 902), two
different acronyms (CASC / CASIC) unless the lexicon reads both as one term (CPC / CCP), a name
and an acronym other than the one it defines, a place or number in brackets on one side only,
or two company forms of different families (a group and its namesake company: "X Group Co.,
Ltd." / "X Company Limited"; a joint-stock 股份有限公司 and a plain 有限公司), as the matcher tells
them apart (:func:`form_class`); a name with no company form conflicts with every name with one
when the column writes it with two such forms (the matcher abstains between them).

The evidence that joins items is found by the modules beside this one (:mod:`.keys`,
:mod:`.compare`, :mod:`.names`, :mod:`.abbreviations`), always by key collision or through the
column's inverted index, never over all pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..caching import BoundedCache
from ..index import Index
from ..lexicon import Kind, Tok
from ..lexicon.compare import align, spelling_comparable
from ..lexicon.word_classes import load_word_classes
from ..pipeline.base import SharedTables
from ..pipeline.calibration import Calibration
from ..pipeline.companies import company_form_family
from ..pipeline.fuzzy import FuzzyStage
from ..text.fold import has_han
from .items import Item
from .romanised import read_out

__all__ = ["MAX_WORDS", "ColumnEvidence", "Edge", "comparable", "form_class", "forms_conflict"]

#: Longest name, in tokens, compared word by word (longer ones by their keys only).
MAX_WORDS = 40
_MAX_INITIALS = 6


@dataclass(frozen=True, slots=True)
class Edge:
    """Evidence that items ``a`` and ``b`` name one entity."""

    score: float
    kind: str
    a: int
    b: int
    detail: str = ""


class ColumnEvidence:
    """The evidence tables of one column: its index, the fuzzy comparison and the vetoes.

    Parameters
    ----------
    items : list of Item
        The column's items, with ``tokens`` set (see :func:`~aeronorm.clustering.engine.tokenize`).
    index : Index
        An index over the items (entity ``i`` is item ``i``).
    calibration : Calibration
        The scores of each kind of evidence.
    """

    def __init__(self, items: Sequence[Item], index: Index, calibration: Calibration):
        self.items = items
        self.index = index
        self.calibration = calibration
        #: index entity -> item (items too long to be a name are not in the index)
        self.item_of = [int(e.id) for e in index.entities]
        self.fuzzy = FuzzyStage(index, calibration, SharedTables.of(index))
        self._scope = load_word_classes().national_scope
        self._conflicts: BoundedCache[tuple[int, int], bool] = BoundedCache(max_entries=500_000)

    # -- vetoes --------------------------------------------------------------------------------
    def conflict(self, a: Item, b: Item) -> bool:
        """Whether ``a`` and ``b`` can never be one entity (see the module's docstring)."""
        key = (a.position, b.position) if a.position < b.position else (b.position, a.position)
        hit = self._conflicts.get(key)
        if hit is None:
            hit = self._conflicts.put(key, self._conflict(a, b))
        return hit

    def _conflict(self, a: Item, b: Item) -> bool:
        own_a = {a.acronym} if a.acronym else set(a.defines)
        own_b = {b.acronym} if b.acronym else set(b.defines)
        if own_a and own_b and not own_a & own_b and not _one_term(a, b):
            return True  # two acronyms: CASC is not CASIC
        if a.script == "acronym" or b.script == "acronym":
            return False  # an acronym and a name: nothing to compare word by word
        if _unmatched(a.specific, b.tokens) or _unmatched(b.specific, a.tokens):
            return True  # "X (Shenzhen) Co." is a more specific entity than "X Co."
        if forms_conflict(a.form, b.form):
            return True  # "X Group Co., Ltd." is not "X Company Limited" (the matcher's rule)
        if (a.form_ambiguous and b.form is not None) or (b.form_ambiguous and a.form is not None):
            return True  # "X" is neither when the column has both
        # two Chinese names by their characters, never their pinyin: 天兵 is not 天冰
        return self.vetoed(*_pair_tokens(a, b), romanised=not (a.script == "han" and b.script == "han"))

    def vetoed(self, q: Sequence[Tok], c: Sequence[Tok], *, romanised: bool = True) -> bool:
        """The fuzzy stage's veto: the two names share a word, and each keeps an informative
        word the other lacks (naming words and numbers always; places and national scope words
        when they weigh something here). Names sharing nothing are not compared. Without
        ``romanised``, no word is explained by another's pinyin (two Chinese names)."""
        q = [t for t in q if t.kind != Kind.LEGAL]
        c = [t for t in c if t.kind != Kind.LEGAL]
        if not q or not c:
            return False
        pairs = align(q, c)
        if not pairs:
            return False
        weight = self.fuzzy.weight
        wq = [weight(t) for t in q]
        wc = [weight(t) for t in c]
        floor = 0.25 * max(max(wq), max(wc))
        done_q = {i for i, _, _ in pairs}
        done_c = {j for _, j, _ in pairs}
        left_q = [i for i in range(len(q)) if i not in done_q]
        left_c = [j for j in range(len(c)) if j not in done_c]
        # An acronym on one side for words spelt out on the other ("Kepler ST" / "Kepler
        # Satellite Technology") explains both.
        left_q, left_c = _spelt_out(q, left_q, c, left_c)
        left_c, left_q = _spelt_out(c, left_c, q, left_q)
        # One Chinese word written as one phrase on one side and word by word in pinyin on the
        # other ("Polytechnical University" / "Gongye Daxue", both 工业大学) explains both.
        if romanised:
            left_q, left_c = read_out(q, left_q, c, left_c)
            left_c, left_q = read_out(c, left_c, q, left_q)
        return any(self._telling(q[i], wq[i], floor) for i in left_q) and any(
            self._telling(c[j], wc[j], floor) for j in left_c)

    def spelt_out(self, a: Item, b: Item) -> str:
        """The acronym one name writes for words the other spells out, when that is all that
        tells them apart ("MPS Railway Police College" / "Ministry of Public Security Railway
        Police College"); ``""`` otherwise."""
        q = [t for t in a.tokens if t.kind != Kind.LEGAL]
        c = [t for t in b.tokens if t.kind != Kind.LEGAL]
        pairs = align(q, c)
        if not pairs or not any(q[i].kind in (Kind.NAME, Kind.NUMBER) for i, _, _ in pairs):
            return ""
        left_q = [i for i in range(len(q)) if i not in {i for i, _, _ in pairs}]
        left_c = [j for j in range(len(c)) if j not in {j for _, j, _ in pairs}]
        found: list[str] = []
        lq, lc = _spelt_out(q, left_q, c, left_c, minimum=3, found=found)
        lc, lq = _spelt_out(c, lc, q, lq, minimum=3, found=found)
        return found[0] if found and not lq and not lc else ""

    def _telling(self, tok: Tok, weight: float, floor: float) -> bool:
        if tok.kind in (Kind.NAME, Kind.NUMBER):
            return True
        return (tok.kind == Kind.PLACE or tok.key in self._scope) and weight > floor

    # -- comparison ----------------------------------------------------------------------------
    def compare(self, a: Item, b: Item) -> tuple[float, list[str], bool]:
        """The fuzzy stage's score of the two names (the lower of both directions), its
        evidence, and whether a word was matched by its spelling only (a typo)."""
        if not a.tokens or not b.tokens:
            return 0.0, [], False
        ta, tb = _pair_tokens(a, b)
        s1, e1 = self.fuzzy.score(ta, tb)
        s2, e2 = self.fuzzy.score(tb, ta)
        # Each must be an acceptable answer for the other: a name that keeps naming words the
        # other lacks is a more specific entity (the stage's veto), whichever side it is on.
        score, evidence = (s1, e1) if s1 <= s2 else (s2, e2)
        typo = score > 0 and any(s < 1.0 for _, _, s in align(ta, tb))
        return score, evidence, typo


def form_class(tokens: Sequence[Tok]) -> tuple[bool, bool, bool] | None:
    """What a name's company forms say, as the matcher reads them, or None without one:
    whether one is a group's (集团, "Group", "Corporation": ``company_form_family``), whether one
    says joint-stock as written (股份, "Joint Stock"), and whether it is a Chinese 有限公司 that
    does not (which the matcher holds to be another company than a 股份有限公司)."""
    forms = [t for t in tokens if t.kind == Kind.LEGAL]
    if not forms:
        return None
    stock_markers = dict(load_word_classes().company_form_families)["stock"]
    group = any(company_form_family(t) == "group" for t in forms)
    stock = any(m in t.text for t in forms for m in stock_markers)
    limited = not stock and any("有限" in t.text for t in forms)
    return group, stock, limited


def forms_conflict(a: tuple[bool, bool, bool] | None, b: tuple[bool, bool, bool] | None) -> bool:
    """Whether two company forms (:func:`form_class`) name two companies: a group and a company
    that is not one (the matcher's company-form rule between a group and its namesake company:
    concept_keys ``_by_company_form``), or a joint-stock company and a Chinese 有限公司 that is
    not one (``stock_form_mismatch``). A name without a company form conflicts with neither."""
    if a is None or b is None:
        return False
    return a[0] != b[0] or (a[1] and b[2]) or (a[2] and b[1])


def _one_term(a: Item, b: Item) -> bool:
    """Whether two acronyms are one term of the lexicon, read as the same Chinese (CPC and CCP
    are both 中共)."""
    if a.script != "acronym" or b.script != "acronym" or not a.tokens or not b.tokens:
        return False
    ka, kb = {t.key for t in a.tokens}, {t.key for t in b.tokens}
    return ka == kb and all(has_han(k) for k in ka)


def _pair_tokens(a: Item, b: Item) -> tuple[Sequence[Tok], Sequence[Tok]]:
    """The tokens two items are compared by: two Chinese names by their characters only (a
    Chinese token also carries its pinyin, which would make homophones one word: 天兵 / 天冰)."""
    if a.script == "han" and b.script == "han":
        return _characters(a.tokens), _characters(b.tokens)
    return a.tokens, b.tokens


@lru_cache(maxsize=65536)
def _characters(tokens: tuple[Tok, ...]) -> tuple[Tok, ...]:
    return tuple(Tok(t.text, t.key, frozenset(k for k in t.keys if has_han(k)) or t.keys, t.kind)
                 for t in tokens)


def _unmatched(keys: frozenset[str], tokens: Sequence[Tok]) -> bool:
    """Whether one of ``keys`` is carried by none of ``tokens``."""
    return any(not any(k in t.keys for t in tokens) for k in keys)


def _spelt_out(a: Sequence[Tok], left_a: list[int], b: Sequence[Tok], left_b: list[int], *,
               minimum: int = 2, found: list[str] | None = None) -> tuple[list[int], list[int]]:
    """Leftovers of ``a`` that are the initials of a run of consecutive leftovers of ``b``,
    removed from both (with that run); each such acronym is appended to ``found``."""
    left_a, left_b = list(left_a), list(left_b)
    for i in list(left_a):
        tok = a[i]
        if not (spelling_comparable(tok) and minimum <= len(tok.text) <= _MAX_INITIALS
                and tok.text.isalpha()):
            continue
        for start in range(len(left_b)):
            initials = ""
            end = start
            while end < len(left_b) and len(initials) < len(tok.text):
                if end > start and left_b[end] != left_b[end - 1] + 1:
                    break
                initials += "".join(w[0] for w in b[left_b[end]].text.split() if w != "and")
                end += 1
            if initials == tok.text and len(initials) >= minimum:
                left_a.remove(i)
                del left_b[start:end]
                if found is not None:
                    found.append(tok.text.upper())
                break
    return left_a, left_b


def comparable(item: Item) -> bool:
    """Items compared word by word: not an acronym, with tokens, and not so many that it is
    text rather than a name (word-by-word comparison costs the product of the lengths)."""
    return item.script != "acronym" and 0 < len(item.tokens) <= MAX_WORDS
