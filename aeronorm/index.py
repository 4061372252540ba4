"""The tables every stage shares, built once from a glossary: the :class:`Index`.

* exact keys of every name, alias, abbreviation and Chinese name (the folded key, and the
  owners of each key);
* every written form of every entity as concept tokens (:class:`Rep`), and their order-free
  concept keys;
* an inverted index from concepts to forms (blocking), with document frequencies (IDF);
* the entities of each type.

Tables that serve one stage only belong to that stage (see :mod:`aeronorm.pipeline`).
"""

from __future__ import annotations

import math
import struct
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from .glossary.entity import Entity, check_entity_type
from .lexicon import Kind, TermLexicon, Tok
from .lexicon.compare import institution_types, rendering
from .text.asides import without_redundant_asides
from .text.fold import fold_key, has_han, is_upper_word

__all__ = ["FormLabels", "Index", "Rep", "anchor_homophones", "anchor_types", "concept_key", "rendering_key"]

_UINT32 = "I" if array("I").itemsize == 4 else "L"
_SPAN = struct.Struct("<II")  # where an entity's form keys start, and where the next one's do


@dataclass(frozen=True, slots=True)
class Rep:
    """One way an entity is written (a name, an alias or a Chinese name) as concept tokens."""

    entity: int
    label: str
    text: str
    tokens: tuple[Tok, ...]


def concept_key(tokens: Iterable[Tok]) -> tuple[str, ...]:
    """Order-free key of a token list: sorted concept keys, legal forms left out. A rendering
    that may stand for several institution types ("University of Technology") is keyed by
    itself: it is no one type's."""
    legal = Kind.LEGAL
    out = [rendering(t.text) if len(institution_types(t)) > 1 else t.key for t in tokens if t.kind != legal]
    out.sort()
    return tuple(out)


def rendering_key(tokens: Iterable[Tok]) -> tuple[str, ...]:
    """:func:`concept_key` with every institution type keyed by its rendering as written: how
    an English form is found by a query that writes the type the same way."""
    legal = Kind.LEGAL
    out = [rendering(t.text) if institution_types(t) else t.key for t in tokens if t.kind != legal]
    out.sort()
    return tuple(out)


def anchor_homophones(tokens: tuple[Tok, ...], chinese: str, lexicon: TermLexicon) -> tuple[Tok, ...]:
    """Tokens of an entity's English form with a romanised word read as the one of its
    homophones its Chinese names have ("Xingyun" of 行云工程 is 行云, not 星云 "nebula", which
    the lexicon may know too): pinyin says only how a word sounds. English words keep every
    concept they render."""
    out = []
    for t in tokens:
        if t.key != t.text and t.text.isascii():
            han = [k for k in lexicon.pinyin_concepts(t.text) if k in t.keys]
            if len(han) > 1:
                own = [k for k in han if k in chinese]
                if own:
                    keep = frozenset(k for k in t.keys if k not in han or k in own)
                    t = Tok(t.text, t.key if t.key in own else min(own), keep, t.kind)
        out.append(t)
    return tuple(out)


def anchor_types(tokens: tuple[Tok, ...], types: frozenset[str]) -> tuple[Tok, ...]:
    """Tokens of an entity's English form with their institution types narrowed to those its
    Chinese name has ("Institute of Technology" of 北京理工大学 is 理工大学, not 工业大学)."""
    out = []
    for t in tokens:
        own = institution_types(t)
        sure = own & types
        if len(own) > 1 and sure:
            t = Tok(t.text, t.key if t.key in sure else min(sure), (t.keys - own) | sure, t.kind)
        out.append(t)
    return tuple(out)


class Index:
    """Look-up tables over a glossary's entities.

    Parameters
    ----------
    entities : sequence of Entity
    lexicon : TermLexicon
    """

    def __init__(self, entities: Iterable[Entity], lexicon: TermLexicon):
        self.entities: list[Entity] = list(entities)
        self.lexicon = lexicon
        #: Entity id -> its position: the one such table, which the stages and the scan share.
        self.positions: dict[str, int] = {e.id: i for i, e in enumerate(self.entities)}
        # Key -> its entities: an int for one, a list of several in the order they came, while
        # built (a set per key for a moment was 216 bytes a key); sets once built (see
        # _seal_owners).
        self.exact: dict[str, set[int]] = {}
        self.exact_label = FormLabels(self.exact)
        self.concepts: dict[tuple[str, ...], set[int]] = {}
        self.concept_reps: dict[tuple[str, ...], list[int]] = defaultdict(list)  # tuples once built
        self.reps: list[Rep] = []
        self.postings: dict[str, list[int]] = defaultdict(list)  # tuples once built
        self.by_type: dict[str, set[int]] = defaultdict(set)
        df: Counter[str] = Counter()  # concept -> how many entities have it
        expansions = self._abbreviation_expansions()
        positions = self.positions
        # The folded key of every written form, worked out here once for every table that keys
        # forms (the exact stage's views, the acronyms' parents): at 100,000 entities the forms
        # outnumber fold_key's memo, and each table folded every form again.
        keys: list[str] = []
        starts = array(_UINT32)
        for i, entity in enumerate(self.entities):
            starts.append(len(keys))
            up = positions.get(entity.parent) if entity.parent else None
            parent = self.entities[up] if up is not None else None
            parent_forms = self._parent_forms(parent) if parent is not None else ()
            self.by_type[entity.type].add(i)
            seen_keys: dict[str, None] = {}  # the entity's concepts, in the order first met
            zh_forms = [text for _, text in entity.forms() if not text.isascii() and has_han(text)]
            zh_text = "|".join(zh_forms)
            zh_types = frozenset().union(*(institution_types(t) for text in zh_forms
                                           for t in lexicon.read_zh(text)))
            for label, text, core in _with_cores(entity.forms()):
                key = fold_key(text)
                if not core:
                    keys.append(key)
                if key and _add_owner(self.exact, key, i):  # the entity's first form with this key
                    self.exact_label.add(key, i, label)
                if label == "abbreviation":
                    continue
                han = not text.isascii() and has_han(text)
                tokens = lexicon.read_zh(text) if han else lexicon.read(text)  # shared, not copied
                if not tokens:
                    continue
                if not han:
                    if zh_text:
                        tokens = anchor_homophones(tokens, zh_text, lexicon)
                    # the type as written keys the entity too ("Polytechnic University")
                    self._add_concept_key(i, len(self.reps), rendering_key(tokens))
                    if zh_types:
                        tokens = anchor_types(tokens, zh_types)
                forms = [(label, text, tokens)]
                if len(tokens) > 1 and any(t.text in expansions for t in tokens):
                    # "Sixth Academy of CASC" is also "Sixth Academy of China Aerospace
                    # Science and Technology Corporation": another entity's acronym spelt out.
                    spelt = tuple(e for t in tokens for e in expansions.get(t.text, (t,)))
                    forms.append((label, text, spelt))
                for label_, text_, toks in forms:
                    if parent_forms:
                        toks = _qualify(toks, parent_forms)
                    self._add_rep(i, label_, text_, toks, seen_keys)
            df.update(seen_keys.keys())  # (counted in C: a key view is no mapping to Counter)
        starts.append(len(keys))
        if sys.byteorder == "big":
            starts.byteswap()
        self._form_keys = keys
        self._form_starts = starts.tobytes()  # (bytes: a saved index holds no array)
        self.df = dict(df)
        self.n = max(1, len(self.entities))
        self._seal_owners()
        self._share_chinese_short_forms()
        # Read only from here on: each posting a tuple of its own size (a list keeps room to grow).
        for table in (self.postings, self.concept_reps):
            for key, held in table.items():
                table[key] = tuple(held)  # type: ignore[index]

    def form_keys(self, i: int) -> list[str]:
        """The :func:`~aeronorm.text.fold.fold_key` of each written form of entity ``i``, in the
        order of :meth:`~aeronorm.glossary.Entity.forms`."""
        first, end = _SPAN.unpack_from(self._form_starts, 4 * i)
        return self._form_keys[first:end]

    def _share_chinese_short_forms(self) -> None:
        """A Chinese short form that several entities write (六院 is CASC's and CASIC's sixth
        academy) makes every English form that reads as it theirs too: "Sixth Academy", written
        as an alias of one, is no answer while the Chinese says it is either."""
        shared: dict[tuple[str, ...], set[int]] = {}
        sharing: set[int] = set()  # every entity of a shared form: only their forms can take one
        for rep in self.reps:
            if not rep.text.isascii() and has_han(rep.text):
                owners = self.exact.get(fold_key(rep.text), set())
                if len(owners) > 1:
                    shared.setdefault(concept_key(rep.tokens), set()).update(owners)
                    sharing.update(owners)
        if not shared:
            return
        for rep in self.reps:
            if rep.entity in sharing and (rep.text.isascii() or not has_han(rep.text)):
                owners = shared.get(concept_key(rep.tokens))
                if owners and rep.entity in owners:
                    key = fold_key(rep.text)
                    held = self.exact.get(key)
                    if type(held) is not set:  # one entity's (shared) frozenset, or none
                        held = self.exact[key] = set(held or ())
                    self.exact_label.unlabelled(key, owners - held)
                    held.update(owners)

    def _seal_owners(self) -> None:
        """A key of one entity (nearly every key) holds that entity's one frozenset, shared by
        all its keys, instead of a set of its own (216 bytes a key: most of the memory of these
        tables in a large glossary); a key of several, a set of them, made in the order they came
        (the set it was built as before). The tables are read only once built (a frozenset is a
        set to every reader: same members, same order)."""
        one: dict[int, frozenset[int]] = {}
        for table in (self.exact, self.concepts):
            for key, ids in table.items():
                if type(ids) is int:
                    shared = one.get(ids)
                    if shared is None:
                        shared = one[ids] = frozenset((ids,))
                    table[key] = shared  # type: ignore[assignment]
                else:
                    table[key] = set(ids)

    def _add_rep(self, i: int, label: str, text: str, tokens: tuple[Tok, ...],
                 seen_keys: dict[str, None]) -> None:
        rep_id = len(self.reps)
        self.reps.append(Rep(i, label, text, tokens))
        self._add_concept_key(i, rep_id, concept_key(tokens))
        postings, legal = self.postings, Kind.LEGAL
        # the form's concepts, each once, in the order its tokens carry them
        concepts = dict.fromkeys(chain.from_iterable([t.keys for t in tokens if t.kind != legal]))
        for k in concepts:
            postings[k].append(rep_id)
        seen_keys.update(concepts)

    def _add_concept_key(self, i: int, rep_id: int, ckey: tuple[str, ...]) -> None:
        if ckey and rep_id not in self.concept_reps[ckey]:
            _add_owner(self.concepts, ckey, i)
            self.concept_reps[ckey].append(rep_id)

    def _parent_forms(self, parent: Entity) -> tuple[tuple[str, ...], ...]:
        """Concept-key sequences of a parent's English names and acronyms."""
        forms = set()
        for text in (*parent.english_names(), *parent.abbreviations):
            keys = tuple(t.key for t in self.lexicon.read(text) if t.kind != Kind.LEGAL)
            if keys:
                forms.add(keys)
        return tuple(sorted(forms, key=len, reverse=True))

    def _abbreviation_expansions(self) -> dict[str, tuple[Tok, ...]]:
        """Given English acronyms that name one entity only, with that entity's name tokens."""
        owners: dict[str, set[int]] = defaultdict(set)
        for i, entity in enumerate(self.entities):
            for abbreviation in entity.abbreviations:
                words = self.lexicon.words(abbreviation)
                if len(words) == 1 and is_upper_word(abbreviation) and len(abbreviation) >= 3:
                    owners[words[0]].add(i)
        out = {}
        for word, ids in owners.items():
            if len(ids) == 1:
                (i,) = ids
                out[word] = self.lexicon.read(self.entities[i].name)
        return out

    # -- informativeness ----------------------------------------------------------------------
    def idf(self, tok: Tok) -> float:
        """Inverse document frequency of a token's most common concept (rare -> large)."""
        df = max((self.df.get(k, 0) for k in tok.keys), default=0)
        return math.log(1.0 + self.n / (1.0 + df))

    def allowed(self, type_: str | None) -> set[int] | None:
        """Positions of the entities of one type (``None``: no restriction).

        Raises
        ------
        ValueError
            For a type that is not one of :data:`~aeronorm.glossary.ENTITY_TYPES`.
        """
        if type_ is None:
            return None
        check_entity_type(type_)
        return self.by_type.get(type_, set())

    def names(self) -> frozenset[int] | None:
        """Positions of the entities a name can be (every type but ``term``: domain terms are
        vocabulary, found in text but never the answer to a name); ``None`` when that is all.
        Frozen: the pipeline remembers what it intersects with it, by identity."""
        terms = self.by_type.get("term")
        if not terms:
            return None
        return frozenset(range(len(self.entities))).difference(terms)

    def owners(self, key: str) -> set[int]:
        """Entities that write ``key`` (a :func:`~aeronorm.text.fold.fold_key`) as one of their forms."""
        return self.exact.get(key, set())


def _add_owner(table: dict[Any, Any], key: Any, i: int) -> bool:
    """Record that entity ``i`` has ``key`` (see :meth:`Index._seal_owners`); whether it is new."""
    held = table.get(key)
    if held is None:
        table[key] = i
    elif type(held) is int:
        if held == i:
            return False
        table[key] = [held, i]
    elif i not in held:
        held.append(i)
    else:
        return False
    return True


class FormLabels:
    """``(folded key, entity) -> label`` of the entity's first form with that key (``name``,
    ``alias``, ``abbreviation``, ``zh``, ``zh_alias``), read as the dict it stands for (``get``,
    ``[]``, ``in``): a key of an entity (:attr:`Index.exact`) has a label. Only the labels other
    than ``name`` are held (a name is most forms: a tuple and an entry each were 30 MB at
    100,000 entities), and the owners a Chinese short form shared gave a key, which have none.

    Examples
    --------
    >>> exact = {"casc": frozenset({0}), "china aerospace": frozenset({0})}
    >>> labels = FormLabels(exact)
    >>> labels.add("casc", 0, "abbreviation"), labels.add("china aerospace", 0, "name")
    (None, None)
    >>> labels.get(("casc", 0)), labels[("china aerospace", 0)], labels.get(("casc", 1), "none")
    ('abbreviation', 'name', 'none')
    """

    __slots__ = ("_exact", "_other")

    def __init__(self, exact: dict[str, Any]):
        self._exact = exact  # the index's own table, read when a label is not held
        self._other: dict[tuple[str, int], str | None] = {}  # None: an owner without a form of the key

    def add(self, key: str, i: int, label: str) -> None:
        """The label of entity ``i``'s first form with ``key`` (once per key and entity)."""
        if label != "name":
            self._other[(key, i)] = label

    def unlabelled(self, key: str, owners: Iterable[int]) -> None:
        """Owners given ``key`` by no form of theirs: no label."""
        for i in owners:
            self._other[(key, i)] = None

    def get(self, key: tuple[str, int], default: Any = None) -> Any:
        label = self._other.get(key, _NO_LABEL)
        if label is not _NO_LABEL:
            return default if label is None else label
        owners = self._exact.get(key[0])
        return "name" if owners is not None and key[1] in owners else default

    def __getitem__(self, key: tuple[str, int]) -> str:
        label = self.get(key)
        if label is None:
            raise KeyError(key)
        return label

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and len(key) == 2 and self.get(key) is not None


_NO_LABEL = object()


_ASIDE_OPENERS = frozenset("([（【\"“")  # every aside of text.fold.ASIDE_RE starts with one


def _with_cores(forms: Iterable[tuple[str, str]]) -> Iterable[tuple[str, str, bool]]:
    """Every written form, then, for one with a quoted short name or an acronym in brackets,
    the form without it: "X Technology Co., Ltd. ("X Tech")" is also written "X Technology Co., Ltd.".
    The third item says which is a core (``True``) and which a form as written."""
    for label, text in forms:
        yield label, text, False
        if label != "abbreviation":
            # no aside opens and the spaces are as the core writes them: no core (the regular
            # expressions of without_redundant_asides were a tenth of the index's build)
            if _ASIDE_OPENERS.isdisjoint(text) and " ".join(text.split()) == text:
                continue
            core = without_redundant_asides(text)
            if core:
                yield label, core, True


def _qualify(tokens: tuple[Tok, ...], parent_forms: tuple[tuple[str, ...], ...]) -> tuple[Tok, ...]:
    """Mark the parent's name inside a name as a descriptor: "National Space Science Center,
    CAS" is still the centre without ", CAS". Only a whole mention of the parent counts."""
    out = list(tokens)
    keys = [t.key for t in tokens]
    n = len(keys)
    for form in parent_forms:
        size = len(form)
        if size >= n:
            continue  # the name must say more than its parent
        for start in range(n - size + 1):
            if tuple(keys[start : start + size]) == form:
                for k in range(start, start + size):
                    t = out[k]
                    if t.kind == Kind.NAME:
                        out[k] = Tok(t.text, t.key, t.keys, Kind.GENERIC)
    return tuple(out)
