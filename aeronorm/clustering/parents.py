"""A parent's name inside another name: the index's reading of it as a descriptor
(:func:`aeronorm.index.Index` marks a glossary parent's name inside its children's names), with
the column's own entities as the parents.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..index import concept_key
from ..lexicon import Kind, Tok
from ..resources import load_chinese_words
from ..text.fold import has_han
from .evidence import ColumnEvidence
from .items import Item

__all__ = ["parent_names", "parent_of", "qualifies", "unit_word"]


def parent_names(ev: ColumnEvidence) -> tuple[set[str], set[tuple[str, ...]]]:
    """What may name a parent inside another name: the column's acronyms, and the concept keys
    of its names of two words or more."""
    acronyms = {item.acronym.lower() for item in ev.items if item.acronym}
    acronyms |= {a.lower() for item in ev.items for a in item.defines}
    keys = {key for key, ids in ev.index.concepts.items() if len(key) >= 2}
    return acronyms, keys


def qualifies(ev: ColumnEvidence, long: Item, short: Item,
               parents: tuple[set[str], set[tuple[str, ...]]]) -> bool:
    """Whether ``long`` is ``short`` with the name of a parent before or after it ("AVIC X",
    "X, CALT", "China Academy of Space Technology 513 Research Institute"), the parent named the
    way the column itself names an entity (an acronym it writes or defines, a name it lists):
    the index's reading of a parent's name inside a name as a descriptor, with the column's
    own entities as the parents. After a comma only what follows it can be the parent. A unit
    named head first, the English way, is never the parent before a name: "Institute of Optical
    Imaging Kestrel Academy of Sciences" is the academy's institute, its comma dropped (English
    names the parent after the unit), and does not join the academy for holding its words."""
    q = [t for t in long.tokens if t.kind != Kind.LEGAL]
    c = [t for t in short.tokens if t.kind != Kind.LEGAL]
    n = len(c)
    if n < 2 or len(q) <= n or not any(t.kind in (Kind.NAME, Kind.NUMBER) for t in c):
        return False  # the bare name must still name something ("Academy" does not)
    key = concept_key(c)
    comma = "," in long.soft
    before = concept_key(q[len(q) - n :]) == key and not comma
    if before:
        run = q[: len(q) - n]  # "Parent X"
    elif concept_key(q[:n]) == key:
        run = q[n:]  # "X Parent", "X, Parent"
        if comma:
            tail = [t for t in ev.index.lexicon.tokens(long.soft.rsplit(",", 1)[1]) if t.kind != Kind.LEGAL]
            if concept_key(tail) != concept_key(run):
                return False
    else:
        return False
    if before and _head_first(run):
        return False  # "Institute of X Parent": the bare name is the parent, not the unit
    acronyms, keys = parents
    if len(run) == 1:
        return run[0].text in acronyms  # "AVIC X", "X CALT"
    # a listed name after the bare one is its parent only after a comma: "Qinghe Institute 513
    # Institute" is the 513 Institute of Qinghe, not Qinghe's of the 513
    return concept_key(run) in keys and (before or comma)


def parent_of(ev: ColumnEvidence, parent: Item, child: Item) -> bool:
    """Whether ``child`` is another unit qualified by ``parent``'s name: ``parent`` names a unit
    (a university, an institute, a station, a company: :func:`_unit`), begins ``child`` or
    follows its last comma, and what remains is a name of its own ("Jade Lake Tracking Station"
    in "Kestrel Valley Laboratory, Jade Lake Tracking Station"; not "Quillfern" in "Quillfern
    Medical Co.", a brand, not a unit)."""
    p = [t for t in parent.tokens if t.kind != Kind.LEGAL]
    c = [t for t in child.tokens if t.kind != Kind.LEGAL]
    if not p or len(c) < len(p) + 2 or not _unit(parent):
        return False
    key = concept_key(p)
    comma = "," in child.soft
    if comma:
        tail = [t for t in ev.index.lexicon.tokens(child.soft.rsplit(",", 1)[1]) if t.kind != Kind.LEGAL]
        if concept_key(tail) != key or len(tail) != len(p):
            return False
        rest = c[: len(c) - len(p)]
    elif concept_key(c[: len(p)]) == key:
        rest = c[len(p) :]
    else:
        return False
    return len(rest) >= 2 and any(t.kind in (Kind.NAME, Kind.NUMBER) for t in rest)


def _head_first(tokens: Sequence[Tok]) -> bool:
    """Whether a name is a unit named head first, the English way ("Institute of Optical
    Imaging", "School of Astronautics"): its first word names a unit and words follow it."""
    return len(tokens) >= 2 and unit_word(tokens[0])


def _unit(item: Item) -> bool:
    return _unit_tokens([t for t in item.tokens if t.kind != Kind.LEGAL]) or any(
        t.kind == Kind.LEGAL for t in item.tokens)


def _unit_tokens(tokens: Sequence[Tok]) -> bool:
    """Whether a name ends like a unit (its last word is a :func:`unit_word`)."""
    return bool(tokens) and unit_word(tokens[-1])


def unit_word(tok: Tok) -> bool:
    """Whether a word names a kind of unit: it carries a Chinese concept ending in 院, 所, 站,
    大学, ... (``unit_endings`` of ``aeronorm/data/chinese.yaml``): "Research Institute",
    "Third Academy", "Center", "University"."""
    endings = load_chinese_words().unit_endings
    return any(k.endswith(endings) for k in tok.keys if has_han(k))
