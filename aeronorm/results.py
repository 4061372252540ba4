"""What aeronorm returns: :class:`Match` (and its runners-up), and mentions in text.

* :class:`Match`: the entity a name was resolved to, with score, method and evidence;
  :class:`Candidate`: a runner-up;
* :class:`Mention`, :class:`Mentions`: known names found in running text;
  :class:`NormalizedText`, :class:`Replacement`: a text with its mentions rewritten.

All render as highlighted HTML in Jupyter (see :mod:`aeronorm.render`).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, get_args

from .render import render_mentions, render_normalized

if TYPE_CHECKING:
    from .glossary.entity import Entity

__all__ = [
    "METHODS",
    "Candidate",
    "Match",
    "Mention",
    "Mentions",
    "Method",
    "NormalizedText",
    "Replacement",
]

#: How a match was found: the stage that found it.
Method = Literal[
    "exact", "chinese", "template", "concept", "abbreviation", "person", "pinyin", "aligned", "fuzzy",
    "spelling", "retranslation",
]
#: Every :data:`Method`, in pipeline order.
METHODS: tuple[str, ...] = get_args(Method)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A runner-up: an entity that scored but was not chosen."""

    entity_id: str
    canonical: str
    score: float


@dataclass(frozen=True, slots=True)
class Match:
    """The entity a name was resolved to, and why.

    Attributes
    ----------
    query : str
        The name as given.
    entity_id : str
        Stable id of the entity.
    canonical : str
        Its canonical English name.
    type : str
        Its entity type (``org``, ``person``, ...).
    score : float
        Confidence in 0..1; the same threshold means the same at every stage.
    method : Method
        The stage that found it: one of :data:`METHODS` (``exact``, ``chinese``, ``template``,
        ``concept``, ``abbreviation``, ``person``, ``pinyin``, ``aligned``, ``fuzzy``, ``spelling``,
        ``retranslation``).
    evidence : tuple of str
        The keys, tokens or translation that matched.
    candidates : tuple of Candidate
        Runners-up, best first.
    slot : str
        What filled the slot of a title template, as written ("Fujian" of "Secretary of CPC
        Fujian Provincial Committee"); ``canonical`` holds it too. ``""`` otherwise.
    description : str
        The entity's description (what tells it apart), for a person; never written into text.
    """

    query: str
    entity_id: str
    canonical: str
    type: str
    score: float
    method: Method
    evidence: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = field(default=())
    slot: str = ""
    description: str = field(default="", compare=False)

    @classmethod
    def of(
        cls,
        query: str,
        entity: Entity,
        score: float,
        method: Method,
        evidence: tuple[str, ...] = (),
        candidates: tuple[Candidate, ...] = (),
        *,
        slot: str = "",
    ) -> Match:
        """The match of ``query`` to ``entity`` (its id, canonical name and type, its description);
        with ``slot``, the canonical name is the entity's template with that slot filled.

        The same :class:`Match` as the constructor's, made about four times as fast (see
        :class:`_MatchDraft`): every stage makes its matches here.
        """
        if cls is not Match:  # a subclass may add fields: its own constructor
            return cls(query, entity.id, entity.canonical(slot), entity.type, score, method, evidence,
                       candidates, slot, entity.description)
        m = _new(_MatchDraft)
        m.query = query
        m.entity_id = entity.id
        m.canonical = entity.canonical(slot) if slot else entity.name  # canonical("") is the name
        m.type = entity.type
        m.score = score
        m.method = method
        m.evidence = evidence
        m.candidates = candidates
        m.slot = slot
        m.description = entity.description
        m.__class__ = Match
        return m  # type: ignore[return-value]

    @classmethod
    def of_many(
        cls, queries: Sequence[str], entities: Sequence[Entity], score: float, method: Method,
        evidence: Sequence[tuple[str, ...]],
    ) -> list[Match]:
        """:meth:`of` of each query, its entity and its evidence, alike in score and method
        (no runners-up, no slot): one loop for a batch of hits."""
        if cls is not Match:
            return [cls.of(q, e, score, method, ev)
                    for q, e, ev in zip(queries, entities, evidence, strict=True)]
        out = []
        for query, entity, ev in zip(queries, entities, evidence, strict=True):
            m = _new(_MatchDraft)
            m.query = query
            m.entity_id = entity.id
            m.canonical = entity.name  # canonical(""): no slot
            m.type = entity.type
            m.score = score
            m.method = method
            m.evidence = ev
            m.candidates = ()
            m.slot = ""
            m.description = entity.description
            m.__class__ = Match
            out.append(m)
        return out  # type: ignore[return-value]

    def explain(self) -> str:
        """A few lines telling a person why this entity was chosen.

        Examples
        --------
        >>> m = Match("NWPU", "nwpu", "Northwestern Polytechnical University", "org", 1.0,
        ...           "exact", ("abbreviation 'NWPU'",))
        >>> print(m.explain())
        'NWPU' -> Northwestern Polytechnical University [nwpu] (org)
          method: exact, score 1.00
          evidence: abbreviation 'NWPU'
        """
        lines = [f"{self.query!r} -> {self.canonical} [{self.entity_id}] ({self.type})"]
        if self.description:
            lines.append(f"  description: {self.description}")
        lines.append(f"  method: {self.method}, score {self.score:.2f}")
        if self.evidence:
            lines.append("  evidence: " + "; ".join(self.evidence))
        if self.candidates:
            lines.append(
                "  runners-up: "
                + "; ".join(f"{c.canonical} [{c.entity_id}] {c.score:.2f}" for c in self.candidates)
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.canonical

    def _repr_html_(self) -> str:
        title = html.escape(f"{self.entity_id} · {self.type} · {self.score:.2f} · {self.method}")
        return (
            f'<span class="aeronorm-match" title="{title}" style="background:#fde68a;'
            f'border-radius:3px;padding:0 3px">{html.escape(self.query)}</span> → '
            f"<b>{html.escape(self.canonical)}</b> <small>[{html.escape(self.entity_id)}, "
            f"{html.escape(self.method)}, {self.score:.2f}]</small>"
        )


class _MatchDraft:
    """A :class:`Match` being filled in: the same slots, in the same order, but not frozen.

    A frozen dataclass's ``__init__`` stores each field through ``object.__setattr__`` (about
    1.2 µs for ten fields); a draft's fields are plain slot stores, then the object becomes a
    :class:`Match` by assigning its class, which Python allows between classes of the same
    layout and checks (a ``TypeError`` if they ever differ, never a wrong object). The result is
    an ordinary :class:`Match`: equality, hash, repr, pickling, ``dataclasses.replace`` alike.
    """

    __slots__ = Match.__slots__  # type: ignore[attr-defined]

    query: str
    entity_id: str
    canonical: str
    type: str
    score: float
    method: Method
    evidence: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    slot: str
    description: str


_new = object.__new__


@dataclass(frozen=True, slots=True)
class Mention:
    """A known name in a text: where it is, how it is written, and what it resolved to.

    Attributes
    ----------
    start, end : int
        Character offsets into the text searched; ``text == source[start:end]``.
    text : str
        The mention as written (a possessive ``'s`` is left outside the span).
    match : Match
        The entity it names, with score, method and evidence.

    Examples
    --------
    >>> import aeronorm
    >>> doc = "Engineers at CASIC's Sixth Academy tested a motor."
    >>> m = aeronorm.find(doc)[0]
    >>> m.text, m.match.entity_id, doc[m.start:m.end] == m.text
    ("CASIC's Sixth Academy", 'casic-6th-academy', True)
    """

    start: int
    end: int
    text: str
    match: Match

    @property
    def entity_id(self) -> str:
        """The id of the entity named."""
        return self.match.entity_id

    @property
    def canonical(self) -> str:
        """The entity's canonical name."""
        return self.match.canonical

    @property
    def type(self) -> str:
        """The entity's type (``org``, ``person``, ...)."""
        return self.match.type

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return render_mentions(self.text, [Mention(0, len(self.text), self.text, self.match)])


class Mentions(list):  # type: ignore[type-arg]
    """The mentions of one text, in text order: a ``list`` of :class:`Mention` with ``.source``.

    Renders as the text with every mention highlighted in Jupyter.
    """

    def __init__(self, mentions: Any = (), source: str = ""):
        super().__init__(mentions)
        self.source = source

    def _repr_html_(self) -> str:
        return render_mentions(self.source, self)

    def counts(self) -> Counter[str]:
        """How often each entity id is mentioned."""
        return Counter(m.entity_id for m in self)


@dataclass(frozen=True, slots=True)
class Replacement:
    """One mention rewritten by :meth:`Normalizer.normalize_text`.

    Attributes
    ----------
    mention : Mention
        The mention in the source text: its offsets there are ``mention.start`` and
        ``mention.end`` (a replacement has no ``start``/``end`` of its own).
    new : str
        What it was replaced by (its own text when it is left as written).
    out_start, out_end : int
        Offsets of ``new`` in the normalised text: ``out[out_start:out_end] == new``.
    changed : bool
        False when the mention already read exactly like its replacement.
    """

    mention: Mention
    new: str
    out_start: int
    out_end: int

    @property
    def changed(self) -> bool:
        """False when the mention already read exactly like its replacement."""
        return self.mention.text != self.new


class NormalizedText(str):
    """A normalised document: a ``str`` that also keeps its source and what was replaced.

    Attributes
    ----------
    source : str
        The text before normalisation.
    replacements : list of Replacement
        Every mention and what it was replaced by, in text order.
    style : str
        ``"canonical"``, ``"abbreviation"`` or ``"annotate"``.
    """

    source: str
    replacements: list[Replacement]
    style: str

    def __new__(cls, value: str, source: str = "", replacements: Any = (), style: str = "canonical"):
        self = super().__new__(cls, value)
        self.source = source
        self.replacements = list(replacements)
        self.style = style
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (NormalizedText, (str(self), self.source, self.replacements, self.style))

    @property
    def mentions(self) -> Mentions:
        """The mentions found in :attr:`source`."""
        return Mentions((r.mention for r in self.replacements), self.source)

    @property
    def changes(self) -> list[Replacement]:
        """The replacements that changed the text."""
        return [r for r in self.replacements if r.changed]

    def _repr_html_(self) -> str:
        return render_normalized(self)
