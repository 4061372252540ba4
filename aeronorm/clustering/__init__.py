"""Clustering a column no glossary covers: translation-aware groups that propose the glossary.

* :mod:`~aeronorm.clustering.items`: the column's distinct values, those folding alike as one item;
* :mod:`~aeronorm.clustering.evidence`: the matcher's comparison and vetoes between two values;
* :mod:`~aeronorm.clustering.keys`, :mod:`~aeronorm.clustering.compare`,
  :mod:`~aeronorm.clustering.names`, :mod:`~aeronorm.clustering.parents`,
  :mod:`~aeronorm.clustering.abbreviations`: the evidence that joins values, found by key
  collision or through the column's inverted index, never over all pairs;
* :mod:`~aeronorm.clustering.romanised`: names read through the Chinese they translate;
* :mod:`~aeronorm.clustering.merge`: clusters joined strongest evidence first, never across a veto;
* :mod:`~aeronorm.clustering.engine`: :func:`cluster`, and the entity each cluster proposes;
* :mod:`~aeronorm.clustering.clusters`: :class:`Cluster`, :class:`Member`, :class:`Evidence`;
* :mod:`~aeronorm.clustering.export`: the draft glossary (YAML), the review table (CSV rows, HTML).

``aeronorm.cluster`` is :func:`cluster`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .clusters import EVIDENCE_KINDS, Cluster, Clusters, Evidence, Member

if TYPE_CHECKING:
    from .engine import DEFAULT_CLUSTER_THRESHOLD, cluster

__all__ = [
    "DEFAULT_CLUSTER_THRESHOLD", "EVIDENCE_KINDS", "Cluster", "Clusters", "Evidence", "Member", "cluster",
]


def __getattr__(name: str) -> Any:
    # The engine (the matcher, the glossary) loads on first use: ``aeronorm`` names the result
    # types (``Clusters``) at import, for ``typing.get_type_hints(aeronorm.cluster)``.
    if name in ("DEFAULT_CLUSTER_THRESHOLD", "cluster"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
