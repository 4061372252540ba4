"""Units rolled up into their parent's cluster: ``cluster(values, units="with_parent")``.

By default a unit stays apart from its parent: a research institute of X is not X (the
matcher's specificity rule), and the vetoes keep them apart. Some users want the other grouping:
screening an entity together with its units and subsidiaries, or spend per group. With
``units="with_parent"``, once the clusters are formed, a value that names a unit of another
value of the column joins that value's cluster:

* the other value's words are all in it, as one run, by concept (translation-aware, in any
  script), and the other value names an organisation: an acronym of the column (written alone
  or defined by a member), or a name with a unit word, a company form or a brand in it (a
  single word only as an acronym or a brand);
* what is left makes it a unit: a place it gives in brackets ("X (Shenzhen) Co."), or a unit
  word (a word whose Chinese ends in 院, 所, 中心, 大学, ...: ``unit_endings`` in
  ``aeronorm/data/chinese.yaml``) with a number ("902 Institute of X", "X Group 3rd Academy")
  or a name of its own ("X University Shenzhen Research Institute", "Institute of Computing
  Technology, X Academy"); a unit word alone only when the parent names its own kind ("X
  Institute of Technology Research Institute"; but "X University" is the full name of "X", not
  a unit of it). A bare number is not enough ("5th X Institute" is another institute).

The longest such parent is the nearest: a unit of a unit joins the unit, and so the group of the
top parent. A cluster whose values name parents in two different clusters joins neither (two
different parents stay apart); a cluster anchored to a known entity stays that entity; parents
are found by exact look-ups of concept keys and acronyms, so a look-alike is never a parent
(CASC never holds a unit of CASIC). The cluster keeps its parent's canonical name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..index import concept_key
from ..lexicon import Kind, TermLexicon, Tok
from ..lexicon.word_classes import load_word_classes
from .evidence import ColumnEvidence, Edge, comparable
from .items import Item
from .merge import Merger
from .names import is_brand
from .parents import unit_word

__all__ = ["UNITS", "UnitOf", "check_units", "roll_up", "units_of"]

#: What ``cluster(units=...)`` accepts: units kept apart from their parent (the default), or
#: rolled up into their parent's cluster.
UNITS: tuple[str, ...] = ("apart", "with_parent")


def check_units(units: str) -> str:
    """``units`` if it is one of :data:`UNITS`, else a ``ValueError``."""
    if units not in UNITS:
        raise ValueError(f"units must be one of {', '.join(map(repr, UNITS))}, got {units!r}")
    return units


@dataclass(frozen=True, slots=True)
class UnitOf:
    """Item ``unit`` names a unit of item ``parent``; ``rest`` is what makes it one."""

    unit: int
    parent: int
    rest: str


class _Parents:
    """What may be a parent, found by look-up: the column's names by concept key (the index's
    table), its acronyms (written alone or defined by a member), its brands."""

    def __init__(self, ev: ColumnEvidence):
        self.ev = ev
        self.acronyms: dict[str, list[int]] = defaultdict(list)
        for item in ev.items:
            for acro in (item.acronym, *item.defines):
                if acro:
                    self.acronyms[acro.lower()].append(item.position)

    def of(self, run: Sequence[Tok]) -> list[int]:
        """Items named by exactly the words of ``run``."""
        ev = self.ev
        if len(run) == 1:
            tok = run[0]
            found = list(self.acronyms.get(tok.text, ()))
            if not found and not is_brand(ev.index.lexicon, tok):
                return []  # one word names something only as an acronym or a brand
        else:
            found = []
        found += (ev.item_of[e] for e in ev.index.concepts.get(concept_key(run), ()))
        lex = ev.index.lexicon
        return sorted({i for i in found if _names_an_organisation(ev.items[i], lex)})


def units_of(ev: ColumnEvidence, item: Item, parents: _Parents | None = None) -> list[UnitOf]:
    """The parents ``item`` names a unit of, nearest (longest) first only: empty when it names
    none (see the module's docstring)."""
    if not comparable(item):
        return []
    parents = parents or _Parents(ev)
    toks = [t for t in item.tokens if t.kind != Kind.LEGAL]
    for length in range(len(toks) - 1, 0, -1):
        found = []
        for start in range(len(toks) - length + 1):
            rest = toks[:start] + toks[start + length :]
            how = _makes_unit(rest, item)
            if not how:
                continue
            words = " ".join(t.text for t in rest)
            found += [UnitOf(item.position, p, words) for p in parents.of(toks[start : start + length])
                      if p != item.position and (how == "unit" or _has_kind(ev.items[p]))]
        if found:
            return found
    return []


def _makes_unit(rest: Sequence[Tok], item: Item) -> str:
    """Whether the words left beside a parent's name make a unit of it: ``"unit"`` for a place
    the value gives in brackets, or a unit word with a number or a name of its own ("902
    Institute", "Third Academy", "Shenzhen Research Institute"); ``"kind"`` for a unit word
    alone ("Research Institute"), a unit only of a parent that names its own kind ("X
    Institute of Technology Research Institute", "X Group Research Institute"; "X University"
    is the full name of "X"); ``""`` otherwise ("5th" alone is a numbered look-alike)."""
    if any(t.kind == Kind.PLACE and t.key in item.specific for t in rest):
        return "unit"
    if not any(unit_word(t) for t in rest):
        return ""
    return "unit" if len(rest) >= 2 or _numbered(rest[0]) else "kind"


def _has_kind(item: Item) -> bool:
    """Whether a name says what kind of organisation it is: a unit word or a company form."""
    return any(t.kind == Kind.LEGAL or unit_word(t) for t in item.tokens)


def _numbered(tok: Tok) -> bool:
    """Whether a word carries a number or an ordinal ("705", "3rd Academy", "Third Academy")."""
    ordinals = load_word_classes().ordinals
    return tok.kind == Kind.NUMBER or any(w in ordinals or w[:1].isdigit() for w in tok.text.split())


def _names_an_organisation(item: Item, lex: TermLexicon) -> bool:
    """Whether a value can be a parent: an acronym, or a name with a unit word, a company form
    or a brand in it ("Satellite Technology" names no one; "X Co.", "X Academy of Sciences" do)."""
    return bool(item.acronym or item.defines) or _has_kind(item) or any(is_brand(lex, t) for t in item.tokens)


def roll_up(merger: Merger, ev: ColumnEvidence, score: float) -> set[int]:
    """Join each cluster naming a unit of another cluster's value to that cluster (its nearest
    parent's), after the clusters are formed; returns the items that are units of another item
    of their cluster (they no longer propose its name). A cluster naming parents in two
    clusters, anchored to a known entity, or closing a circle stays apart."""
    items = ev.items
    parents = _Parents(ev)
    found: dict[int, list[UnitOf]] = defaultdict(list)  # unit cluster -> its items' parents
    inside: set[int] = set()  # units already in their parent's cluster (by a brand they share)
    for item in items:
        root = merger.find(item.position)
        if root in merger.anchor:
            continue  # a known entity stays itself
        for u in units_of(ev, item, parents):
            if merger.find(u.parent) != root:
                found[root].append(u)
            else:
                inside.add(u.unit)
    up: dict[int, UnitOf] = {}
    for root, links in found.items():
        if len({merger.find(u.parent) for u in links}) == 1:
            up[root] = min(links, key=lambda u: (u.unit, u.parent))
    parent_of = {root: merger.find(u.parent) for root, u in up.items()}
    for root in sorted(parent_of):
        # a circle (A a unit of B, B of A) leaves out the link of its first cluster
        seen, r = [root], parent_of.get(root)
        while r is not None and r not in seen:
            seen.append(r)
            r = parent_of.get(r)
        if r == root:
            del up[min(seen)], parent_of[min(seen)]
    joined = {i for root in up for i in merger.members[root]}
    for u in up.values():
        merger.attach(Edge(score, "unit", u.parent, u.unit, u.rest))
    return joined | inside
