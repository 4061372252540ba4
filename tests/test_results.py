"""aeronorm.results: a Match made the fast way (Match.of, Match.of_many) is the constructor's Match."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aeronorm.glossary.entity import Entity
from aeronorm.results import METHODS, Candidate, Match

_text = st.text(max_size=12)
_entities = st.builds(
    Entity,
    id=st.text(min_size=1, max_size=8),
    name=st.text(min_size=1, max_size=12),
    type=st.sampled_from(["org", "person", "title", "place"]),
    description=_text,
    templates=st.sampled_from([(), ("Secretary of the CPC {province} Committee",)]),
)
_candidates = st.lists(st.builds(Candidate, _text, _text, st.floats(0, 1)), max_size=2).map(tuple)
_evidence = st.lists(_text, max_size=3).map(tuple)
_scores = st.floats(allow_nan=False) | st.integers(0, 1)


def _public(query: str, entity: Entity, score: float, method: str, evidence: tuple[str, ...],
            candidates: tuple[Candidate, ...], slot: str) -> Match:
    """The Match the public constructor makes of the same values."""
    return Match(query, entity.id, entity.canonical(slot), entity.type, score, method,  # type: ignore[arg-type]
                 evidence, candidates, slot, entity.description)


def _same(fast: Match, public: Match) -> None:
    assert type(fast) is Match
    assert fast == public and hash(fast) == hash(public)
    assert repr(fast) == repr(public) and fast.explain() == public.explain()
    assert dataclasses.astuple(fast) == dataclasses.astuple(public)
    assert dataclasses.asdict(fast) == dataclasses.asdict(public)
    assert fast.description == public.description  # not compared by ==: checked on its own
    again = pickle.loads(pickle.dumps(fast))
    assert type(again) is Match and again == public and again.description == public.description
    assert copy.deepcopy(fast) == public and copy.copy(fast) == public
    assert dataclasses.replace(fast, score=0.5) == dataclasses.replace(public, score=0.5)


@given(query=_text, entity=_entities, score=_scores, method=st.sampled_from(METHODS), evidence=_evidence,
       candidates=_candidates, slot=st.sampled_from(["", "Fujian", "Hainan"]))
def test_of_is_the_constructors_match(query, entity, score, method, evidence, candidates, slot):
    fast = Match.of(query, entity, score, method, evidence, candidates, slot=slot)
    _same(fast, _public(query, entity, score, method, evidence, candidates, slot))


@given(rows=st.lists(st.tuples(_text, _entities, _evidence), max_size=5), score=_scores,
       method=st.sampled_from(METHODS))
def test_of_many_is_of_each(rows, score, method):
    queries = [q for q, _, _ in rows]
    entities = [e for _, e, _ in rows]
    evidence = [ev for _, _, ev in rows]
    made = Match.of_many(queries, entities, score, method, evidence)
    assert len(made) == len(rows)
    for m, (q, e, ev) in zip(made, rows, strict=True):
        _same(m, _public(q, e, score, method, ev, (), ""))


def test_of_many_wants_as_many_entities_and_evidence_as_queries():
    e = Entity("x", "X Space Works")
    with pytest.raises(ValueError, match="zip"):
        Match.of_many(["a", "b"], [e], 1.0, "exact", [(), ()])


def test_a_fast_match_is_still_frozen():
    m = Match.of("CSF", Entity("csf", "China Space Foundation"), 1.0, "exact", ("abbreviation 'CSF'",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.score = 0.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del m.query  # type: ignore[misc]
    assert not hasattr(m, "__dict__")  # slotted, as the constructor's
    assert {m: 1}[Match("CSF", "csf", "China Space Foundation", "org", 1.0, "exact",
                        ("abbreviation 'CSF'",))] == 1


def test_a_subclass_gets_its_own_constructor():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Tagged(Match):
        tag: str = "t"

    e = Entity("csf", "China Space Foundation")
    m = Tagged.of("CSF", e, 1.0, "exact")
    assert type(m) is Tagged and m.tag == "t" and m.canonical == "China Space Foundation"
    (many,) = Tagged.of_many(["CSF"], [e], 1.0, "exact", [()])
    assert type(many) is Tagged and many == m
