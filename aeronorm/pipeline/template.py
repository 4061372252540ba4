"""Stage 2, template: a title whose slot holds a place or whose body is named with it.

A title of this kind is a template (issue 14): "Secretary of CPC Fujian Provincial Committee" is
the glossary's ``Secretary of the CPC {province} Provincial Committee`` with Fujian in the slot,
and the answer keeps it: ``Secretary of the CPC Fujian Provincial Committee``. A title named with
the body it is the post of ("Deputy Director of CNSA", "CASC Vice President") is that title; where
several titles are written alike (副局长 and 副院长 are both "Deputy Director"), the kind of body
decides (the glossary's ``bodies``), and the body is kept as written:
``Vice Administrator of CNSA``.

The answer's entity is the title with its name filled in (same id, type and description), so that
every caller writes the name with its slot and never a province the text did not name.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from typing import ClassVar

from ..caching import BuildOnce
from ..glossary.entity import Entity, body_kind, fits_body, template_slot, title_bodies
from ..index import Index
from ..lexicon import Kind
from ..resources import load_place_levels
from ..results import Method
from ..text.fold import fold_key, has_han
from .base import Outcome, SharedTables
from .calibration import Calibration
from .query import Query

__all__ = ["TemplateStage"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ARTICLES = frozenset({"the", "a", "an"})
_MAX_SLOT_WORDS = 3
_BODY_TYPES = frozenset({"org", "place", "program"})
# "Deputy Director of CNSA", "CNSA Deputy Director", "CNSA's Deputy Director"
_LINKS = ("of", "at")


class _Template:
    __slots__ = ("after", "before", "entity", "template")

    def __init__(self, entity: int, template: str, before: tuple[str, ...], after: tuple[str, ...]):
        self.entity = entity
        self.template = template
        self.before = before
        self.after = after


class TemplateStage:
    """Titles with a place in their slot, or named with their body (see the module docstring)."""

    name: ClassVar[Method] = "template"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.score = calibration.template
        self.body_score = calibration.title_of_body
        self._templates = BuildOnce(self._build)
        self._places = BuildOnce(lambda: {e.id: e for e in index.entities if e.type == "place"})

    def warm(self) -> None:
        """Build the templates' word patterns and the table of places."""
        self._templates.get()
        self._places.get()

    def _build(self) -> list[_Template]:
        out = []
        for i, e in enumerate(self.index.entities):
            for t in e.templates:
                kind = template_slot(t)
                if kind is None:
                    continue
                head, _, tail = t.partition("{" + kind + "}")
                out.append(_Template(i, t, _words(head), _words(tail)))
        return out

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        text = query.text
        if not text or query.han:
            return None
        spans = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        words = [w for _, _, w in spans]
        if len(words) < 2:
            return None
        found = self._slotted(query, text, spans, words, allowed)
        if found is None:
            found = self._with_body(text, spans, words, allowed)
        return found

    # -- a place in the slot ------------------------------------------------------------------
    def _slotted(self, query: Query, text: str, spans: list[tuple[int, int, str]], words: list[str],
                 allowed: Collection[int] | None) -> Outcome | None:
        if not any(t.kind == Kind.PLACE for t in query.tokens(self.index.lexicon, text)):
            return None  # no place, no slot filled: the cheap common case
        content = [k for k, w in enumerate(words) if w not in _ARTICLES]
        folded = [words[k] for k in content]
        hits: dict[int, tuple[str, str]] = {}
        for t in self._templates.get():
            if allowed is not None and t.entity not in allowed:
                continue
            b, a = len(t.before), len(t.after)
            size = len(folded) - b - a
            if not 1 <= size <= _MAX_SLOT_WORDS or tuple(folded[:b]) != t.before or \
                    tuple(folded[len(folded) - a :]) != t.after:
                continue
            first, last = content[b], content[b + size - 1]
            slot = text[spans[first][0] : spans[last][1]]
            if self._is_place(slot) and self._fits_slot(slot, t.template):
                hits.setdefault(t.entity, (slot, t.template))
        if len(hits) != 1:
            return None
        ((i, (slot, template)),) = hits.items()
        e = self.index.entities[i]
        filled = replace(e, name=e.canonical(slot))
        evidence = (f"template {template!r}", f"slot {slot!r}")
        return Outcome(filled, self.score, "template", evidence)

    def _fits_slot(self, slot: str, template: str) -> bool:
        """Whether the place is of the level the template's slot asks: a province for a
        ``{province}`` (Wuhan's is no Provincial Committee), a city or a municipality for a
        ``{city}`` (Hubei has no Municipal Party Secretary)."""
        kind = template_slot(template)
        if kind not in ("province", "city"):
            return True
        provinces = load_place_levels()[0]
        names = {k for t in self.index.lexicon.tokens(slot) for k in t.keys if has_han(k)}
        if not names:
            return True  # a place the lexicon gives no Chinese name: its level is not known
        in_province_list = bool(names & provinces)
        return in_province_list if kind == "province" else not in_province_list

    def _is_place(self, slot: str) -> bool:
        toks = self.index.lexicon.tokens(slot)
        return bool(toks) and all(t.kind == Kind.PLACE for t in toks)

    # -- a title named with its body ------------------------------------------------------------
    def _with_body(self, text: str, spans: list[tuple[int, int, str]], words: list[str],
                   allowed: Collection[int] | None) -> Outcome | None:
        """"TITLE of BODY" and "BODY TITLE" / "BODY's TITLE", both written as the glossary writes
        them; the answer is "TITLE of BODY" with the body as written."""
        n = len(words)
        for k in range(1, n - 1):  # "Deputy Director of CNSA"
            if words[k] not in _LINKS:
                continue
            title = text[: spans[k - 1][1]]
            start = spans[k + 1][0]
            if words[k + 1] in _ARTICLES and k + 2 < n:
                start = spans[k + 2][0]
            found = self._title_and_body(title, text[spans[k + 1][0] :], text[start:], allowed)
            if found is not None:
                return found
        for k in range(1, n):  # "CNSA Deputy Director", "CASC's vice president"
            body = text[: spans[k - 1][1]]
            bare = re.sub(r"['’]s$", "", body)
            found = self._title_and_body(text[spans[k][0] :], bare, bare, allowed)
            if found is not None:
                return found
        return None

    def _title_and_body(self, title: str, body_written: str, body: str, allowed: Collection[int] | None
                        ) -> Outcome | None:
        index = self.index
        entities = index.entities
        titles = [i for i in index.exact.get(fold_key(title), ()) if entities[i].type == "title"
                  and (allowed is None or i in allowed)]
        if not titles:
            return None
        bodies = [i for i in index.exact.get(fold_key(body), ()) if entities[i].type in _BODY_TYPES]
        if len(bodies) != 1:
            return None
        (b,) = bodies
        kind = self._kind(entities[b])
        if len(titles) > 1:
            fit = [i for i in titles if kind is not None and fits_body(kind, entities[i])]
            if len(fit) != 1:
                return None
            titles = fit
        (i,) = titles
        e = entities[i]
        if title_bodies(e) and (kind is None or not fits_body(kind, e)):
            # the title of another kind of body, or of a body whose kind its names do not tell
            # ("Chief Designer of the X Provincial Office Hall"): the post may be another
            return None
        filled: Entity = replace(e, name=f"{e.name} of {body_written.strip()}")
        evidence = (f"title {title.strip()!r}", f"of {entities[b].id} ({kind or 'body'})")
        return Outcome(filled, self.body_score, "template", evidence)


    def _kind(self, body: Entity) -> str | None:
        """:func:`~aeronorm.glossary.entity.body_kind`, and a place inside another place (its
        glossary parent) is no province: "Governor of Wuhan" (武汉, in Hubei) is no post."""
        kind = body_kind(body)
        if kind == "place" and body.parent in self._places.get():
            return "city"
        return kind


def _words(s: str) -> tuple[str, ...]:
    return tuple(w for w in (m.group().casefold() for m in _WORD.finditer(s)) if w not in _ARTICLES)

