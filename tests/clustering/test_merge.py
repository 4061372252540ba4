"""The constrained union behind clustering: vetoes, anchors, and the evidence tree."""

from __future__ import annotations

from aeronorm.clustering.evidence import Edge
from aeronorm.clustering.merge import MAX_CHECKS, Merger


def merger(n: int, clashes: set[frozenset[int]] = frozenset()) -> Merger:
    return Merger(n, lambda i, j: frozenset((i, j)) in clashes, lambda i: i)


def groups(m: Merger) -> list[list[int]]:
    return sorted(m.clusters())


def test_edges_join_and_a_veto_anywhere_in_the_clusters_refuses():
    m = merger(3, {frozenset((0, 2))})
    assert m.join(Edge(0.9, "fuzzy", 0, 1))
    assert not m.join(Edge(0.9, "fuzzy", 1, 2))  # 2 conflicts with 0, which is in 1's cluster
    assert groups(m) == [[0, 1], [2]]
    assert not m.join(Edge(0.9, "fuzzy", 0, 1))  # already together


def test_two_anchored_clusters_never_join():
    m = merger(4)
    m.anchor_items([0, 1], "a")
    m.anchor_items([2], "b")
    assert not m.join(Edge(1.0, "concept key", 1, 2))
    assert m.join(Edge(1.0, "concept key", 3, 2))  # an unanchored item joins a known entity
    assert groups(m) == [[0, 1], [2, 3]]
    assert m.anchor[m.find(3)] == "b"


def test_each_member_keeps_the_edge_that_joined_it_as_a_tree():
    m = merger(4)
    e1, e2, e3 = Edge(0.9, "fuzzy", 0, 1), Edge(0.95, "pinyin", 2, 3), Edge(0.97, "concept key", 3, 1)
    for e in (e1, e2, e3):
        assert m.join(e)
    # one member has no parent; every other one reaches it through the edges
    parent = m.tree_parent
    roots = [i for i in range(4) if parent[i] is None]
    assert len(roots) == 1
    for i in range(4):
        seen = set()
        while parent[i] is not None:
            assert i not in seen
            seen.add(i)
            edge = m.tree_edge[i]
            assert {edge.a, edge.b} == {i, parent[i]}
            i = parent[i]
        assert i == roots[0]


def test_a_union_too_large_to_check_is_refused():
    n = 2 * (int(MAX_CHECKS ** 0.5) + 2)
    m = Merger(n, lambda i, j: False, lambda i: i)
    half = n // 2
    for i in range(1, half):
        m.join(Edge(1.0, "fuzzy", 0, i))
        m.join(Edge(1.0, "fuzzy", half, half + i))
    assert not m.join(Edge(1.0, "fuzzy", 0, half))


def test_alike_members_are_checked_once():
    calls = []

    def conflict(i, j):
        calls.append((i, j))
        return False

    m = Merger(6, conflict, lambda i: i % 2)  # two signatures
    for i in range(2, 6, 2):
        m.join(Edge(1.0, "fuzzy", 0, i))
    calls.clear()
    assert m.join(Edge(1.0, "fuzzy", 1, 0))
    assert len(calls) == 1
