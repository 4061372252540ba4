"""The glossary's parent links in the fuzzy stage: an entity belongs to its ancestors whether its
names say so or not (a query stating another parent names another body), and a word only an
entity and its own descendants have still names it. Invented entities under real parents."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "casc", "name": "China Aerospace Science and Technology Corporation", "abbreviations": ["CASC"]},
    {"id": "zephyr-satcom", "name": "Zephyr Satellite Communications Co., Ltd.", "parent": "casc"},
    {"id": "vega", "name": "Vega Navigation Satellite System"},
    {"id": "vega-3", "name": "Vega-3", "parent": "vega"},
    {"id": "vega-3-ground", "name": "Vega-3 Ground Segment", "parent": "vega-3"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", ["China Mobile Zephyr Satellite Communications Co., Ltd.",
                                   "China Telecom Zephyr Satellite Communications"])
def test_a_query_stating_another_parent_names_another_body(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize("query", ["Zephyr Satellite Communications", "CASC Zephyr Satellite Communications"])
def test_the_entity_with_its_own_parent_or_none_stated(n, query):
    assert _id(n, query) == "zephyr-satcom"


def test_a_word_only_the_entity_and_its_descendants_have_names_it(n):
    assert _id(n, "Vega Navigation Satellite") == "vega"
