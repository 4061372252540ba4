"""Clusters as a person reviews them and as the matcher uses them.

* :func:`glossary_records`, :func:`glossary_yaml` and :func:`glossary_json`: the draft glossary,
  in the shipped format (``aeronorm normalize ... --glossary draft.yaml``). Each cluster of an
  unknown entity is an entity: the proposed canonical name, every other English value an alias,
  acronyms as abbreviations, the Chinese values as ``zh`` and ``zh_aliases``. A cluster anchored to a known
  entity is written only when the column adds values the glossary does not resolve: the known
  entity whole (same id, so it replaces the shipped entry and keeps all its data) with the new
  values added.
* :func:`review_rows`: one row per distinct value, with its cluster and the evidence that
  joined it (the review CSV, ``Series.aeronorm.cluster()``); the values left out (placeholders,
  punctuation only) last, with no cluster, evidence ``"left out"`` and the reason.
* :func:`clusters_html`: each cluster with its evidence, for notebooks and the review page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ..text.fold import fold_key, has_han, has_latin
from .items import read_value

# This module reads clusters through these shapes only, so that :mod:`.clusters` (whose objects
# export and render themselves) can import it and not the other way round.


class Evidence(Protocol):
    """What export reads of a :class:`~aeronorm.clustering.Evidence`."""

    kind: str
    score: float
    via: str | None
    detail: str


class Member(Protocol):
    """What export reads of a :class:`~aeronorm.clustering.Member`."""

    value: str
    count: int
    evidence: Evidence | None


class Cluster(Protocol):
    """What export reads of a :class:`~aeronorm.clustering.Cluster`."""

    id: str
    canonical: str
    zh: str
    type: str
    members: Sequence[Member]
    confidence: float
    entity_id: str | None
    entity: Any

    @property
    def values(self) -> list[str]: ...

    @property
    def count(self) -> int: ...


__all__ = ["DRAFT_SOURCE", "LEFT_OUT", "REVIEW_COLUMNS", "clusters_html", "glossary_json", "glossary_records",
           "glossary_yaml", "review_rows"]

#: ``source`` of the entities of a draft glossary.
DRAFT_SOURCE = "aeronorm cluster (draft: review before use)"
#: ``evidence`` of a value left out of clustering in :func:`review_rows` (its ``detail`` says why).
LEFT_OUT = "left out"
#: Columns of :func:`review_rows`, in order.
REVIEW_COLUMNS: tuple[str, ...] = (
    "cluster", "canonical", "zh", "type", "entity_id", "size", "confidence",
    "value", "count", "evidence", "score", "via", "detail",
)
_ENTITY_FIELDS = ("id", "name", "type", "zh", "aliases", "abbreviations", "zh_aliases", "context_aliases",
                  "former_names", "parent", "source", "notes", "description", "templates", "bodies",
                  "location")


# -- the draft glossary -------------------------------------------------------------------------
def glossary_records(clusters: Iterable[Cluster], *, min_size: int = 1) -> list[dict[str, Any]]:
    """Entity records of the clusters of at least ``min_size`` values (see the module docstring).

    Examples
    --------
    >>> import aeronorm
    >>> records = glossary_records(aeronorm.cluster(["China Space Foundation", "China Aerospace Foundation"]))
    >>> records[0]["name"], records[0]["aliases"]
    ('China Aerospace Foundation', ['China Space Foundation'])
    """
    if isinstance(min_size, bool) or not isinstance(min_size, int):
        raise TypeError(f"min_size must be an int, not {min_size.__class__.__name__}: {min_size!r}")
    out = []
    for c in clusters:
        if len(c.members) < min_size:
            continue
        record = _known_record(c) if c.entity is not None else _new_record(c)
        if record is not None:
            out.append(record)
    return out


def _new_record(c: Cluster) -> dict[str, Any]:
    aliases, abbreviations, zh_aliases = _forms(c, [c.canonical, c.zh])
    record: dict[str, Any] = {"id": c.id, "name": c.canonical, "type": c.type}
    if c.zh:
        record["zh"] = c.zh
    for key, values in (("aliases", aliases), ("abbreviations", abbreviations), ("zh_aliases", zh_aliases)):
        if values:
            record[key] = values
    record["source"] = DRAFT_SOURCE
    record["notes"] = _notes(c)
    return record


def _known_record(c: Cluster) -> dict[str, Any] | None:
    """The known entity with the values the glossary did not resolve, or None when there are none."""
    entity = c.entity
    new = [m for m in c.members if m.evidence is None or m.evidence.kind != "glossary"]
    known = [entity.name, entity.zh, *entity.aliases, *entity.abbreviations, *entity.zh_aliases]
    aliases, abbreviations, zh_aliases = _forms(c, known, only=[m.value for m in new])
    if not (aliases or abbreviations or zh_aliases):
        return None
    record: dict[str, Any] = {}
    for key in _ENTITY_FIELDS:
        value = getattr(entity, key, None)
        if value in (None, "", ()):
            continue
        record[key] = list(value) if isinstance(value, tuple) else value
    for key, values in (("aliases", aliases), ("abbreviations", abbreviations), ("zh_aliases", zh_aliases)):
        if values:
            record[key] = [*record.get(key, []), *values]
    record["notes"] = " ".join(filter(None, [record.get("notes", ""), f"[{_notes(c)}]"]))
    return record


def _forms(c: Cluster, known: Iterable[str], *, only: Sequence[str] | None = None
           ) -> tuple[list[str], list[str], list[str]]:
    """The members' values as aliases, abbreviations and Chinese aliases, each as the matcher
    reads it (an acronym in brackets set aside and given as an abbreviation: "Jade Lake Tracking
    Station (JLTS)" is the alias "Jade Lake Tracking Station" and the abbreviation "JLTS"), leaving
    out those that write a known form (same folded key)."""
    seen = {_key(k) for k in known if k}
    aliases: list[str] = []
    abbreviations: list[str] = []
    zh_aliases: list[str] = []

    def add(value: str, bucket: list[str]) -> None:
        key = _key(value)
        if key and key not in seen:
            seen.add(key)
            bucket.append(value)

    for value in (only if only is not None else c.values):
        r = read_value(value)
        if r.script == "han":
            add(r.soft, zh_aliases)
        elif r.script == "acronym":
            add(r.text, abbreviations)
        else:
            add(r.soft, aliases)
            for acronym in r.defines:
                add(acronym, abbreviations)
    return aliases, abbreviations, zh_aliases


def _key(value: str) -> str:
    return "".join(value.split()) if has_han(value) and not has_latin(value) else fold_key(value)


def _notes(c: Cluster) -> str:
    kinds = sorted({m.evidence.kind for m in c.members if m.evidence is not None})
    return (f"{len(c.members)} values, {c.count} rows, confidence {c.confidence:.2f}"
            + (f"; evidence: {', '.join(kinds)}" if kinds else ""))


def glossary_yaml(clusters: Iterable[Cluster], *, min_size: int = 1, header: str = "") -> str:
    """The draft glossary as YAML in the shipped format (``Glossary.load`` reads it back).

    ``header`` is written as comment lines at the top.
    """
    import yaml

    records = glossary_records(clusters, min_size=min_size)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    body = yaml.safe_dump({"entities": records}, allow_unicode=True, sort_keys=False, width=1000,
                          default_flow_style=False) if records else "entities: []\n"
    return "\n".join(lines) + ("\n" if lines else "") + body


def glossary_json(clusters: Iterable[Cluster], *, min_size: int = 1) -> str:
    """The draft glossary as JSON (``{"entities": [...]}``, which ``Glossary.load`` reads back
    from a ``.json`` file); JSON has no comments, the ``source`` and ``notes`` of each entity
    say it is a draft."""
    import json

    doc = {"entities": glossary_records(clusters, min_size=min_size)}
    try:
        text = json.dumps(doc, ensure_ascii=False, indent=2)
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: written as an escape, read back as it was
        text = json.dumps(doc, ensure_ascii=True, indent=2)
    return text + "\n"


# -- the review table ---------------------------------------------------------------------------
def review_rows(clusters: Iterable[Cluster]) -> list[tuple[Any, ...]]:
    """One row per distinct value, in :data:`REVIEW_COLUMNS` order: its cluster's proposal, then
    the value, its count and the evidence that joined it (empty for the cluster's first value).
    Values left out (``clusters.left_out``: placeholders, punctuation only) come last, with no
    cluster, the evidence :data:`LEFT_OUT` and the reason as the detail."""
    rows = []
    for c in clusters:
        for m in c.members:
            ev = m.evidence
            rows.append((c.id, c.canonical, c.zh, c.type, c.entity_id or "", len(c.members), c.confidence,
                         m.value, m.count, ev.kind if ev else "", ev.score if ev else None,
                         (ev.via or "") if ev else "", ev.detail if ev else ""))
    for value, count, reason in getattr(clusters, "left_out", ()):
        rows.append(("", "", "", "", "", 0, None, value, count, LEFT_OUT, None, "", reason))
    return rows


# -- HTML ---------------------------------------------------------------------------------------
_CSS = ("font-family:system-ui,sans-serif;font-size:13px;border-collapse:collapse;margin:0 0 14px 0;"
        "min-width:40em")
_HEAD = "text-align:left;background:#eef3f8;padding:4px 8px;border-bottom:1px solid #c8d3df"
_CELL = "padding:3px 8px;border-bottom:1px solid #eee;vertical-align:top"
_KIND_COLORS = {
    "glossary": "#d4edda", "same text": "#e2e3e5", "acronym defined": "#cce5ff", "concept key": "#d1ecf1",
    "chinese": "#fde2e4", "pinyin": "#fff3cd", "fuzzy": "#f8d7da", "typo": "#f5c6cb",
    "proper name": "#e8dff5", "acronym derived": "#dbe9ff",
}
#: Clusters shown by the notebook display (the review page shows all).
NOTEBOOK_LIMIT = 100


def clusters_html(clusters: Sequence[Cluster], *, title: str | None = None,
                  limit: int | None = NOTEBOOK_LIMIT, min_size: int = 2) -> str:
    """Each cluster of at least ``min_size`` values as a small table (value, count, evidence), the
    others counted; ``limit`` clusters at most (``None``: all). ``title`` makes it a full page."""
    esc = html.escape
    shown = [c for c in clusters if len(c.members) >= min_size]
    rest = len(clusters) - len(shown)
    parts = []
    if title is not None:
        parts.append(f"<h1 style=\"font-family:system-ui,sans-serif\">{esc(title)}</h1>")
    values = sum(len(c.members) for c in clusters)
    grouped = sum(len(c.members) for c in shown)
    parts.append(f"<p style=\"font-family:system-ui,sans-serif;font-size:13px\">{len(shown)} cluster(s) "
                 f"of {min_size}+ values hold {grouped} of {values} distinct values; {rest} value(s) stand "
                 "alone.</p>")
    for c in shown[:limit] if limit is not None else shown:
        parts.append(_cluster_table(c))
    if limit is not None and len(shown) > limit:
        parts.append(f"<p style=\"font-family:system-ui,sans-serif;font-size:13px\">... and "
                     f"{len(shown) - limit} more cluster(s)</p>")
    if title is not None and rest:
        # the page is for review: the values left alone are listed too, so none goes unseen
        alone = [c for c in clusters if len(c.members) < min_size]
        items = "".join(f"<li>{esc(m.value)} <span style=\"color:#777\">&times;{m.count}</span></li>"
                        for c in alone for m in c.members)
        font = "font-family:system-ui,sans-serif"
        parts.append(f"<h2 style=\"{font};font-size:15px\">Values that stand alone ({rest})</h2>"
                     f"<ul style=\"{font};font-size:13px\">{items}</ul>")
    left_out = getattr(clusters, "left_out", ())
    if title is not None and left_out:
        items = "".join(f"<li>{esc(v)} <span style=\"color:#777\">&times;{n}: {esc(why)}</span></li>"
                        for v, n, why in left_out)
        font = "font-family:system-ui,sans-serif"
        parts.append(f"<h2 style=\"{font};font-size:15px\">Values left out, naming no entity "
                     f"({len(left_out)})</h2><ul style=\"{font};font-size:13px\">{items}</ul>")
    body = "\n".join(parts)
    if title is None:
        return f"<div class=\"aeronorm-clusters\">{body}</div>"
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title></head>"
            f"<body>{body}</body></html>\n")


def _cluster_table(c: Cluster) -> str:
    esc = html.escape
    zh = f" / {esc(c.zh)}" if c.zh else ""
    anchor = f" &middot; known entity <code>{esc(c.entity_id)}</code>" if c.entity_id else ""
    head = (f"<caption style=\"text-align:left;font-weight:600;padding:4px 0\">{esc(c.canonical)}{zh} "
            f"<span style=\"font-weight:400;color:#555\">[<code>{esc(c.id)}</code>, {esc(c.type)}] "
            f"&middot; {len(c.members)} values, {c.count} rows &middot; confidence {c.confidence:.2f}"
            f"{anchor}</span></caption>")
    rows = [f"<tr><th style=\"{_HEAD}\">value</th><th style=\"{_HEAD}\">count</th>"
            f"<th style=\"{_HEAD}\">evidence</th></tr>"]
    for m in c.members:
        ev = m.evidence
        if ev is None:
            why = "<span style=\"color:#777\">first value</span>"
        else:
            color = _KIND_COLORS.get(ev.kind, "#eee")
            via = f" to <q>{esc(ev.via)}</q>" if ev.via is not None else ""
            detail = f" <span style=\"color:#555\">({esc(ev.detail)})</span>" if ev.detail else ""
            why = (f"<span style=\"background:{color};border-radius:3px;padding:0 4px\" "
                   f"data-kind=\"{esc(ev.kind)}\">{esc(ev.kind)}</span> {ev.score:.2f}{via}{detail}")
        rows.append(f"<tr><td style=\"{_CELL}\">{esc(m.value)}</td><td style=\"{_CELL};text-align:right\">"
                    f"{m.count}</td><td style=\"{_CELL}\">{why}</td></tr>")
    return (f"<table class=\"aeronorm-cluster\" data-id=\"{esc(c.id)}\" style=\"{_CSS}\">{head}"
            + "".join(rows) + "</table>")
