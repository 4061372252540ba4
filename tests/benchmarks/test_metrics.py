"""benchmarks/_metrics.py: B-cubed and pairwise scores, checked by hand and against a direct
reference implementation (every item against every item, every pair)."""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _metrics as metrics  # noqa: E402


def reference_bcubed(pred, truth):
    n = len(pred)
    p = sum(sum(pred[j] == pred[i] and truth[j] == truth[i] for j in range(n))
            / sum(pred[j] == pred[i] for j in range(n)) for i in range(n)) / n
    r = sum(sum(pred[j] == pred[i] and truth[j] == truth[i] for j in range(n))
            / sum(truth[j] == truth[i] for j in range(n)) for i in range(n)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def reference_pairwise(pred, truth):
    pairs = list(itertools.combinations(range(len(pred)), 2))
    predicted = {(i, j) for i, j in pairs if pred[i] == pred[j]}
    true = {(i, j) for i, j in pairs if truth[i] == truth[j]}
    precision = len(predicted & true) / len(predicted) if predicted else None
    recall = len(predicted & true) / len(true) if true else 1.0
    return precision, recall, len(predicted), len(true)


def test_worked_example():
    truth = ["A", "A", "A", "B", "B"]
    pred = [1, 1, 2, 2, 2]
    # B-cubed precision: items 0, 1 -> 1; item 2 -> 1/3; items 3, 4 -> 2/3: mean 11/15.
    # Recall: items 0, 1 -> 2/3; item 2 -> 1/3; items 3, 4 -> 1: mean 11/15.
    p, r, f = metrics.bcubed(pred, truth)
    assert p == pytest.approx(11 / 15) and r == pytest.approx(11 / 15) and f == pytest.approx(11 / 15)
    # Pairs: predicted (0,1) (2,3) (2,4) (3,4); true (0,1) (0,2) (1,2) (3,4); both: (0,1) (3,4).
    assert metrics.pairwise(pred, truth) == (0.5, 0.5, 4, 4)


def test_every_item_alone_and_all_in_one():
    truth = ["A", "A", "B", "C", "C", "C"]
    alone = list(range(6))
    p, r, _ = metrics.bcubed(alone, truth)
    assert p == 1.0 and r == pytest.approx(3 / 6)  # one item per true cluster is "found"
    assert metrics.pairwise(alone, truth) == (None, 0.0, 0, 1 + 3)
    one = [0] * 6
    p, r, _ = metrics.bcubed(one, truth)
    assert r == 1.0 and p == pytest.approx((2 * 2 + 1 + 3 * 3) / 36)
    precision, recall, predicted, true = metrics.pairwise(one, truth)
    assert (precision, recall, predicted, true) == (pytest.approx(4 / 15), 1.0, 15, 4)


def test_perfect_prediction_under_other_labels():
    truth = ["x", "y", "x", "z", "y"]
    pred = [7, 3, 7, 9, 3]
    assert metrics.bcubed(pred, truth) == (1.0, 1.0, 1.0)
    assert metrics.pairwise(pred, truth) == (1.0, 1.0, 2, 2)


@pytest.mark.parametrize("seed", range(25))
def test_agrees_with_reference_on_random_partitions(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 30)
    truth = [rng.randrange(max(1, n // rng.randint(1, 4))) for _ in range(n)]
    pred = [rng.randrange(max(1, n // rng.randint(1, 4))) for _ in range(n)]
    assert metrics.bcubed(pred, truth) == pytest.approx(reference_bcubed(pred, truth))
    got = metrics.pairwise(pred, truth)
    want = reference_pairwise(pred, truth)
    assert got[2:] == want[2:] and got[1] == pytest.approx(want[1])
    assert (got[0] is None) == (want[0] is None) and (got[0] is None or got[0] == pytest.approx(want[0]))


def test_cluster_scores_bundles_both():
    s = metrics.cluster_scores([1, 1, 2, 2, 2], ["A", "A", "A", "B", "B"])
    assert (s.items, s.predicted_clusters, s.true_clusters) == (5, 2, 2)
    assert s.pairwise_precision == 0.5 and s.bcubed_f1 == pytest.approx(11 / 15)
    assert set(s.to_json()) >= {"bcubed_precision", "pairwise_recall", "predicted_pairs"}


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="aligned"):
        metrics.bcubed([1, 2], ["a"])
    with pytest.raises(ValueError, match="no items"):
        metrics.bcubed([], [])


def test_labels_from_clusters_reports_irregular_members():
    values = ["a", "b", "c", "d"]
    labels, issues = metrics.labels_from_clusters(values, [["a", "b"], ["b", "zz"]])
    assert labels[0] == labels[1]  # "b" stays in the first cluster that holds it
    assert len({labels[2], labels[3], labels[0]}) == 3  # dropped values are singletons, not merged
    assert issues == {"missing": 2, "duplicated": 1, "foreign": 1}
    with pytest.raises(ValueError, match="distinct"):
        metrics.labels_from_clusters(["a", "a"], [])
