"""A post is all its words, on the query's side too ("General Minister", "Governor-General",
"Co-Dean" are other posts), and an administrative word names a place of one level ("Sanya
Province" is no province). The titles are the shipped glossary's; the places real ones, for the
lexicon knows them."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

TITLES = ("title-minister", "title-governor", "title-president-academy", "title-chief-designer")
PLACES = [
    {"id": "sanya", "name": "Sanya", "zh": "三亚", "type": "place"},
    {"id": "hainan", "name": "Hainan Province", "zh": "海南省", "aliases": ["Hainan"], "type": "place"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    titles = [r for r in Glossary.default().to_records() if r["id"] in TITLES]
    return Normalizer(Glossary.from_records(titles + PLACES))


@pytest.mark.parametrize("query", [
    "General Minister", "Governor-General", "Co-Dean", "Co-Chief Designer",  # other posts
    "Sanya Province",  # another level of place
])
def test_another_post_or_another_level_is_no_answer(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Minister", "title-minister"), ("Governor", "title-governor"),
    ("Chief Designer", "title-chief-designer"),
    ("Sanya", "sanya"), ("Hainan Province", "hainan"), ("Hainan", "hainan"),
])
def test_the_post_and_the_place_themselves_still_match(n, query, expected):
    assert _id(n, query) == expected
