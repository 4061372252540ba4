"""HTML for notebooks and reports: mentions highlighted in their text, in the spirit of displaCy.

Each mention is a ``<mark class="aeronorm-mention">`` coloured by entity type, with a small type
label, and a tooltip (``title``) giving the canonical name, its description (what tells it apart,
never written into the text), type, score and method; the same facts are in ``data-*``
attributes for scripts and tests. A mention left as written (a domain term, or a rewrite that
would change the meaning) is marked ``data-kept``. Styles are inline, so the HTML looks
the same in Jupyter, in a browser, or pasted into a page.

>>> from aeronorm.results import Match
>>> from aeronorm.results import Mention
>>> m = Match("NWPU", "nwpu", "Northwestern Polytechnical University", "org", 1.0, "exact")
>>> html = render_mentions("NWPU won.", [Mention(0, 4, "NWPU", m)])
>>> 'data-id="nwpu"' in html and ">NWPU<" in html
True
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

# Rendering reads results through these shapes only, so that aeronorm.results (whose objects
# render themselves in notebooks) can import this module and not the other way round.


class Mention(Protocol):
    """What rendering reads of a :class:`aeronorm.results.Mention`."""

    start: int
    end: int
    text: str
    match: Any


class Replacement(Protocol):
    """What rendering reads of a :class:`aeronorm.results.Replacement`."""

    mention: Mention
    new: str
    out_start: int
    out_end: int
    changed: bool


class NormalizedText(Protocol):
    """What rendering reads of a :class:`aeronorm.results.NormalizedText`."""

    source: str
    replacements: list[Any]
    mentions: Sequence[Mention]
    changes: list[Any]

    def __getitem__(self, index: slice) -> str: ...

__all__ = ["TYPE_COLORS", "render_mentions", "render_normalized", "render_report", "summarize"]

#: Background colour of a mention, by entity type.
TYPE_COLORS: dict[str, str] = {
    "org": "#7aecec",
    "person": "#aa9cfc",
    "place": "#feca74",
    "program": "#bfe1d9",
    "event": "#ffeb80",
    "award": "#e4e7d2",
    "title": "#c887fb",
    "term": "#ddd",
}
_DEFAULT_COLOR = "#ddd"
_DOC_STYLE = ("line-height:2.4;white-space:pre-wrap;font-family:-apple-system,'Segoe UI',Helvetica,"
              "Arial,sans-serif;font-size:15px;direction:ltr")
_MARK_STYLE = "background:{color};padding:0.2em 0.35em;margin:0 0.1em;line-height:1;border-radius:0.35em"
_LABEL_STYLE = ("font-size:0.7em;font-weight:bold;line-height:1;border-radius:0.35em;"
                "vertical-align:middle;margin-left:0.4em;text-transform:uppercase;opacity:0.75")


def _mark(shown: str, m: Mention, *, original: str | None = None) -> str:
    match = m.match
    description = getattr(match, "description", "")
    about = f" ({description})" if description else ""
    tip = (f"{match.canonical}{about} · {match.type} · score {match.score:.2f} · {match.method}"
           f" · [{match.entity_id}]")
    if original is not None:
        tip = f"was “{original}” → {tip}" if original != shown else f"kept as written; {tip}"
    attrs = {
        "class": f"aeronorm-mention aeronorm-{match.type}",
        "title": tip,
        "data-id": match.entity_id,
        "data-type": match.type,
        "data-canonical": match.canonical,
        "data-score": f"{match.score:.4g}",
        "data-method": match.method,
        "data-start": str(m.start),
        "data-end": str(m.end),
        "style": _MARK_STYLE.format(color=TYPE_COLORS.get(match.type, _DEFAULT_COLOR)),
    }
    if description:
        attrs["data-description"] = description
    if original is not None:
        attrs["data-original"] = original
        if original == shown:
            attrs["data-kept"] = "true"
    rendered = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    label = f'<span class="aeronorm-label" style="{_LABEL_STYLE}">{html.escape(match.type)}</span>'
    return f"<mark {rendered}><span class=\"aeronorm-text\">{html.escape(shown)}</span>{label}</mark>"


def render_mentions(text: str, mentions: Iterable[Mention]) -> str:
    """``text`` as HTML with each mention highlighted (mentions must not overlap).

    Parameters
    ----------
    text : str
        The text searched; mention offsets index it.
    mentions : iterable of Mention

    Returns
    -------
    str
        A ``<div class="aeronorm-doc">`` element.
    """
    out = []
    pos = 0
    for m in sorted(mentions, key=lambda m: m.start):
        out.append(html.escape(text[pos : m.start]))
        out.append(_mark(text[m.start : m.end], m))
        pos = m.end
    out.append(html.escape(text[pos:]))
    return f'<div class="aeronorm-doc" style="{_DOC_STYLE}">{"".join(out)}</div>'


def render_normalized(doc: NormalizedText) -> str:
    """A normalised document as HTML: each replacement highlighted, the original on hover."""
    out = []
    pos = 0
    for r in doc.replacements:
        out.append(html.escape(doc[pos : r.out_start]))
        out.append(_mark(r.new, r.mention, original=r.mention.text))
        pos = r.out_end
    out.append(html.escape(doc[pos:]))
    return f'<div class="aeronorm-doc aeronorm-normalized" style="{_DOC_STYLE}">{"".join(out)}</div>'


def summarize(docs: Sequence[NormalizedText]
              ) -> list[tuple[str, str, str, int, Counter[tuple[str, str]], str]]:
    """Per entity, most mentioned first: (id, canonical, type, mentions, rewrites, description).

    The rewrites counter holds each way the entity was written that the normalisation changed,
    with what was written over it (``("CASIC", "the China Aerospace ... Limited")`` -> 3): the
    text as it now reads, which the style, an article or a kept qualifier may make differ from
    the canonical name.
    """
    count: Counter[str] = Counter()
    info: dict[str, tuple[str, str, str]] = {}
    changed: dict[str, Counter[tuple[str, str]]] = {}
    for doc in docs:
        for r in doc.replacements:
            m = r.mention.match
            count[m.entity_id] += 1
            if m.entity_id not in info:
                info[m.entity_id] = (m.canonical, m.type, getattr(m, "description", ""))
            spellings = changed.setdefault(m.entity_id, Counter())
            if r.changed:
                spellings[r.mention.text, r.new] += 1
    ranked = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(eid, info[eid][0], info[eid][1], n, changed[eid], info[eid][2]) for eid, n in ranked]


def render_report(documents: Sequence[tuple[str, NormalizedText]], *, title: str = "aeronorm report") -> str:
    """A standalone HTML page: every document before and after, and what was normalised.

    Parameters
    ----------
    documents : sequence of (name, NormalizedText)
    title : str
    """
    rows = []
    for eid, canonical, etype, n, spellings, description in summarize([d for _, d in documents]):
        variants = ", ".join(f"“{html.escape(s)}” → “{html.escape(w)}” ×{c}"
                             for (s, w), c in spellings.most_common()) or "—"
        color = TYPE_COLORS.get(etype, _DEFAULT_COLOR)
        about = f"<br><small>{html.escape(description)}</small>" if description else ""
        rows.append(
            f"<tr><td><code>{html.escape(eid)}</code></td><td>{html.escape(canonical)}{about}</td>"
            f'<td><span style="background:{color};padding:0 0.3em;border-radius:0.3em">'
            f"{html.escape(etype)}</span></td><td style='text-align:right'>{n}</td><td>{variants}</td></tr>"
        )
    sections = []
    for name, doc in documents:
        before = render_mentions(doc.source, doc.mentions)
        after = render_normalized(doc)
        sections.append(
            f"<section><h2>{html.escape(name)}</h2>"
            f"<div class='pair'><div><h3>original</h3>{before}</div>"
            f"<div><h3>normalised</h3>{after}</div></div>"
            "</section>"
        )
    total = sum(len(d.replacements) for _, d in documents)
    changed = sum(len(d.changes) for _, d in documents)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0 2em; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.8em; text-align: left; vertical-align: top; }}
.pair {{ display: grid; grid-template-columns: 1fr 1fr; gap: 2em; }}
h3 {{ font-size: 0.8em; text-transform: uppercase; color: #777; margin: 0.5em 0; }}
</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p>{len(documents)} document(s), {total} mention(s) of {len(rows)} entit{'y' if len(rows) == 1 else 'ies'},
{changed} rewritten. Hover a highlight for its canonical name, type, score and method.</p>
<table><thead><tr><th>id</th><th>canonical name</th><th>type</th><th>mentions</th>
<th>spellings rewritten</th></tr></thead><tbody>
{''.join(rows)}
</tbody></table>
{''.join(sections)}
</body></html>
"""
