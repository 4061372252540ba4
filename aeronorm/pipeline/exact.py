"""Stage 1, exact: the folded key of every name, alias, abbreviation and Chinese name.

Before a name is prepared as a :class:`Query`, :meth:`ExactStage.written_many` answers a batch of
names with one probe each: a name written exactly as in the glossary is a dict hit; any other
goes through :func:`~aeronorm.text.fold.probe_keys` (the folded key, computed for the whole batch
at once) and one probe of a table keyed the same way. :meth:`ExactStage.written` is the simple
one-name path they must agree with.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import compress, islice
from typing import ClassVar, Literal

from ..caching import BuildOnce
from ..glossary.entity import Entity
from ..index import Index
from ..results import Match, Method
from ..text.fold import fold_key, positions_of, probe_key, probe_keys
from .asides import listed_lines
from .base import Outcome, SharedTables, ambiguous, found
from .calibration import Calibration
from .query import Query
from .retranslation import MAX_QUERY_CHARS

__all__ = ["ExactStage"]


_NOBODY = "\n"  # a probe key no table holds (a folded key has no newline)
_SAMPLE = 32  # canonical_many: when none of a batch's first names is written as in the glossary, fold all
# A form's owner and label in one int (a Match made only on a hit: one per written form was most
# of these tables): the owner's position times _STRIDE plus the label's place in _Labels.
_STRIDE = 16


class _Labels:
    """The labels of forms (``name``, ``alias``, ...), numbered as they come, each packed with an
    entity's position in one int (:meth:`pack`).

    A written form whose ``repr`` is itself in single quotes (no quote, backslash or unprintable
    character: nearly all) gets its label's *plain* code: the evidence of a hit on it is then
    written without ``repr`` (:func:`_evidence`), the same string for less. Codes, not a table:
    nothing is added per form.
    """

    __slots__ = ("codes", "names", "plain")

    def __init__(self) -> None:
        self.codes: dict[tuple[str, bool], int] = {}
        self.names: list[str] = []  # per code: the label
        self.plain: list[str | None] = []  # per code: the evidence's start for a plain form, else None

    def pack(self, i: int, label: str, text: str | None = None) -> int:
        """Entity ``i`` and a form's label in one int; with ``text``, the form as written (a
        plain one gets its own code)."""
        plain = text is not None and repr(text) == f"'{text}'"
        code = self.codes.get((label, plain))
        if code is None:
            if len(self.names) == _STRIDE:
                raise ValueError(f"more than {_STRIDE} codes of written forms' labels (each plain or not)")
            code = self.codes[label, plain] = len(self.names)
            self.names.append(label)
            self.plain.append(f"{label} '" if plain else None)
        return i * _STRIDE + code


@dataclass(frozen=True, slots=True)
class _Folded:
    """Probe key of every folded key one entity owns -> that entity and its form's label
    (packed), for every type filter (each view checks that it admits the owner)."""

    owners: dict[bytes | str, int]
    labels: _Labels


@dataclass(frozen=True, slots=True)
class _View:
    """The tables of one type filter (``None``: every entity but the domain terms)."""

    written: dict[str, int]  # written form owned by one entity of the filter -> it and the label, packed
    labels: _Labels  # the labels ``written`` packs
    written_canonical: dict[str, str]  # the same forms -> the canonical name
    # probe key of one entity of the filter -> its canonical name; of an abstention (abstains) -> False
    folded_canonical: dict[bytes | str, str | Literal[False]]
    admits: list[bool]  # per entity: whether the filter lets it through
    abstains: frozenset[bytes | str]  # probe keys the pipeline abstains on whatever the name (_abstaining)


class ExactStage:
    """Look the folded query (and its core without asides) up among all written forms.

    A key that several entities claim is an abstention naming them all.
    """

    name: ClassVar[Method] = "exact"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.score = calibration.exact
        self._folded = BuildOnce(self._folded_table)
        self._views: dict[str | None, BuildOnce[_View]] = {}

    def warm(self) -> None:
        """Build the tables of the default filter."""
        self._folded.get()
        self._view(None)

    def written(self, name: str, type_: str | None = None) -> Match | None:
        """The one-name path, before a query is prepared: a name written exactly as in the
        glossary (its :class:`Match` made on the hit), else its folded key, owned by one entity.
        Anything else (several owners, asides, other stages) is left to the pipeline.
        :meth:`written_many` gives the same answers for a batch."""
        view = self._view(type_)
        hit = view.written.get(name)
        if hit is not None:
            return self._matches([name], [hit], view.labels)[0]
        if len(name) > MAX_QUERY_CHARS:
            return None
        key = fold_key(name)
        ids = self.index.exact.get(key)
        if ids is None or len(ids) != 1:
            return None
        (i,) = ids
        entity = self.index.entities[i]
        if not view.admits[i]:
            return None
        label = self.index.exact_label.get((key, i), "name")
        return Match.of(name, entity, self.score, "exact", (f"{label} {name!r}",))

    def written_many(self, names: Sequence[str], type_: str | None = None, *, settle: bool = False
                     ) -> list[Match | Literal[False] | None]:
        """:meth:`written` of each name: one probe of the written forms, then, for the names not
        written so, one probe of the folded keys (keyed for the whole batch at once).

        ``settle=True``: a name whose folded key two titles or more share (the pipeline abstains
        on it, whatever else the name says: see :meth:`_view`) is ``False``, not ``None``; the
        caller need not ask the pipeline (unless it retranslates what nothing matched)."""
        if not names:
            return []
        view = self._view(type_)
        written = list(map(view.written.get, names))
        if None not in written:  # every name as written: the matches in one loop, no gathering
            return self._matches(names, written, view.labels)  # type: ignore[arg-type]
        hits: list[Match | Literal[False] | None] = [None] * len(names)
        misses: Sequence[int]
        if written.count(None) == len(written):  # no name as written: all folded
            misses, asked = range(len(names)), names
        else:
            found = [k for k, packed in enumerate(written) if packed is not None]
            made = self._matches([names[k] for k in found], [written[k] for k in found], view.labels)
            for k, m in zip(found, made, strict=True):
                hits[k] = m
            misses = [k for k, packed in enumerate(written) if packed is None]
            asked = [names[k] for k in misses]
        folded = self._folded.get()
        admits = view.admits
        keys = self._probe_keys(asked)
        owners = map(folded.owners.get, keys)
        found = []
        packs = []
        abstains = view.abstains if settle else frozenset()
        for k, key, owner in zip(misses, keys, owners, strict=True):
            if owner is not None and admits[owner // _STRIDE]:
                found.append(k)
                packs.append(owner)
            elif key in abstains:
                hits[k] = False
        for k, m in zip(found, self._matches([names[k] for k in found], packs, folded.labels), strict=True):
            hits[k] = m
        return hits

    def _matches(self, names: Sequence[str], packed: Sequence[int], labels: _Labels) -> list[Match]:
        """The match of each name to the entity and form label its ``packed`` holds (see
        :class:`_Labels`), made in one batch."""
        entities = self.index.entities
        owners = [entities[p // _STRIDE] for p in packed]
        return Match.of_many(names, owners, self.score, "exact",
                             _evidence(names, [p % _STRIDE for p in packed], labels))

    def canonical_many(self, names: Sequence[str], type_: str | None = None, *, settle: bool = False
                       ) -> list[str | Literal[False] | None]:
        """The canonical name :meth:`written_many` would answer for each name (``None`` where it
        answers nothing, ``False`` where, with ``settle``, it settles the name as unknown),
        without building a :class:`Match`."""
        view = self._view(type_)
        written = view.written_canonical
        out: list[str | Literal[False] | None]
        if not any(map(written.get, islice(names, _SAMPLE))):
            # Variants (a column in upper case, say): every name folded, no probe of the written
            # forms first. The folded table answers a written form as the written one does (the
            # same sole owner), and no written form is longer than the names it keys.
            self._folded.get()  # built with the view's tables, before the keys are computed
            keys = self._probe_keys(names)
            out = list(map(view.folded_canonical.get, keys))
            if not settle and view.abstains and not all(out):  # (a canonical name is never empty)
                out = [c or None for c in out]
            return out
        out = list(map(written.get, names))
        if all(out):
            return out
        self._folded.get()
        misses = positions_of(out, None)
        asked = [names[k] for k in misses]
        for k, c in zip(misses, map(view.folded_canonical.get, self._probe_keys(asked)), strict=True):
            out[k] = c if settle else c or None
        return out

    @staticmethod
    def _probe_keys(names: Sequence[str]) -> list[bytes | str]:
        """Probe keys of the names; an overlong name, or one with a list mark (";", "、": it folds
        away, and "X; CAS" lists two bodies, which the pipeline weighs), gets one no table holds."""
        joined = "\n".join(names)
        if len(joined) <= MAX_QUERY_CHARS or max(map(len, names)) <= MAX_QUERY_CHARS:
            keys = probe_keys(names, joined=joined)
        else:
            short = [len(n) <= MAX_QUERY_CHARS for n in names]
            made = iter(probe_keys(compress(names, short)))
            keys = [next(made) if s else _NOBODY for s in short]
        for k in listed_lines(names, joined):  # (only the names holding a mark are asked)
            keys[k] = _NOBODY
        return keys

    def _view(self, type_: str | None) -> _View:
        view = self._views.get(type_)
        if view is None:  # two threads may both create one: the first one stored wins
            view = self._views.setdefault(type_, BuildOnce(partial(self._build_view, type_)))
        return view.get()

    def _folded_table(self) -> _Folded:
        """Probe key of every folded key one entity owns -> that entity, and the label of its form."""
        labels = self.index.exact_label
        packed = _Labels()
        owners = {probe_key(key): packed.pack(i, labels.get((key, i), "name"))
                  for key, ids in self.index.exact.items() if len(ids) == 1 for i in ids}
        return _Folded(owners, packed)

    def _build_view(self, type_: str | None) -> _View:
        index = self.index
        written: dict[str, int] = {}
        written_canonical: dict[str, str] = {}
        packed = _Labels()
        admits = [_admits(e, type_) for e in index.entities]
        for i, (e, admitted) in enumerate(zip(index.entities, admits, strict=True)):
            if not admitted:
                continue
            canonical = e.canonical("")
            for (label, text), key in zip(e.forms(), index.form_keys(i), strict=True):
                if len(index.exact.get(key, ())) == 1 and text not in written:
                    written[text] = packed.pack(i, label, text)
                    written_canonical[text] = canonical
        entities = index.entities
        folded: dict[bytes | str, str | Literal[False]] = {
            probe: entities[owner // _STRIDE].canonical("")
            for probe, owner in self._folded.get().owners.items() if admits[owner // _STRIDE]}
        abstains = self._abstaining(admits)
        folded.update(dict.fromkeys(abstains, False))  # (no key of one owner is one of these)
        return _View(written, packed, written_canonical, folded, admits, abstains)

    def _abstaining(self, admits: list[bool]) -> frozenset[bytes | str]:
        """Probe keys of the folded keys that two titles or more admitted by a filter share.

        The pipeline abstains on any name whose folded key is one of these, whatever else it
        says: the exact stage comes first in every lane and tries the name's own key first
        (:attr:`Query.keys`, whose first is the name's folded key); a shared key with two owners
        allowed or more is an abstention no later stage may overturn; and the allowed entities
        narrow only to organisations or companies (a company form in the name), both of which
        hold every title, so two titles stay allowed. (Never the empty key: a blank name is passed
        through, not settled.)"""
        entities = self.index.entities
        return frozenset(probe_key(key) for key, ids in self.index.exact.items() if len(ids) > 1 and key
                         and sum(admits[i] and entities[i].type == "title" for i in ids) > 1)

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        index = self.index
        for form, key in zip(query.forms, query.keys, strict=True):
            ids = index.exact.get(key)
            if not ids:
                continue
            if allowed is not None:
                ids = {i for i in ids if i in allowed}
                if not ids:
                    continue
            if len(ids) == 1:
                (i,) = ids
                label = index.exact_label.get((key, i), "name")
                return found(index, i, self.score, "exact", (f"{label} {form!r}",))
            return ambiguous(index, ids, 1.0, "exact", (f"{form!r} names {len(ids)} entities",))
        return None


def _evidence(names: Sequence[str], codes: Sequence[int], labels: _Labels) -> list[tuple[str, ...]]:
    """The evidence of a hit on each name, ``f"{label} {name!r}"``: a name written as a plain form
    (its code says so) is quoted without ``repr``, the same string (``repr`` is most of the cost)."""
    plain, names_of = labels.plain, labels.names
    return [(f"{start}{name}'",) if (start := plain[code]) is not None else (f"{names_of[code]} {name!r}",)
            for name, code in zip(names, codes, strict=True)]


def _admits(entity: Entity, type_: str | None) -> bool:
    """Whether a type filter lets an entity through: no type asked, any name but a domain term
    (vocabulary, not a name)."""
    return entity.type != "term" if type_ is None else entity.type == type_
