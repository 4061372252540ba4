"""Clustering metrics for the benchmarks: B-cubed and pairwise precision/recall.

Both compare a predicted partition of items with the true one. Items are given as two
aligned sequences of labels (``predicted[i]`` and ``truth[i]`` are item ``i``'s cluster
labels); every item counts once (distinct values, not rows).

* **B-cubed** (Bagga and Baldwin 1998): for each item, precision is the share of its predicted
  cluster that shares its true cluster, recall the share of its true cluster that is in its
  predicted cluster; both averaged over items.
* **Pairwise**: over the pairs of items put together by the prediction, the share that are
  truly together (precision); over the true pairs, the share the prediction puts together
  (recall). Precision is undefined (``None``) when the prediction joins nothing.

Both are computed from the contingency counts ``n[c, t]`` (items in predicted cluster ``c``
and true cluster ``t``), in time linear in the items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["ClusterScores", "bcubed", "cluster_scores", "labels_from_clusters", "pairwise"]


@dataclass(frozen=True)
class ClusterScores:
    """B-cubed and pairwise scores of one predicted partition."""

    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float | None  # None: no predicted pair
    pairwise_recall: float
    predicted_pairs: int
    true_pairs: int
    items: int
    predicted_clusters: int
    true_clusters: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _counts(
    predicted: Sequence[Hashable], truth: Sequence[Hashable]
) -> tuple[Counter[tuple[Hashable, Hashable]], Counter[Hashable], Counter[Hashable]]:
    if len(predicted) != len(truth):
        raise ValueError(f"predicted has {len(predicted)} labels, truth {len(truth)}: they must be aligned")
    joint = Counter(zip(predicted, truth, strict=True))
    return joint, Counter(predicted), Counter(truth)


def bcubed(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` against ``truth`` (aligned labels).

    Examples
    --------
    >>> bcubed(["a", "a", "b"], [1, 1, 1])  # doctest: +ELLIPSIS
    (1.0, 0.555..., 0.714...)
    """
    joint, pred_size, true_size = _counts(predicted, truth)
    n = len(predicted)
    if not n:
        raise ValueError("no items to score")
    # Each of the n[c,t] items of a cell has n[c,t] items sharing both its clusters.
    precision = sum(k * k / pred_size[c] for (c, _), k in joint.items()) / n
    recall = sum(k * k / true_size[t] for (_, t), k in joint.items()) / n
    return precision, recall, _f1(precision, recall)


def _pairs(k: int) -> int:
    return k * (k - 1) // 2


def pairwise(
    predicted: Sequence[Hashable], truth: Sequence[Hashable]
) -> tuple[float | None, float, int, int]:
    """Pairwise precision (None when no pair is predicted), recall, and the numbers of
    predicted and true pairs.

    Examples
    --------
    >>> pairwise(["a", "a", "a"], [1, 1, 2])  # doctest: +ELLIPSIS
    (0.333..., 1.0, 3, 1)
    """
    joint, pred_size, true_size = _counts(predicted, truth)
    together = sum(_pairs(k) for k in joint.values())
    predicted_pairs = sum(_pairs(k) for k in pred_size.values())
    true_pairs = sum(_pairs(k) for k in true_size.values())
    precision = together / predicted_pairs if predicted_pairs else None
    recall = together / true_pairs if true_pairs else 1.0  # nothing to find: nothing missed
    return precision, recall, predicted_pairs, true_pairs


def cluster_scores(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> ClusterScores:
    """Both metrics at once."""
    bp, br, bf = bcubed(predicted, truth)
    pp, pr, npred, ntrue = pairwise(predicted, truth)
    return ClusterScores(bp, br, bf, pp, pr, npred, ntrue, len(predicted),
                         len(set(predicted)), len(set(truth)))


def labels_from_clusters(
    values: Sequence[str], clusters: Sequence[Sequence[str]]
) -> tuple[list[int], dict[str, int]]:
    """One predicted label per value, from clusters given as lists of member values.

    A value no cluster holds becomes a cluster of its own (a clusterer that drops values
    must not be scored as if it had kept them together); a value held by two clusters keeps
    the first. Returns the labels and the count of each irregularity (``missing``,
    ``duplicated``, ``foreign``: members that are not among ``values``).
    """
    index = {v: i for i, v in enumerate(values)}
    if len(index) != len(values):
        raise ValueError("values must be distinct")
    label: list[int | None] = [None] * len(values)
    issues = {"missing": 0, "duplicated": 0, "foreign": 0}
    for k, members in enumerate(clusters):
        for v in members:
            i = index.get(v)
            if i is None:
                issues["foreign"] += 1
            elif label[i] is not None:
                issues["duplicated"] += 1
            else:
                label[i] = k
    out: list[int] = []
    fresh = len(clusters)
    for lab in label:
        if lab is None:
            issues["missing"] += 1
            out.append(fresh)
            fresh += 1
        else:
            out.append(lab)
    return out, issues
