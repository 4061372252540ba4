"""Whether a name may get an answer that running text keeps: a cheap test, before the pipeline.

The scan (:mod:`aeronorm.scan.spans`) sends the capitalised runs of a text that the trie left
alone to the full matcher, and keeps its answer only when a *sure* stage gave it
(:data:`SURE_METHODS`), or when the name and one written form of the entity share every naming
word (:meth:`FormAgreement.agrees`). Most runs cut short by a glued word ("China National Space"
of "China National Space Administration表示") answer nothing, after every stage has tried them.
:class:`MayMatch` says, for far less, when no such answer can come:

* an answer from another stage than a sure one agrees with a form of its entity, so with a form
  of *some* entity: :meth:`FormAgreement.agrees_with_any`, the same alignment as ``agrees`` on
  the forms that share a concept (or a near spelling) with the name;
* the exact stage (and the exact path before the pipeline) answers only a name whose folded key
  is a key of the index;
* the abbreviation stage, only a name that looks like an acronym;
* the pinyin stage, only a name for which it says something when any entity may answer, or a
  name of two pinyin words or more (one misspelt word mended: that answer needs the one entity
  the allowed ones leave, so it is not read from the stage's answer for every entity);
* a name with Chinese characters takes the Chinese lane: always tried.

It is a *necessary* condition, never a guess: where it says no, the matcher's answer would not
have been kept. ``tests/pipeline/test_may_match.py`` holds it to the matcher on generated runs.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Sequence
from operator import attrgetter

from ..caching import BuildOnce
from ..index import Index
from ..lexicon import Kind, TermLexicon, Tok
from ..lexicon.compare import Aligner, spelling_comparable
from ..text.fold import fold_key, has_han, looks_like_acronym, tokenize
from ..text.pinyin import split_syllables
from .base import Stage
from .entity_ids import EntityIds, ids_of
from .query import Query

__all__ = ["SURE_METHODS", "FormAgreement", "MayMatch", "naming_tokens"]

#: Methods whose answers running text keeps without asking that the name agree with a form.
SURE_METHODS = frozenset({"exact", "abbreviation", "pinyin", "chinese"})
#: The kinds of token that name something (places and numbers included): the words compared.
_NAMING = (Kind.NAME, Kind.NUMBER, Kind.PLACE)
#: Labels of the forms a name is compared with.
_FORM_LABELS = ("name", "alias")
#: A spelling is compared only from this length on (:func:`~aeronorm.lexicon.compare.similarity`).
_SPELT_MIN = 5
_SPAN = struct.Struct("<2I")  # where an entity's forms start, and where the next one's do
_UINT32 = "I" if array("I").itemsize == 4 else "L"


def naming_tokens(lexicon: TermLexicon, text: str) -> list[Tok]:
    """The naming words of ``text`` (names, numbers, places), as the lexicon reads them."""
    return [t for t in lexicon.tokens(text) if t.kind in _NAMING]


class FormAgreement:
    """Whether a name and a written form (name or alias) of an entity share every naming word.

    Two lists of naming words agree when they are as long and the greedy alignment of
    :func:`~aeronorm.lexicon.compare.align` pairs every word (a shared concept, or a near
    spelling of two words the lexicon does not know).
    """

    def __init__(self, index: Index):
        self.index = index
        self.lexicon = index.lexicon
        self._forms = BuildOnce(self._build_forms)
        self._lookup = BuildOnce(self._build_lookup)

    def agrees(self, text: str, entity: int) -> bool:
        """Whether ``text`` agrees with a form of entity ``entity`` (its position in the index)."""
        forms, starts = self._forms.get()
        q = naming_tokens(self.lexicon, text)
        aligner = Aligner(q)
        first, end = _SPAN.unpack_from(starts, 4 * entity)
        return any(_aligned(aligner, q, forms[k]) for k in range(first, end))

    def agrees_with_any(self, text: str) -> bool:
        """Whether ``text`` agrees with a form of any entity: :meth:`agrees` for some entity."""
        forms, _ = self._forms.get()
        by_key, spelt, empty = self._lookup.get()
        q = naming_tokens(self.lexicon, text)
        if not q:
            return empty
        n = len(q)
        candidates: set[int] = set()
        for t in q:
            for k in t.keys:
                candidates.update(ids_of(by_key, f"{n}|{k}"))
            if _spelt(t):
                candidates.update(ids_of(spelt, f"{n}|{t.text[0]}"))
        if not candidates:
            return False
        aligner = Aligner(q)
        return any(_aligned(aligner, q, forms[k]) for k in sorted(candidates))

    def warm(self) -> None:
        """Build the tables now."""
        self._lookup.get()

    def _build_forms(self) -> tuple[list[tuple[Tok, ...]], bytes]:
        """The naming words of every form, by entity (in index order), and where each entity's
        forms start in that list (4 bytes an entity, little-endian; then the end): entity ``e``'s
        forms are those from ``starts[e]`` up to ``starts[e + 1]``."""
        reps = sorted((rep for rep in self.index.reps if rep.label in _FORM_LABELS),
                      key=attrgetter("entity"))  # they come in that order: one pass of the sort
        forms: list[tuple[Tok, ...]] = []
        starts = array(_UINT32)
        for rep in reps:
            while len(starts) <= rep.entity:
                starts.append(len(forms))
            naming = tuple(t for t in rep.tokens if t.kind in _NAMING)
            forms.append(rep.tokens if len(naming) == len(rep.tokens) else naming)  # no copy when all name
        while len(starts) <= len(self.index.entities):
            starts.append(len(forms))
        if sys.byteorder == "big":
            starts.byteswap()
        return forms, starts.tobytes()

    def _build_lookup(self) -> tuple[EntityIds[str], EntityIds[str], bool]:
        """Where to find the forms a name may agree with.

        A form agrees with a name only if each of its words pairs with one of the name's, and
        they have as many words: each form is filed under one of its words (the one filed least
        often so far, to keep the lists short), by its number of words and each concept of that
        word (``"3|航天"``), and by its first letter when it may pair by spelling alone. A name
        looks up every concept and first letter of its own words: the form's filed word pairs
        with one of them. Returns the two tables and whether some form has no naming word."""
        forms, _ = self._forms.get()
        by_key: dict[str, list[int]] = {}  # lists while built, then as entity_ids keeps them
        spelt: dict[str, list[int]] = {}
        empty = False
        for k, c in enumerate(forms):
            if not c:
                empty = True
                continue
            prefix = f"{len(c)}|"
            # the pivot: the first word filed least often so far (each word's keys made once)
            least, keys, letter = -1, [], ""
            for t in c:
                its_keys = [prefix + key for key in t.keys]
                its_letter = prefix + t.text[0] if _spelt(t) else ""
                size = sum(len(by_key.get(x, ())) for x in its_keys)
                size += len(spelt.get(its_letter, ())) if its_letter else 0
                if least < 0 or size < least:
                    least, keys, letter = size, its_keys, its_letter
            for key in keys:
                by_key.setdefault(key, []).append(k)
            if letter:
                spelt.setdefault(letter, []).append(k)
        return _sealed(by_key), _sealed(spelt), empty


def _sealed(table: dict[str, list[int]]) -> EntityIds[str]:
    """A table of ascending form positions as :mod:`~aeronorm.pipeline.entity_ids` keeps them: an
    int for one form (most keys), a tuple for several."""
    return {key: held[0] if len(held) == 1 else tuple(held) for key, held in table.items()}


def _spelt(t: Tok) -> bool:
    """Whether a word may pair with another by spelling alone (both must be such words)."""
    return spelling_comparable(t) and len(t.text) >= _SPELT_MIN and t.text.isalpha()


def _aligned(aligner: Aligner, q: Sequence[Tok], c: Sequence[Tok]) -> bool:
    return len(q) == len(c) and len(aligner.align(c)) == len(q)


class MayMatch:
    """``may_match(name) -> bool``: whether the pipeline may give ``name`` an answer that running
    text keeps (see the module's docstring); ``False`` only when it cannot.

    Parameters
    ----------
    index : Index
    pinyin : Stage
        The pipeline's pinyin stage (asked with every entity allowed).
    agreement : FormAgreement, optional
        The scan's own, when it has one (the same tables).
    """

    def __init__(self, index: Index, *, pinyin: Stage, agreement: FormAgreement | None = None):
        self.index = index
        self.pinyin = pinyin
        self.agreement = agreement or FormAgreement(index)

    def __call__(self, text: str) -> bool:
        query = Query(text)
        if not query.text or has_han(query.text):
            return True  # no name (the pipeline passes it through), or the Chinese lane
        exact = self.index.exact
        if fold_key(text) in exact or any(k in exact for k in query.keys):
            return True
        if looks_like_acronym(query.text):
            return True
        if self.agreement.agrees_with_any(text):
            return True
        return self._pinyin_may(query)

    def _pinyin_may(self, query: Query) -> bool:
        """Whether the pinyin stage may answer: it says something with every entity allowed (an
        answer for fewer entities is one for all, or an abstention naming them), or it would try
        to mend a word (a name of two pinyin words or more: that answer is not monotone)."""
        for form in query.forms:
            if sum(1 for w in tokenize(form) if w.isalpha() and split_syllables(w)) >= 2:
                return True
        return self.pinyin.match(query, None) is not None

    def warm(self) -> None:
        """Build the tables now."""
        self.agreement.warm()
