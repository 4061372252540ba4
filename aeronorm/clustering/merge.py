"""Joining items into clusters, strongest evidence first, never across a veto.

:class:`Merger` is a union-find whose unions may be refused: two clusters join only when no
member of one conflicts with a member of the other (cannot-link), and never when they are
anchored to two different known entities. This is what keeps single-link clustering from
chaining (CASC - China Aerospace Science and Technology - ... - CASIC): the weakest link of a
chain must agree with every member it would bring in, not only with its neighbour.

Each cluster is also a spanning tree: every member but the first (or the anchored ones) keeps
the one edge that joined it, which is the evidence shown for it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from .evidence import Edge

__all__ = ["MAX_CHECKS", "Merger"]

#: Most member pairs compared for one union; a larger union is refused (precision first).
MAX_CHECKS = 20_000


class Merger:
    """Clusters of ``n`` items.

    Parameters
    ----------
    n : int
        Number of items.
    conflict : callable
        ``conflict(i, j)``: items ``i`` and ``j`` can never share a cluster.
    signature : callable
        ``signature(i)``: items with equal signatures conflict alike, so only one of them is
        compared (a cluster of a hundred spellings of one name costs one comparison).
    """

    def __init__(self, n: int, conflict: Callable[[int, int], bool], signature: Callable[[int], Hashable]):
        self._up = list(range(n))
        self._conflict = conflict
        self._signature = signature
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}
        self._reps: dict[int, dict[Hashable, int]] = {}
        self.anchor: dict[int, str] = {}  # root -> entity id
        self.tree_parent: list[int | None] = [None] * n
        self.tree_edge: list[Edge | None] = [None] * n
        self.anchored: set[int] = set()  # items joined to a known entity, not to a member

    def find(self, i: int) -> int:
        """The root of item ``i``'s cluster."""
        up = self._up
        while up[i] != i:
            up[i] = up[up[i]]
            i = up[i]
        return i

    def reps(self, root: int) -> dict[Hashable, int]:
        reps = self._reps.get(root)
        if reps is None:
            reps = self._reps[root] = {}
            for i in self.members[root]:
                reps.setdefault(self._signature(i), i)
        return reps

    def anchor_items(self, items: list[int], entity_id: str) -> None:
        """Put ``items`` in one cluster anchored to a known entity (no veto: the glossary knows)."""
        first = self.find(items[0])
        for i in items:
            self.anchored.add(i)
            self._union(first, self.find(i))
            first = self.find(first)
        self.anchor[first] = entity_id

    def join(self, edge: Edge) -> bool:
        """Join the clusters of ``edge.a`` and ``edge.b`` unless they conflict; True if joined."""
        ra, rb = self.find(edge.a), self.find(edge.b)
        if ra == rb:
            return False
        anchor_a, anchor_b = self.anchor.get(ra), self.anchor.get(rb)
        if anchor_a is not None and anchor_b is not None:
            return False  # two known entities
        if self._conflicting(ra, rb):
            return False
        # hang the cluster that has no anchor under the other, through the edge; of two clusters
        # without one, the smaller under the larger (a value joins a cluster, whichever end of the
        # edge it is: the order of the items plays no part in which member is the first)
        if anchor_b is None and (anchor_a is not None or len(self.members[ra]) >= len(self.members[rb])):
            self._reroot(edge.b, edge.a, edge)
        else:
            self._reroot(edge.a, edge.b, edge)
        root = self._union(ra, rb)
        anchor = anchor_a or anchor_b
        if anchor is not None:
            self.anchor[root] = anchor
        return True

    def attach(self, edge: Edge) -> bool:
        """Hang the cluster of ``edge.b`` under ``edge.a`` through ``edge`` with no veto: a unit
        rolled up into its parent's cluster (:mod:`.units` decides when); the parent's anchor,
        if any, stays. True if joined."""
        ra, rb = self.find(edge.a), self.find(edge.b)
        if ra == rb:
            return False
        anchor = self.anchor.get(ra)
        self._reroot(edge.b, edge.a, edge)
        root = self._union(ra, rb)
        if anchor is not None:
            self.anchor[root] = anchor
        return True

    def _conflicting(self, ra: int, rb: int) -> bool:
        reps_a, reps_b = self.reps(ra), self.reps(rb)
        if len(reps_a) * len(reps_b) > MAX_CHECKS:
            return True
        conflict = self._conflict
        return any(conflict(i, j) for i in reps_a.values() for j in reps_b.values())

    def _reroot(self, v: int, u: int, edge: Edge) -> None:
        """Make ``v`` the top of its tree, then hang it under ``u`` by ``edge``."""
        parent, edges = self.tree_parent, self.tree_edge
        prev, prev_edge, x = u, edge, v
        while x is not None:
            nxt, nxt_edge = parent[x], edges[x]
            parent[x], edges[x] = prev, prev_edge
            prev, prev_edge, x = x, nxt_edge, nxt

    def _union(self, ra: int, rb: int) -> int:
        if ra == rb:
            return ra
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self._up[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        reps_a, reps_b = self._reps.get(ra), self._reps.pop(rb, None)
        if reps_a is not None:
            if reps_b is None:
                del self._reps[ra]  # recomputed when next needed
            else:
                for sig, i in reps_b.items():
                    reps_a.setdefault(sig, i)
        self.anchor.pop(rb, None)
        return ra

    def clusters(self) -> list[list[int]]:
        """The clusters as lists of items, each in the order its items were first seen."""
        return [sorted(m) for m in self.members.values()]
