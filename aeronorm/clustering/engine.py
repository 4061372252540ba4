"""``cluster(values)``: the column's items, the evidence between them, the merge, the clusters.

1. The distinct values are counted; values folding to one key are one item
   (:mod:`~aeronorm.clustering.items`), in an order of their own (never the input's: the
   clusters do not depend on it); missing values are counted and left out, and so are
   placeholders (``N/A``, ``NULL``, ``-``), which are reported with the reason.
2. An :class:`~aeronorm.index.Index` is built over the items, as if each were an entity of a
   glossary: its concept keys, postings and word weights (IDF over the column) are the
   matcher's own tables, so the evidence is the matcher's evidence.
3. With a glossary, items the matcher resolves to a known entity are anchored to it first.
4. Evidence (:mod:`~aeronorm.clustering.evidence`) joins items, strongest first, never across
   a veto (:mod:`~aeronorm.clustering.merge`); acronyms derived from names come last.
5. Each cluster proposes its entity: a canonical name, a Chinese name, an id.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..caching import BuildOnce
from ..glossary import Entity, Glossary, check_entity_type, shipped_terms
from ..index import Index
from ..lexicon import Kind, TermLexicon
from ..pipeline.calibration import DEFAULT_CALIBRATION, Calibration
from ..pipeline.retranslation import MAX_QUERY_CHARS
from ..text.fold import fold_key, has_han
from ..text.pinyin import to_pinyin
from .abbreviations import abbreviation_owners, acronym_owners, letters_of
from .clusters import EVIDENCE_KINDS, Cluster, Clusters, Evidence, Member
from .compare import fuzzy_edges
from .evidence import ColumnEvidence, Edge, form_class, forms_conflict
from .items import Item, count_values, left_out_reason, prepare_items
from .keys import key_edges
from .merge import Merger
from .names import proper_name_edges
from .romanised import is_romanised
from .units import check_units, roll_up

if TYPE_CHECKING:
    from ..normalizer import Normalizer
    from ..results import Match

__all__ = ["DEFAULT_CLUSTER_THRESHOLD", "cluster"]

#: Lowest evidence score that joins two values (the matcher's acceptance threshold).
DEFAULT_CLUSTER_THRESHOLD = DEFAULT_CALIBRATION.threshold
_RANK = {kind: k for k, kind in enumerate(EVIDENCE_KINDS)}
_SHIPPED_LEXICON: BuildOnce[TermLexicon] = BuildOnce(lambda: TermLexicon(shipped_terms()))


def cluster(
    values: Iterable[Any],
    *,
    glossary: Glossary | Normalizer | None = None,
    threshold: float | None = None,
    type: str | None = None,
    units: str = "apart",
) -> Clusters:
    """Group the values of a column that name the same entity, and propose each entity.

    Parameters
    ----------
    values : iterable of str
        The column. Missing values (``None``, NaN, empty or blank strings) are counted in
        :attr:`Clusters.missing` and left out; placeholders (``N/A``, ``NULL``, ``unknown``,
        ``不详``) and values with no letter, digit or Chinese character (``-``, ``?``) are left
        out too, listed in :attr:`Clusters.left_out` with the reason; every other distinct value
        is one member. The order of the values plays no part.
    glossary : Glossary or Normalizer, optional
        Known entities: values the matcher resolves to one are anchored to it first (the cluster
        takes its id and canonical name); the rest are clustered among themselves and may join
        an anchored cluster through the column's own evidence. Without it, the shipped term
        lexicon is the only vocabulary (no shipped entity is used).
    threshold : float, optional
        Lowest evidence score that joins two values (0..1; default
        :data:`DEFAULT_CLUSTER_THRESHOLD`). Higher gives fewer, surer clusters.
    type : str, optional
        Entity type of the proposed entities (default ``"org"``); with a glossary, only its
        entities of this type anchor.
    units : {"apart", "with_parent"}
        ``"apart"`` (the default): a unit is another entity than its parent (a research
        institute of X is not X), as the matcher reads names. ``"with_parent"``: a value naming
        a unit of another value of the column ("X University Shenzhen Research Institute", "X
        Group 3rd Academy", "X (Shenzhen) Co.") joins that value's cluster, with evidence
        ``"unit"``, and the cluster keeps the parent's name: an entity grouped with its units
        and subsidiaries (:mod:`~aeronorm.clustering.units`). The vetoes still hold between
        the parents (CASC never joins CASIC).

    Returns
    -------
    Clusters
        Every distinct value in exactly one :class:`Cluster`, largest clusters first.

    Raises
    ------
    TypeError
        For a single string or a mapping, or values that are neither strings nor missing.
    ValueError
        For a threshold outside 0..1, an unknown type or ``units`` value.

    Examples
    --------
    >>> import aeronorm
    >>> clusters = aeronorm.cluster(["China Space Foundation", "China Aerospace Foundation",
    ...                              "CASC", "CASIC", None])
    >>> [c.values for c in clusters]
    [['China Aerospace Foundation', 'China Space Foundation'], ['CASC'], ['CASIC']]
    >>> clusters[0].members[1].evidence.kind, clusters.missing
    ('concept key', 1)
    """
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))):
        raise TypeError(f"threshold must be a number, not {threshold.__class__.__name__}: {threshold!r}")
    threshold = DEFAULT_CLUSTER_THRESHOLD if threshold is None else float(threshold)
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within 0..1, got {threshold!r}")
    if type is not None:
        check_entity_type(type)
    check_units(units)
    normalizer = _normalizer(glossary)
    counts, missing = count_values(values)
    left_out = sorted(((v, n, why) for v, n in counts.items() if (why := left_out_reason(v))),
                      key=lambda x: (-x[1], x[0]))
    for v, _, _ in left_out:
        del counts[v]
    lexicon = normalizer.lexicon if normalizer is not None else _SHIPPED_LEXICON.get()
    calibration = normalizer.calibration if normalizer is not None else DEFAULT_CALIBRATION
    items = prepare_items(counts)
    index = _index(items, lexicon)
    ev = ColumnEvidence(items, index, calibration)
    merger = Merger(len(items), lambda i, j: ev.conflict(items[i], items[j]),
                    lambda i: _signature(items[i]))
    anchors = _anchor(merger, items, normalizer, type) if normalizer is not None else {}
    _merge(merger, ev, items, threshold, calibration)
    joined: set[int] = set()
    if units == "with_parent" and calibration.contained >= threshold:
        joined = roll_up(merger, ev, calibration.contained)
    out = _clusters(merger, items, anchors, normalizer, type, missing, joined)
    out.left_out = left_out
    return out


def _normalizer(glossary: Any) -> Normalizer | None:
    if glossary is None:
        return None
    from ..normalizer import Normalizer

    if isinstance(glossary, Normalizer):
        return glossary
    if isinstance(glossary, Glossary):
        return Normalizer(glossary)
    raise TypeError(f"glossary must be a Glossary or a Normalizer, not {type(glossary).__name__}")


def _index(items: list[Item], lexicon: TermLexicon) -> Index:
    """An index over the items (an entity per item, its id the item's position); sets each
    item's tokens. Text longer than a name can be is left out: such a value is compared by its
    folded key only."""
    entities = [
        Entity(str(item.position), item.text,
               aliases=(item.soft,) if item.soft and item.soft != item.text else ())
        for item in items if item.text and len(item.text) <= MAX_QUERY_CHARS
    ]
    index = Index(entities, lexicon)
    for rep in index.reps:
        item = items[int(index.entities[rep.entity].id)]
        if rep.text == item.soft or not item.tokens:
            item.tokens = rep.tokens
    for item in items:
        if not item.tokens:
            continue
        # a place or number in brackets names a more specific entity ("X (Shenzhen) Co.")
        item.specific = frozenset(t.key for aside in item.asides for t in lexicon.tokens(aside)
                                  if t.kind in (Kind.PLACE, Kind.NUMBER))
        item.form = form_class(item.tokens)
    # A name without a company form, where the column writes it with two forms that name two
    # companies (a group and its namesake company), is neither: the matcher abstains between them.
    for ids in index.concepts.values():
        group = {int(index.entities[i].id) for i in ids}
        forms = {items[i].form for i in group if items[i].form is not None}
        if any(forms_conflict(f, g) for f in forms for g in forms):
            for i in group:
                if items[i].form is None and items[i].script != "acronym":
                    items[i].form_ambiguous = True
    return index


def _signature(item: Item) -> tuple[Any, ...]:
    """What the vetoes read of an item: alike items conflict alike."""
    return (item.script, item.acronym, item.defines, item.specific, item.form, item.form_ambiguous,
            tuple(t.text for t in item.tokens if t.kind != Kind.LEGAL),
            tuple(t.key for t in item.tokens) if item.script == "acronym" else ())


def _anchor(merger: Merger, items: list[Item], normalizer: Normalizer, type_: str | None
            ) -> dict[int, Match]:
    """Items the matcher resolves, anchored to their entities; item -> its match."""
    matches = normalizer.match_many([item.values[0][0] for item in items], type=type_)
    by_entity: dict[str, list[int]] = defaultdict(list)
    anchors: dict[int, Match] = {}
    for item, m in zip(items, matches, strict=True):
        if m is not None:
            by_entity[m.entity_id].append(item.position)
            anchors[item.position] = m
    for entity_id, positions in by_entity.items():
        merger.anchor_items(positions, entity_id)
    return anchors


def _merge(merger: Merger, ev: ColumnEvidence, items: list[Item], threshold: float,
           calibration: Calibration) -> None:
    edges = [e for e in key_edges(ev) if e.score >= threshold]
    edges += fuzzy_edges(ev, threshold)
    edges += (e for e in proper_name_edges(ev) if e.score >= threshold)
    edges.sort(key=lambda e: (-e.score, _RANK[e.kind], e.a, e.b))
    for edge in edges:
        merger.join(edge)
    # An acronym, or a syllable abbreviation in pinyin, joins the one cluster whose names spell it,
    # once the names are clustered.
    late = []
    if calibration.abbreviation_derived >= threshold:
        acronyms = acronym_owners(ev)
        late += [(calibration.abbreviation_derived, "acronym derived", acronyms.get(item.acronym), item,
                  item.acronym) for item in items if item.acronym]
    if calibration.pinyin_derived >= threshold:
        abbreviations = abbreviation_owners(ev)
        late += [(calibration.pinyin_derived, "pinyin", abbreviations.get(letters), item,
                  f"{letters}, abbreviated") for item in items if (letters := letters_of(item))]
    for score, kind, found, item, detail in late:
        if found and len({merger.find(o) for o in found}) == 1:
            merger.join(Edge(score, kind, found[0], item.position, detail))


# -- the clusters and the entities they propose -------------------------------------------------
def _clusters(merger: Merger, items: list[Item], anchors: dict[int, Match], normalizer: Normalizer | None,
              type_: str | None, missing: int, units: set[int]) -> Clusters:
    """The clusters, largest first; ``units`` are items rolled up into a parent's cluster: the
    names are proposed by the parent's own values."""
    used: set[str] = set()
    entities: dict[str, Entity] = {}
    if normalizer is not None:
        entities = {e.id: e for e in normalizer.glossary.entities}
        used = set(entities)
    groups = merger.clusters()
    groups.sort(key=lambda g: (-sum(len(items[i].values) for i in g), -sum(items[i].count for i in g), g[0]))
    out = []
    for group in groups:
        members = _members(merger, items, group, anchors)
        confidence = min((m.evidence.score for m in members if m.evidence is not None), default=1.0)
        entity_id = merger.anchor.get(merger.find(group[0]))
        if entity_id is None and normalizer is not None:
            # no value alone was resolved ("X Co., Ltd. (XCL)" with an acronym the glossary
            # lacks), but the name the values propose is a known entity's, written as it is: the
            # cluster is that entity, never a second one of its name
            named = normalizer.match(_canonical(items, [i for i in group if i not in units]), type=type_)
            if named is not None and named.method == "exact":
                entity_id = named.entity_id
        entity = entities.get(entity_id) if entity_id is not None else None
        if entity is not None:
            canonical, zh, etype, cid = entity.name, entity.zh, entity.type, entity.id
        else:
            own = [i for i in group if i not in units]
            canonical = _canonical(items, own)
            zh = _chinese(items, own)
            etype = type_ or "org"
            cid = _unique_id(_slug(canonical), used)
        out.append(Cluster(cid, canonical, zh, etype, tuple(members), round(confidence, 4), entity_id,
                           entity))
    return Clusters(out, missing=missing)


def _members(merger: Merger, items: list[Item], group: list[int], anchors: dict[int, Match]
             ) -> list[Member]:
    def depth(i: int) -> int:
        d, up = 0, merger.tree_parent[i]
        while up is not None:
            d, up = d + 1, merger.tree_parent[up]
        return d

    # the first member, then those joined to it, then those joined to them ... (most rows first)
    ordered = sorted(group, key=lambda i: (depth(i), -items[i].count, i))
    out: list[Member] = []
    for i in ordered:
        item = items[i]
        first, count = item.values[0]
        match = anchors.get(i)
        parent, edge = merger.tree_parent[i], merger.tree_edge[i]
        if match is not None:
            why: Evidence | None = Evidence("glossary", match.score, None,
                                            f"{match.method}: {match.canonical} [{match.entity_id}]")
        elif parent is not None and edge is not None:
            why = Evidence(edge.kind, edge.score, items[parent].values[0][0], edge.detail)
        else:
            why = None
        out.append(Member(first, count, why))
        out.extend(Member(v, n, Evidence("same text", 1.0, first)) for v, n in item.values[1:])
    return out


def _canonical(items: list[Item], group: list[int]) -> str:
    """The name the cluster proposes: an English name rather than a romanisation, the most
    frequent, written in mixed case, complete rather than shortened; an acronym or the Chinese
    name when the cluster has no other. Among the spellings of one item (the same up to case,
    spacing and punctuation), its first (:func:`~aeronorm.clustering.items.spelling_rank`).
    Ties go to the earlier item, whose place does not depend on the input's order."""
    def rank(i: int) -> tuple[Any, ...]:
        item = items[i]
        text = item.soft or item.text
        mixed = text != text.upper() and text != text.lower()
        english = item.script == "latin" and not all(
            is_romanised(t) for t in item.tokens if t.kind != Kind.LEGAL)
        return (item.script == "latin", item.script == "acronym", english, item.count, mixed,
                len(item.tokens), -i)

    best = items[max(group, key=rank)]
    return best.soft or best.text


def _chinese(items: list[Item], group: list[int]) -> str:
    """The Chinese name a member gives: the most frequent, then the longest (the full name)."""
    han = [items[i] for i in group if items[i].script == "han"]
    if not han:
        return ""
    best = max(han, key=lambda item: (item.count, len(item.soft), -item.position))
    return best.soft


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    """An id from a name: folded ASCII words joined by hyphens (pinyin for Chinese)."""
    text = " ".join(to_pinyin(name)) + " " + name if has_han(name) else name
    slug = _SLUG.sub("-", fold_key(text)).strip("-")
    return slug[:60].rstrip("-") or "cluster"


def _unique_id(slug: str, used: set[str]) -> str:
    cid, k = slug, 2
    while cid in used:
        cid = f"{slug}-{k}"
        k += 1
    used.add(cid)
    return cid
