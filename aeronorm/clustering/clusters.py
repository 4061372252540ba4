"""What clustering returns: :class:`Cluster` objects with their :class:`Member` values, the
:class:`Evidence` that joined each member, and :class:`Clusters`, the list of them.

A cluster proposes an entity: a canonical name, a Chinese name when a member gives one, an id
and a type, ready to be reviewed and saved as a glossary (:mod:`aeronorm.clustering.export`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..glossary import Entity

__all__ = ["EVIDENCE_KINDS", "Cluster", "Clusters", "Evidence", "Member"]

#: What can join a member to a cluster, from the surest to the least sure kind.
EVIDENCE_KINDS: tuple[str, ...] = (
    "glossary",  # the matcher resolved the value to a known entity
    "same text",  # the same name up to case, spacing, punctuation, traditional characters
    "acronym defined",  # the acronym a member gives for itself in brackets
    "concept key",  # the same words up to translation and order (Space / Aerospace)
    "chinese",  # the Chinese name of the entity, compared through its concepts
    "pinyin",  # the pinyin of a Chinese member, or pinyin standing for English words
    "fuzzy",  # weighted comparison of concept tokens, with the matcher's vetoes
    "typo",  # the same, with a word one or two letters apart
    "proper name",  # a brand only these values write, and nothing that sets them apart
    "parent name",  # the same name with the name of its parent, which the column names too
    "acronym derived",  # an acronym spelt by the initials of one cluster's names
    "unit",  # with units="with_parent": a unit of another value (its parent), rolled up into its cluster
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a member is in its cluster.

    Attributes
    ----------
    kind : str
        One of :data:`EVIDENCE_KINDS`.
    score : float
        How sure this evidence is (the matcher's calibrated scores).
    via : str or None
        The member it was joined to (``None`` for a glossary anchor: it was joined to the entity);
        for a ``"unit"``, its parent: ``str(evidence)`` reads "unit of 'X' ...".
    detail : str
        The key, acronym or tokens that matched.
    """

    kind: str
    score: float
    via: str | None
    detail: str = ""

    def __str__(self) -> str:
        where = f" {'of' if self.kind == 'unit' else 'to'} {self.via!r}" if self.via is not None else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.kind}{where}{detail}, {self.score:.2f}"


@dataclass(frozen=True, slots=True)
class Member:
    """One distinct input value of a cluster, how often it occurs, and why it is there
    (``evidence`` is ``None`` for the member the others were joined to)."""

    value: str
    count: int
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Cluster:
    """Values of a column that name one entity, and the entity they propose.

    Attributes
    ----------
    id : str
        Proposed entity id (the known entity's id when anchored to a glossary).
    canonical : str
        Proposed canonical English name (the known entity's when anchored).
    zh : str
        Proposed Chinese name, ``""`` when no member gives one.
    type : str
        Entity type for the draft glossary.
    members : tuple of Member
        The distinct values, the one the others were joined to first.
    confidence : float
        The score of the weakest evidence that holds the cluster together (1.0 for one value).
    entity_id : str or None
        The known entity the cluster is anchored to, when clustering with a glossary.
    entity : Entity or None
        That entity.
    """

    id: str
    canonical: str
    zh: str
    type: str
    members: tuple[Member, ...]
    confidence: float
    entity_id: str | None = None
    entity: Entity | None = field(default=None, repr=False, compare=False)

    @property
    def values(self) -> list[str]:
        """The members' values."""
        return [m.value for m in self.members]

    @property
    def count(self) -> int:
        """Rows of the column in this cluster."""
        return sum(m.count for m in self.members)

    def __len__(self) -> int:
        return len(self.members)

    def __iter__(self) -> Iterator[Member]:
        return iter(self.members)

    def explain(self) -> str:
        """The cluster and the evidence of each member, for a person."""
        anchor = f", anchored to {self.entity_id}" if self.entity_id else ""
        zh = f" / {self.zh}" if self.zh else ""
        lines = [f"{self.canonical}{zh} [{self.id}, {self.type}], {len(self.members)} value(s), "
                 f"{self.count} row(s), confidence {self.confidence:.2f}{anchor}"]
        for m in self.members:
            why = str(m.evidence) if m.evidence is not None else "first member"
            lines.append(f"  {m.value!r} x{m.count}: {why}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .export import clusters_html

        return clusters_html([self], min_size=1)


class Clusters(list):  # type: ignore[type-arg]
    """The clusters of a column, largest first: a ``list`` of :class:`Cluster`.

    ``missing`` counts the missing values (``None``, NaN, blank) left out. ``left_out`` lists
    the other values left out, as ``(value, count, reason)``, most rows first: placeholders
    (``N/A``, ``NULL``, ``unknown``) and values with no letter, digit or Chinese character
    (``-``, ``?``), which name no entity (the review table lists them with the reason). Renders as
    a review table in Jupyter; :meth:`to_glossary` and :meth:`to_frame` turn it into a glossary
    or a frame.
    """

    def __init__(self, clusters: Any = (), missing: int = 0, left_out: Any = ()):
        super().__init__(clusters)
        self.missing = missing
        self.left_out: list[tuple[str, int, str]] = list(left_out)

    def groups(self, *, min_size: int = 2) -> list[Cluster]:
        """The clusters of at least ``min_size`` values (what there is to review)."""
        return [c for c in self if len(c.members) >= min_size]

    def to_records(self, *, min_size: int = 1) -> list[dict[str, Any]]:
        """Glossary records of the clusters (see :func:`~aeronorm.clustering.export.glossary_records`)."""
        from .export import glossary_records

        return glossary_records(self, min_size=min_size)

    def to_glossary(self, *, min_size: int = 1) -> Any:
        """The clusters as a :class:`~aeronorm.Glossary`: each member maps to its canonical name."""
        from ..glossary import Glossary

        return Glossary.from_records(self.to_records(min_size=min_size))

    def to_yaml(self, *, min_size: int = 1, header: str = "") -> str:
        """The draft glossary as YAML in the shipped format (``aeronorm ... --glossary FILE``),
        ``header`` as comment lines at the top."""
        from .export import glossary_yaml

        return glossary_yaml(self, min_size=min_size, header=header)

    def to_frame(self) -> Any:
        """A tidy pandas DataFrame, one row per distinct value
        (:func:`~aeronorm.clustering.export.review_rows`)."""
        import pandas as pd

        from .export import REVIEW_COLUMNS, review_rows

        return pd.DataFrame(review_rows(self), columns=list(REVIEW_COLUMNS))

    def _repr_html_(self) -> str:
        from .export import clusters_html

        return clusters_html(self)
