"""Known names found in running text: :class:`Mention`, :class:`Mentions` and :class:`NormalizedText`.

:meth:`Normalizer.find <aeronorm.Normalizer.find>` returns :class:`Mentions` (a list of
:class:`Mention` that remembers its text); :meth:`Normalizer.normalize_text
<aeronorm.Normalizer.normalize_text>` returns :class:`NormalizedText` (a ``str`` that remembers
what it replaced). All three render as highlighted HTML in Jupyter (see :mod:`aeronorm.render`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .results import Match

__all__ = ["Mention", "Mentions", "NormalizedText", "Replacement"]


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
        from .render import render_mentions

        return render_mentions(self.text, [Mention(0, len(self.text), self.text, self.match)])


class Mentions(list):  # type: ignore[type-arg]
    """The mentions of one text, in text order: a ``list`` of :class:`Mention` with ``.source``.

    Renders as the text with every mention highlighted in Jupyter.
    """

    def __init__(self, mentions: Any = (), source: str = ""):
        super().__init__(mentions)
        self.source = source

    def _repr_html_(self) -> str:
        from .render import render_mentions

        return render_mentions(self.source, self)

    def counts(self) -> Counter[str]:
        """How often each entity id is mentioned."""
        return Counter(m.entity_id for m in self)


@dataclass(frozen=True, slots=True)
class Replacement:
    """One mention rewritten by :meth:`Normalizer.normalize_text`.

    ``start``/``end`` index the source text, ``out_start``/``out_end`` the normalised one.
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
        from .render import render_normalized

        return render_normalized(self)
