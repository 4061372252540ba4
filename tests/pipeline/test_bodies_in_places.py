"""A place's name is places and generic words: a naming word more, or an organisation (a place has
no parent organisation), is a body in the place, not the place. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "nanhu", "name": "Nanhu Province", "type": "place", "zh": "南湖省"},
    {"id": "most", "name": "Ministry of Science and Technology", "zh": "科学技术部"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Nanhu Provincial Department of Science and Technology",  # the ministry's department there
    "Nanhu Provincial Ministry of Science and Technology",
    "Nanhu Provincial Department of Education",
])
def test_a_body_of_the_province_is_not_the_province(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Nanhu Province", "nanhu"),
    ("Province of Nanhu", "nanhu"),
    ("Nanhu", "nanhu"),
    ("Ministry of Science and Technology", "most"),
])
def test_the_place_and_the_ministry_still_answer(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected
