"""An event or an award is its head noun: a query that names its parties, its subject or its
namesake without it ("Orbix and Lumora", "Major Orbit Project") names them, not the event or
the award. Invented entities."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "orbix", "name": "Orbix Space Corporation", "aliases": ["OSC"]},
    {"id": "lumora", "name": "Lumora Harbour Group", "aliases": ["LHG"]},
    {"id": "pact", "name": "OSC - LHG Strategic Cooperation Agreement", "type": "event"},
    {"id": "prize", "name": "Major Orbit Project Award", "type": "award"},
    {"id": "summit", "name": "Kestrel Orbital Summit Forum", "type": "event"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "OSC and LHG", "OSC - LHG", "LHG Strategic Cooperation",  # the parties, not the agreement
    "Major Orbit Project",  # the project, not the award
    "Kestrel Orbital",
])
def test_a_query_without_the_head_noun_is_not_the_event_or_award(n, query):
    m = n.match(query)
    assert m is None or m.entity_id not in ("pact", "prize", "summit")


@pytest.mark.parametrize(("query", "expected"), [
    ("OSC - LHG Strategic Cooperation Agreement", "pact"),
    ("Major Orbit Project Award", "prize"),
    ("Kestrel Orbital Summit Forum", "summit"),
])
def test_the_event_or_award_with_its_head_noun_is_read(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected
