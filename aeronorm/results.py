"""What a look-up returns: :class:`Match` and its runners-up."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

__all__ = ["Candidate", "Match"]


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
    method : str
        The stage that found it: ``exact``, ``concept``, ``abbreviation``, ``pinyin``,
        ``chinese``, ``fuzzy`` or ``retranslation``.
    evidence : tuple of str
        The keys, tokens or translation that matched.
    candidates : tuple of Candidate
        Runners-up, best first.
    """

    query: str
    entity_id: str
    canonical: str
    type: str
    score: float
    method: str
    evidence: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = field(default=())

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
        lines = [
            f"{self.query!r} -> {self.canonical} [{self.entity_id}] ({self.type})",
            f"  method: {self.method}, score {self.score:.2f}",
        ]
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
