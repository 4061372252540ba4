"""A title is the post its Chinese name says: an English word matches another only through a
Chinese word the title's Chinese name has ("Vice Chairman" is no 副局长, though 主任 is written
"Director" and "Chairman" both). Invented titles."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "vice-admin", "name": "Vice Administrator", "zh": "副局长", "aliases": ["Vice Director"],
     "type": "title"},
    {"id": "office-director", "name": "Director of the Orbital Office", "zh": "轨道办公室主任",
     "type": "title"},
    {"id": "orbit-bureau", "name": "Orbit Bureau", "zh": "轨道局"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def test_a_title_word_through_a_chinese_word_the_title_lacks_is_another_post(n):
    assert _id(n, "Vice Chairman") is None
    assert "副局长" not in n.explain("Vice Chairman") or "Chinese name" in n.explain("Vice Chairman")


@pytest.mark.parametrize(("query", "expected"), [
    ("Vice Director", "vice-admin"),
    ("Vice Administrator", "vice-admin"),
    ("Chairman of the Orbital Office", "office-director"),  # 主任, as its Chinese name has it
])
def test_a_title_word_its_chinese_name_has_still_matches(n, query, expected):
    assert _id(n, query) == expected


RANKS = [
    {"id": "chief-surveyor", "name": "Chief Surveyor", "zh": "总测量师", "type": "title"},
    {"id": "deputy-warden", "name": "Deputy Warden", "zh": "副馆长", "type": "title"},
]


@pytest.fixture(scope="module")
def ranks() -> Normalizer:
    return Normalizer(Glossary.from_records(RANKS))


@pytest.mark.parametrize("query", ["Surveyor", "Warden"])
def test_a_post_without_its_rank_word_is_another_post(ranks, query):
    assert _id(ranks, query) is None
    assert "another post" in ranks.explain(query)


@pytest.mark.parametrize(("query", "expected"), [
    ("Chief Surveyor", "chief-surveyor"), ("Deputy Warden", "deputy-warden"),
    ("deputy warden", "deputy-warden")])
def test_the_whole_post_still_answers(ranks, query, expected):
    assert _id(ranks, query) == expected
