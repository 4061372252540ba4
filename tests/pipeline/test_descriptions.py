"""What names no body: common English words read word by word into a Chinese short form (空间中心
is "Space Center", a description every country's centre fits), and a name without the number or
code that the entity's name keeps ("Skylink" for "K9 Skylink": the entity is more specific).
Every name here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "space-centre", "name": "National Space Physics Center, Academy of Stellar Studies",
     "zh": "星学院国家空间物理中心", "zh_aliases": ["空间中心"]},
    {"id": "k9-skylink", "name": "K9 Skylink"},
    {"id": "tianlu-9", "name": "Tianlu 9 Rocket"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Space Center", "Space Centre", "National Space Centre",  # the short form read in common words
    "Skylink",  # without the code
    "Tianlu Rocket",  # without the number
])
def test_a_description_or_a_name_without_its_code_names_nothing(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Academy of Stellar Studies National Space Physics Centre", "space-centre"),  # its English words
    ("空间中心", "space-centre"),  # the short form as written
    ("K9 Skylink", "k9-skylink"),
    ("Tianlu 9", "tianlu-9"),
])
def test_the_name_itself_still_matches(n, query, expected):
    assert _id(n, query) == expected
